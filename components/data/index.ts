export * from "./PaymentsDatabase";
export * from "./PaymentsCache";
export * from "./PaymentsQueue";
export * from "./settings";
export * from "./versions";
export * from "./placement";
export * from "./naming";
export * from "./validation";
