/**
 * Wiring of the database area into a workload stack: the payments data stores in the spoke's
 * isolated subnets, admitting the EKS cluster's security groups. A global secondary reads its
 * primary's outputs (readGlobalPrimary) before any resource; the runbook is exported with the rest.
 */
import * as pulumi from "@pulumi/pulumi";
import { DB_SERVICES } from "../../components/apps/dataAccess/users";
import { PaymentsDatabase } from "../../components/data";
import { globalRunbook } from "../../components/data/runbook";
import { StackSettings } from "../config";
import { GlobalPrimary, auroraSettingsOf, globalRoleOf } from "../config/database";
import { StackContext } from "../context";
import { ClusterAccess, SpokeNetwork, WorkloadExportsPart, WorkloadStackOutputs, readWorkload } from "../contracts";
import { throwIfConfigProblems } from "../preflight";

/** What a secondary reads from its primary's stack: the WorkloadStackOutputs keys of its membership. */
type PrimaryOutputs = Partial<
    Pick<
        WorkloadStackOutputs,
        | "region"
        | "environment"
        | "dbGlobalRole"
        | "dbGlobalClusterIdentifier"
        | "dbEngineVersion"
        | "dbGlobalRpoSeconds"
        | "dbKmsKeyArn"
        | "dbServiceUserSecretArns"
    >
>;

/**
 * A global secondary's view of its primary, read through a stack reference (which creates nothing
 * in AWS) before the provider and every resource; undefined for a primary or a regional cluster.
 * Whatever the primary's outputs can't back (not a primary, an output missing, the region or
 * environment not fitting, a different pinned version) fails here, naming both stacks.
 */
export async function readGlobalPrimary(cfg: StackSettings): Promise<GlobalPrimary | undefined> {
    const g = cfg.database.global;
    const stack = g?.primaryStack;
    if (globalRoleOf(g) !== "secondary" || stack === undefined) return undefined;
    const key = (k: string) => `${pulumi.getProject()}:database.${k}`;
    if (stack.split("/").pop() === cfg.stack)
        throwIfConfigProblems([
            `${key("global.primaryStack")} is "${stack}", this stack itself: name the primary's stack`,
        ]);
    const ref = readWorkload(stack);
    const names = [
        "region",
        "environment",
        "dbGlobalRole",
        "dbGlobalClusterIdentifier",
        "dbEngineVersion",
        "dbGlobalRpoSeconds",
        "dbKmsKeyArn",
        "dbServiceUserSecretArns",
    ] as const;
    const values = await Promise.all(names.map((n) => ref.optionalValue(n)));
    const out = Object.fromEntries(names.map((n, i) => [n, values[i]])) as PrimaryOutputs;
    throwIfConfigProblems(primaryOutputProblems(cfg, stack, out, key));
    return {
        stack,
        globalClusterIdentifier: out.dbGlobalClusterIdentifier!,
        engineVersion: out.dbEngineVersion!,
        rpoSeconds: out.dbGlobalRpoSeconds ? out.dbGlobalRpoSeconds : undefined,
        // An older primary exports no users: its secondary's apps then get none either (validated).
        serviceUsers:
            out.dbServiceUserSecretArns && out.dbKmsKeyArn && out.region
                ? { region: out.region, kmsKeyArn: out.dbKmsKeyArn, secretArns: out.dbServiceUserSecretArns }
                : undefined,
    };
}

/** The primary's outputs against what this secondary needs of them (pure). */
export function primaryOutputProblems(
    cfg: Pick<StackSettings, "stack" | "region" | "environment" | "database">,
    stack: string,
    out: PrimaryOutputs,
    key: (k: string) => string,
): string[] {
    const at = `${key("global.primaryStack")} is "${stack}"`;
    const fix = `run stack ${stack}'s \`pulumi up\` with database.global.role primary first`;
    if (out.dbGlobalRole !== "primary")
        return [
            `${at}, but stack ${stack} ${out.dbGlobalRole === undefined ? "exports no dbGlobalRole" : `exports dbGlobalRole "${out.dbGlobalRole}"`} (read by stack ${cfg.stack}): ${fix}`,
        ];
    const p: string[] = [];
    for (const name of ["dbGlobalClusterIdentifier", "dbEngineVersion"] as const)
        if (typeof out[name] !== "string" || out[name] === "")
            p.push(`${at}, but stack ${stack} exports no ${name} (read by stack ${cfg.stack}): ${fix}`);
    if (out.region === cfg.region)
        p.push(
            `${at}, in this stack's own region ${cfg.region}: a global database holds one cluster per region, so a secondary lives in another`,
        );
    if (out.environment !== undefined && out.environment !== cfg.environment)
        p.push(
            `${at}, a ${out.environment} stack: a ${cfg.environment} stack never holds a copy of another environment's data`,
        );
    const pinned = cfg.database.aurora.engineVersion;
    if (pinned !== undefined && typeof out.dbEngineVersion === "string" && pinned !== out.dbEngineVersion)
        p.push(
            `${key("aurora.engineVersion")} is "${pinned}", the global cluster runs "${out.dbEngineVersion}" (stack ${stack}'s dbEngineVersion): leave it out to follow the primary, or upgrade the global cluster from stack ${stack}`,
        );
    return p;
}

export function buildDatabase(
    ctx: StackContext,
    spoke: SpokeNetwork,
    cluster: ClusterAccess,
    outputs: WorkloadExportsPart,
    primary?: GlobalPrimary,
): PaymentsDatabase {
    const cfg = ctx.cfg.database;
    const aurora = auroraSettingsOf(ctx.cfg.stack, cfg, primary);
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
            aurora,
            proxy: cfg.proxy,
            cache: cfg.cache,
            queue: cfg.queue,
            legacyEvents: cfg.legacyEvents,
            // The path the EKS wiring gives external-secrets (stacks/workload/eks.ts), so workloads
            // can read what the data stores publish there.
            parameterPath: ctx.cfg.eks?.parameterPath ?? `/payments/${ctx.cfg.environment}/`,
            // A torn-down stack loses its outputs; the restore reads the snapshot's id from SSM instead.
            publishFinalSnapshot: ctx.cfg.weekendTeardown,
            // Only with the apps, which are their one consumer (each secret costs; an unused user is a door).
            serviceUsers: ctx.cfg.apps ? [...DB_SERVICES] : [],
            primaryServiceUsers: primary?.serviceUsers,
        },
        { ...ctx.opts },
    );
    // A typed literal: a key outside the WorkloadStackOutputs contract fails to compile.
    const part: WorkloadExportsPart = {
        dbWriterEndpoint: db.writerEndpoint,
        dbReaderEndpoint: db.readerEndpoint,
        // "" on a global secondary: it has no proxy until promoted, and every key is exported.
        dbProxyEndpoint: db.proxyEndpoint ?? "",
        dbProxyReadOnlyEndpoint: db.proxyReadOnlyEndpoint ?? "",
        dbPort: db.port,
        dbMasterSecretArn: db.masterSecretArn ?? "",
        dbKmsKeyArn: db.kmsKeyArn,
        // A secondary's are its primary's (read from there), not its own to export.
        dbServiceUserSecretArns: db.globalRole === "secondary" ? {} : pulumi.all(db.serviceUsers.secretArns),
        dbClusterIdentifier: db.clusterIdentifier,
        dbClusterArn: db.clusterArn,
        ...globalOutputs(ctx, db, aurora.global?.rpoSeconds ?? primary?.rpoSeconds, primary),
        dbLogGroupName: db.logGroupName,
        dbFinalSnapshotIdentifier: db.finalSnapshotIdentifier,
        dbSecurityGroupId: db.dbSecurityGroupId,
        dbProxySecurityGroupId: db.proxySecurityGroupId ?? "",
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

/** The global membership's outputs: what a secondary reads, and the operator's runbook. */
function globalOutputs(
    ctx: StackContext,
    db: PaymentsDatabase,
    rpoSeconds: number | undefined,
    primary: GlobalPrimary | undefined,
): WorkloadExportsPart {
    const g = db.globalClusterIdentifier;
    const role = db.globalRole;
    return {
        dbEngineVersion: db.engineVersion,
        dbGlobalRole: role,
        dbGlobalClusterIdentifier: g ?? "",
        dbGlobalRpoSeconds: role === "primary" ? (rpoSeconds ?? 0) : 0,
        dbGlobalRunbook:
            role === "regional" || !g
                ? ""
                : pulumi.all([g, db.clusterArn]).apply(([globalClusterIdentifier, clusterArn]) =>
                      globalRunbook({
                          role,
                          globalClusterIdentifier,
                          clusterArn,
                          region: ctx.cfg.region,
                          stack: ctx.cfg.stack,
                          primaryStack: primary?.stack ?? ctx.cfg.stack,
                          rpoSeconds,
                      }),
                  ),
    };
}
