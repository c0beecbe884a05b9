/**
 * A valid EksCluster argument set and a recorder for it; each test changes one thing.
 */
import * as pulumi from "@pulumi/pulumi";
import { EksClusterArgs } from "../../../components/eks";
import { EksCluster } from "../../../components/eks/eksCluster";
import { Recorded, record } from "../../harness";

export const AZS = ["eu-central-1a", "eu-central-1b", "eu-central-1c"];
export const SUBNETS = ["subnet-0aaa1111", "subnet-0bbb2222", "subnet-0ccc3333"];
export const ADMIN = "arn:aws:iam::123456789012:role/PlatformAdmin";

export function validArgs(over: Partial<EksClusterArgs> = {}): EksClusterArgs {
    return {
        environment: "prod",
        kubernetesVersion: "1.34",
        clusterName: "prod-eu",
        vpcId: pulumi.output("vpc-0123abcd"),
        vpcCidr: "10.20.0.0/16",
        privateSubnetIds: pulumi.output(SUBNETS),
        availabilityZones: AZS,
        adminRoleArn: pulumi.secret(ADMIN),
        logRetentionDays: 365,
        logKmsKeyArn: "arn:aws:kms:eu-central-1:123456789012:key/11111111-2222-3333-4444-555555555555",
        parameterPath: "/payments/prod/",
        nodeGroups: {
            system: { instanceTypes: ["m6i.large"], capacityType: "ON_DEMAND", minSize: 1, desiredSize: 1, maxSize: 2 },
            apps: { instanceTypes: ["m6i.xlarge"], capacityType: "ON_DEMAND", minSize: 1, desiredSize: 2, maxSize: 6 },
        },
        ingress: { rateLimit: { requestsPerSecond: 50, burst: 100 } },
        ...over,
    };
}

/** Records an EksCluster built from `args` (named "plat"). */
export function recordCluster(args: EksClusterArgs, stack = "prod-frankfurt"): Promise<Recorded> {
    return record(
        () => {
            new EksCluster("plat", args);
        },
        { stack },
    );
}
