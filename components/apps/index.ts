export * from "./PaymentsApp";
export * from "./context";
export * from "./images";
export * from "./namespace";
export * from "./registry";
export * from "./services";
