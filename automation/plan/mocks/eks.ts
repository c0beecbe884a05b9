/**
 * Mocks for the eks area: remote components' outputs and the data sources its components call.
 */
import { CallMock, ResourceMock } from "./context";

export const eksResourceMocks: Record<string, ResourceMock> = {};
export const eksCallMocks: Record<string, CallMock> = {};
