export * from "./args";
export * from "./regionalEdge";
export * from "./settings";
export * from "./webAcl";
export * from "./edgeDelivery";
export * from "./failover";
export * from "./globalArgs";
export * from "./globalValidation";
