/**
 * The one table of mock answers: data sources by token, resource outputs by type. Each area keeps
 * its entries in its own file; this module only puts them together.
 */
import { awsResourceMocks } from "./aws";
import { callMocks as awsCalls } from "./calls";
import { CallMock, ResourceMock } from "./context";
import { databaseCallMocks, databaseResourceMocks } from "./database";
import { eksCallMocks, eksResourceMocks } from "./eks";
import { networkCallMocks, networkResourceMocks } from "./network";

export * from "./context";
export { baseOutputs } from "./aws";

export const resourceMocks: Record<string, ResourceMock> = {
    ...awsResourceMocks,
    ...networkResourceMocks,
    ...eksResourceMocks,
    ...databaseResourceMocks,
};

export const callMocks: Record<string, CallMock> = {
    ...awsCalls,
    ...networkCallMocks,
    ...eksCallMocks,
    ...databaseCallMocks,
};
