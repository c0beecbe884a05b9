/**
 * Mocks for the network area: remote components' outputs and the data sources its components call.
 */
import { CallMock, ResourceMock } from "./context";

export const networkResourceMocks: Record<string, ResourceMock> = {};
export const networkCallMocks: Record<string, CallMock> = {};
