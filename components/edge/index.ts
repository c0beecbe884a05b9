export * from "./args";
export * from "./regionalEdge";
export * from "./settings";
export * from "./webAcl";
