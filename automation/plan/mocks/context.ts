/* eslint-disable @typescript-eslint/no-explicit-any -- mock inputs and outputs are whatever a resource type carries */
/**
 * What a mock needs to know to invent realistic, deterministic outputs: which stack, which region
 * and account, and a stable hash to build ids from.
 */
import { createHash } from "crypto";

/** The account id every mock ARN carries. */
export const MOCK_ACCOUNT = "123456789012";

export interface MockContext {
    stack: string;
    project: string;
    /** Region of the provider the resource uses (explicit provider's region, else `aws:region`). */
    region: string;
    account: string;
    partition: string;
}

/** A resource registration, as a mock sees it. Inputs are plain values, secrets unwrapped. */
export interface MockResourceArgs {
    type: string;
    name: string;
    urn: string;
    inputs: Record<string, any>;
    custom: boolean;
}

/** A synthetic child a remote component's plugin would create at deploy time. */
export interface MockChild {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

/** What a resource mock returns: extra output properties, and optionally the id and synthetic children. */
export interface MockResult {
    id?: string;
    outputs?: Record<string, unknown>;
    /** Children the real plugin would register under a remote component (recorded as such). */
    children?: MockChild[];
}

export type ResourceMock = (args: MockResourceArgs, ctx: MockContext, base: BaseOutputs) => MockResult;
export type CallMock = (args: Record<string, any>, ctx: MockContext) => Record<string, unknown>;

/** The outputs every mocked resource gets before its type-specific mock runs. */
export interface BaseOutputs {
    id: string;
    arn: string;
    /** A physical name as autonaming would make it: `<name>-<7 hex>`. */
    physicalName: string;
}

/** Stable hex digest of the parts. */
export function hex(len: number, ...parts: string[]): string {
    return createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, len);
}

/** A stable UUID-shaped id (KMS key ids, for example). */
export function uuid(...parts: string[]): string {
    const h = hex(32, ...parts);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
