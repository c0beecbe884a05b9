/**
 * Mocks for the database area: remote components' outputs and the data sources its components call.
 */
import { CallMock, ResourceMock } from "./context";

export const databaseResourceMocks: Record<string, ResourceMock> = {};
export const databaseCallMocks: Record<string, CallMock> = {};
