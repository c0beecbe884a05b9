export * from "./PaymentsApp";
export * from "./context";
export * from "./images";
export * from "./namespace";
export * from "./podSecurity";
export * from "./registry";
export * from "./secrets";
export * from "./services";
