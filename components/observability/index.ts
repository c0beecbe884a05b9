export * from "./ObservabilityStack";
export * from "./alarmSpec";
export * from "./matrix";
