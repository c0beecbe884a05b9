export * from "./ObservabilityStack";
export * from "./alarmSpec";
export * from "./matrix";
export * from "./EdgeCanary";
export * from "./canarySpec";
