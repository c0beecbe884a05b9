/**
 * Shared fixtures of the PaymentsDatabase tests: the args of a dev and a prod component, a runner
 * under the recording monitor, and look-ups of the component's key.
 */
import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { PaymentsDatabase, PaymentsDatabaseArgs } from "../../../components/data";
import { Recorded, record } from "../../harness";

export const AZS = ["eu-central-1a", "eu-central-1b", "eu-central-1c"];
export const T = {
    cluster: "aws:rds/cluster:Cluster",
    instance: "aws:rds/clusterInstance:ClusterInstance",
    key: "aws:kms/key:Key",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    proxy: "aws:rds/proxy:Proxy",
    queue: "aws:sqs/queue:Queue",
    rg: "aws:elasticache/replicationGroup:ReplicationGroup",
};

export function args(over: Partial<PaymentsDatabaseArgs> = {}): PaymentsDatabaseArgs {
    return {
        environment: "dev",
        vpcId: pulumi.output("vpc-123"),
        subnetIds: pulumi.output(["subnet-iso-a", "subnet-iso-b", "subnet-iso-c"]),
        availabilityZones: AZS,
        clientSecurityGroups: { eksNodes: pulumi.output("sg-nodes"), eksCluster: pulumi.output("sg-cluster") },
        ...over,
    };
}
export const prodArgs = (over: Partial<PaymentsDatabaseArgs> = {}) =>
    args({
        environment: "prod",
        aurora: {
            readers: 2,
            backupRetentionDays: 14,
            autoscaling: { enabled: true, minReaders: 2, maxReaders: 5, targetCpuPercent: 55 },
        },
        cache: { replicas: 3 },
        ...over,
    });
export const run = (a: PaymentsDatabaseArgs, then?: (db: PaymentsDatabase) => void) =>
    record(() => {
        const db = new PaymentsDatabase("pay", a);
        then?.(db);
    });
export const keyArn = (rec: Recorded) => `arn:aws:kms:eu-central-1:123456789012:key/${rec.one(T.key, "pay-key").id}`;
export const fromKey = (rec: Recorded, r: { propertyDependencies: Record<string, string[]> }, prop: string) =>
    expect(r.propertyDependencies[prop], prop).to.deep.equal([rec.one(T.key, "pay-key").urn]);

/** The dev component the recorded tests share: non-default proxy, queue and legacy-event settings. */
export const devArgs = () =>
    args({
        aurora: { backupRetentionDays: 5 },
        proxy: {
            idleClientTimeoutSeconds: 900,
            maxConnectionsPercent: 80,
            maxIdleConnectionsPercent: 20,
            connectionBorrowTimeoutSeconds: 30,
        },
        queue: { maxReceiveCount: 4, visibilityTimeoutSeconds: 90, messageRetentionSeconds: 86400 },
        legacyEvents: { source: "legacy.billing", detailTypes: ["Charge"] },
    });
