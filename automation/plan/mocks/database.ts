/**
 * Mocks for the database area: outputs of the resources its components read back (generated
 * passwords and ids, global cluster ids, EventBridge rule names) and the data sources it calls.
 */
import { awsResourceMocks } from "./aws";
import { CallMock, ResourceMock, hex } from "./context";

/** A deterministic stand-in for a generated password; it must never appear in a recording. */
export function mockPassword(urn: string, length: number): string {
    const h = hex(64, "password", urn);
    return `MockPw-${h}`.slice(0, Math.max(length, 16));
}

export const databaseResourceMocks: Record<string, ResourceMock> = {
    // @pulumi/random marks `result` secret (additionalSecretOutputs), as the real provider does.
    "random:index/randomPassword:RandomPassword": (a) => ({
        outputs: { result: mockPassword(a.urn, Number(a.inputs.length ?? 32)), bcryptHash: `$2a$10$${hex(53, a.urn)}` },
    }),
    "random:index/randomId:RandomId": (a) => {
        const bytes = Number(a.inputs.byteLength ?? 8);
        const h = hex(bytes * 2, "randomid", a.urn);
        const buf = Buffer.from(h, "hex");
        return {
            outputs: {
                hex: h,
                dec: BigInt(`0x${h}`).toString(),
                b64Std: buf.toString("base64"),
                b64Url: buf.toString("base64url"),
            },
        };
    },
    // The provider's id of a global cluster is its identifier.
    "aws:rds/globalCluster:GlobalCluster": (a) => ({
        id: String(a.inputs.globalClusterIdentifier),
        outputs: { globalClusterResourceId: `cluster-${hex(20, a.urn)}` },
    }),
    // The provider's id of a cluster is its identifier (explicit, or autonamed when unset); the
    // endpoints, the ARN and the master secret are built on it (mocks/aws.ts's entry, re-based).
    "aws:rds/cluster:Cluster": (a, ctx, b) => {
        const id = String(a.inputs.clusterIdentifier ?? b.id);
        const base = awsResourceMocks["aws:rds/cluster:Cluster"](a, ctx, { ...b, id });
        const arn = `arn:${ctx.partition}:rds:${ctx.region}:${ctx.account}:cluster:${id}`;
        return { ...base, id, outputs: { ...base.outputs, clusterIdentifier: id, arn } };
    },
    "aws:cloudwatch/eventRule:EventRule": (a, _ctx, b) => ({ outputs: { name: a.inputs.name ?? b.physicalName } }),
    "aws:cloudwatch/eventBus:EventBus": (a, _ctx, b) => ({ outputs: { name: a.inputs.name ?? b.physicalName } }),
    "aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup": () => ({ outputs: { name: "default" } }),
    // The provider's id is the replication group id (explicit, or autonamed when unset); the
    // endpoints are built on it (as in mocks/aws.ts, which this entry replaces).
    "aws:elasticache/replicationGroup:ReplicationGroup": (a, ctx, b) => {
        const id = String(a.inputs.replicationGroupId ?? b.physicalName);
        const host = `${id}.${hex(12, id)}.${ctx.region}.cache.amazonaws.com`;
        return {
            id,
            outputs: {
                replicationGroupId: id,
                arn: `arn:${ctx.partition}:elasticache:${ctx.region}:${ctx.account}:replicationgroup:${id}`,
                primaryEndpointAddress: `master.${host}`,
                readerEndpointAddress: `replica.${host}`,
            },
        };
    },
};

export const databaseCallMocks: Record<string, CallMock> = {};
