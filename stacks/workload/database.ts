/**
 * Wiring of the database area into a workload stack: the payments data stores in the spoke's
 * isolated subnets, admitting the EKS cluster's security groups.
 */
import { PaymentsDatabase } from "../../components/data";
import { StackContext } from "../context";
import { ClusterAccess, SpokeNetwork, WorkloadExportsPart } from "../contracts";

export function buildDatabase(
    ctx: StackContext,
    spoke: SpokeNetwork,
    cluster: ClusterAccess,
    outputs: WorkloadExportsPart,
): PaymentsDatabase {
    const cfg = ctx.cfg.database;
    const db = new PaymentsDatabase(
        `${ctx.cfg.stack}-payments`,
        {
            environment: ctx.cfg.environment,
            vpcId: spoke.vpcId,
            subnetIds: spoke.isolatedSubnetIds,
            availabilityZones: spoke.availabilityZones,
            // Pods connect from the node security group (the VPC CNI's default mode; with managed node
            // groups and pulumi-eks's skipDefaultSecurityGroups it *is* the EKS cluster group). The
            // control plane never connects to the database, and admitting both ids would create a
            // duplicate rule whenever they are the same group, which EC2 rejects. More clients: allowFrom.
            clientSecurityGroups: { eksNodes: cluster.nodeSecurityGroupId },
            aurora: cfg.aurora,
            proxy: cfg.proxy,
            cache: cfg.cache,
            queue: cfg.queue,
            legacyEvents: cfg.legacyEvents,
            // The path the EKS wiring gives external-secrets (stacks/workload/eks.ts), so workloads
            // can read what the data stores publish there.
            parameterPath: ctx.cfg.eks?.parameterPath ?? `/payments/${ctx.cfg.environment}/`,
        },
        { ...ctx.opts },
    );
    // A typed literal: a key outside the WorkloadStackOutputs contract fails to compile.
    const part: WorkloadExportsPart = {
        dbWriterEndpoint: db.writerEndpoint,
        dbReaderEndpoint: db.readerEndpoint,
        dbProxyEndpoint: db.proxyEndpoint,
        dbProxyReadOnlyEndpoint: db.proxyReadOnlyEndpoint,
        dbPort: db.port,
        dbMasterSecretArn: db.masterSecretArn,
        dbKmsKeyArn: db.kmsKeyArn,
        dbClusterIdentifier: db.clusterIdentifier,
        dbLogGroupName: db.logGroupName,
        dbFinalSnapshotIdentifier: db.finalSnapshotIdentifier,
        dbSecurityGroupId: db.dbSecurityGroupId,
        dbProxySecurityGroupId: db.proxySecurityGroupId,
        cacheSecurityGroupId: db.cache.securityGroupId,
        cachePrimaryEndpoint: db.cache.primaryEndpoint,
        cacheReaderEndpoint: db.cache.readerEndpoint,
        // The name only: the token itself stays in Pulumi state and the SecureString.
        cacheAuthTokenParameterName: db.cache.authTokenParameterName,
        paymentsQueueUrl: db.queue.queueUrl,
        paymentsQueueArn: db.queue.queueArn,
        paymentsDlqArn: db.queue.dlqArn,
        paymentsDlqName: db.queue.dlqName,
        legacyEventBusName: db.queue.busName,
        legacyEventsDlqName: db.queue.eventsDlqName,
    };
    Object.assign(outputs, part);
    return db;
}
