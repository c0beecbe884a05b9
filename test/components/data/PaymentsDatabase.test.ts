import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { PaymentsDatabase, PaymentsDatabaseArgs } from "../../../components/data";
import { Recorded, json, record } from "../../harness";
import { T, args, devArgs, fromKey, keyArn, prodArgs, run } from "./fixtures";

describe("PaymentsDatabase (recorded)", () => {
    let dev: Recorded;
    let prod: Recorded;
    before(async () => {
        dev = await run(devArgs());
        prod = await run(prodArgs());
    });

    describe("Aurora", () => {
        it("encrypts storage with the component's own rotating key", () => {
            const c = dev.one(T.cluster);
            expect(c.inputs.storageEncrypted).to.equal(true);
            fromKey(dev, c, "kmsKeyId");
            expect(c.inputs.kmsKeyId).to.equal(keyArn(dev));
            const key = dev.one(T.key, "pay-key");
            expect(key.inputs.enableKeyRotation).to.equal(true);
            expect(dev.descendantsOf(dev.one("platform:data:PaymentsDatabase")).map((r) => r.urn)).to.include(key.urn);
        });
        it("lets RDS manage the master password in Secrets Manager with the key; no password input anywhere", () => {
            const c = dev.one(T.cluster);
            expect(c.inputs.manageMasterUserPassword).to.equal(true);
            fromKey(dev, c, "masterUserSecretKmsKeyId");
            for (const rec of [dev, prod])
                for (const r of rec.resources) {
                    expect(r.inputs, `${r.type} ${r.name}`).to.not.have.any.keys("masterPassword", "masterPasswordWo");
                }
        });
        it("is TLS-only through its cluster parameter group, whose family matches the pinned version", async () => {
            const pg = dev.one("aws:rds/clusterParameterGroup:ClusterParameterGroup");
            expect(pg.inputs.parameters).to.deep.include({ name: "rds.force_ssl", value: "1" });
            expect(pg.inputs.family).to.equal("aurora-postgresql16");
            expect(dev.one(T.cluster).propertyDependencies.dbClusterParameterGroupName).to.deep.equal([pg.urn]);
            const v17 = await run(args({ aurora: { engineVersion: "17.4" } }));
            expect(v17.one("aws:rds/clusterParameterGroup:ClusterParameterGroup").inputs.family).to.equal(
                "aurora-postgresql17",
            );
            expect(v17.one(T.cluster).inputs.engineVersion).to.equal("17.4");
        });
        it("turns on IAM auth, postgresql log export, and takes backups as configured", () => {
            const c = dev.one(T.cluster).inputs;
            expect(c).to.deep.include({
                iamDatabaseAuthenticationEnabled: true,
                backupRetentionPeriod: 5,
                preferredBackupWindow: "01:00-02:00",
                preferredMaintenanceWindow: "sun:03:00-sun:04:00",
                copyTagsToSnapshot: true,
            });
            expect(c.enabledCloudwatchLogsExports).to.deep.equal(["postgresql"]);
            expect(prod.one(T.cluster).inputs.backupRetentionPeriod).to.equal(14);
        });
        it("exports postgresql to a log group made first, named for the identifier it sets, encrypted, with a retention", async () => {
            for (const [rec, days] of [
                [dev, 30],
                [await run(args({ aurora: { logRetentionDays: 365 } })), 365],
            ] as const) {
                const c = rec.one(T.cluster);
                const lg = rec.one("aws:cloudwatch/logGroup:LogGroup", "pay-postgresql-logs");
                expect(c.inputs.clusterIdentifier).to.equal("pay-cluster");
                expect(lg.inputs).to.deep.include({
                    name: "/aws/rds/cluster/pay-cluster/postgresql",
                    retentionInDays: days,
                    kmsKeyId: keyArn(rec),
                });
                fromKey(rec, lg, "kmsKeyId");
                expect(c.dependencies).to.include(lg.urn);
            }
        });
        it("lets CloudWatch Logs of this region use the key, for this account's log groups only", () => {
            const st = json(dev.one(T.key, "pay-key").inputs.policy).Statement.find(
                (x: { Sid: string }) => x.Sid === "CloudWatchLogsForThisAccount",
            );
            expect(st).to.deep.include({ Effect: "Allow", Principal: { Service: "logs.eu-central-1.amazonaws.com" } });
            expect(st.Action).to.include.members(["kms:Encrypt*", "kms:Decrypt*", "kms:GenerateDataKey*"]);
            expect(st.Condition).to.deep.equal({
                ArnLike: { "kms:EncryptionContext:aws:logs:arn": "arn:aws:logs:eu-central-1:123456789012:log-group:*" },
            });
        });
        it("lives in the isolated subnets", () => {
            const sn = dev.one("aws:rds/subnetGroup:SubnetGroup");
            expect(sn.inputs.subnetIds).to.deep.equal(["subnet-iso-a", "subnet-iso-b", "subnet-iso-c"]);
            expect(dev.one(T.cluster).propertyDependencies.dbSubnetGroupName).to.deep.equal([sn.urn]);
        });
        it("takes a final snapshot under a per-stack-life unique identifier", () => {
            const c = dev.one(T.cluster);
            const rid = dev.one("random:index/randomId:RandomId", "pay-final-snapshot");
            expect(c.inputs.skipFinalSnapshot).to.equal(false);
            expect(c.inputs.finalSnapshotIdentifier).to.match(/^pay-final-[0-9a-f]{8}$/);
            expect(c.propertyDependencies.finalSnapshotIdentifier).to.deep.equal([rid.urn]);
        });
        it("skips the final snapshot only when config says so", async () => {
            const rec = await run(args({ aurora: { skipFinalSnapshot: true } }));
            expect(rec.one(T.cluster).inputs.skipFinalSnapshot).to.equal(true);
            expect(rec.one(T.cluster).inputs).to.not.have.property("finalSnapshotIdentifier");
        });
        it("protects its key and the cache's replication group in prod (a ForceNew change fails), neither in dev", () => {
            const guarded = (rec: Recorded) => [rec.one(T.key, "pay-key").protect, rec.one(T.rg).protect];
            expect(guarded(prod)).to.deep.equal([true, true]);
            expect(guarded(dev)).to.deep.equal([false, false]);
            // The replication group's fixed id: replaced delete-first where it isn't protected.
            expect(prod.one(T.rg).deleteBeforeReplace).to.equal(true);
        });
        it("is deletion-protected and Pulumi-protected in prod, neither in dev", () => {
            expect([prod.one(T.cluster).inputs.deletionProtection, prod.one(T.cluster).protect]).to.deep.equal([
                true,
                true,
            ]);
            expect([dev.one(T.cluster).inputs.deletionProtection, dev.one(T.cluster).protect]).to.deep.equal([
                false,
                false,
            ]);
        });
        it("runs the prod readers in distinct AZs, apart from the writer", () => {
            const writer = prod.one(T.instance, "pay-writer");
            const readers = prod.all(T.instance, /^pay-reader-/);
            expect(readers).to.have.length(2);
            const azs = readers.map((r) => r.inputs.availabilityZone);
            expect(new Set(azs).size).to.equal(2);
            expect(azs).to.not.include(writer.inputs.availabilityZone);
            for (const r of [writer, ...readers])
                expect(r.propertyDependencies.clusterIdentifier).to.deep.equal([prod.one(T.cluster).urn]);
            expect(readers.every((r) => r.dependencies.includes(writer.urn))).to.equal(true);
        });
        it("has Performance Insights with the key and enhanced monitoring with its own role", () => {
            const w = dev.one(T.instance, "pay-writer");
            // Enhanced monitoring is on only with a non-zero interval; the role alone does nothing.
            for (const i of dev.all(T.instance))
                expect(
                    [
                        i.inputs.performanceInsightsEnabled,
                        i.inputs.performanceInsightsRetentionPeriod,
                        i.inputs.monitoringInterval,
                    ],
                    i.name,
                ).to.deep.equal([true, 7, 60]);
            fromKey(dev, w, "performanceInsightsKmsKeyId");
            const role = dev.one("aws:iam/role:Role", "pay-monitoring");
            expect(w.propertyDependencies.monitoringRoleArn).to.deep.equal([role.urn]);
            expect(json(role.inputs.assumeRolePolicy).Statement[0].Principal.Service).to.equal(
                "monitoring.rds.amazonaws.com",
            );
            expect(
                dev.one("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "pay-monitoring").inputs.policyArn,
            ).to.equal("arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole");
        });
        it("scales readers on average reader CPU within the configured bounds", () => {
            const t = prod.one("aws:appautoscaling/target:Target");
            expect(t.inputs).to.deep.include({
                serviceNamespace: "rds",
                scalableDimension: "rds:cluster:ReadReplicaCount",
                minCapacity: 2,
                maxCapacity: 5,
                resourceId: `cluster:${prod.one(T.cluster).id}`,
            });
            const cfg = prod.one("aws:appautoscaling/policy:Policy").inputs
                .targetTrackingScalingPolicyConfiguration as any;
            expect(cfg.predefinedMetricSpecification.predefinedMetricType).to.equal("RDSReaderAverageCPUUtilization");
            expect(cfg.targetValue).to.equal(55);
            expect(dev.all("aws:appautoscaling/target:Target")).to.have.length(0);
        });
        it("restores from the named snapshot and keeps the cluster when the setting is later cleared", async () => {
            const rec = await run(args({ aurora: { restoreFromSnapshot: "pay-final-0a1b2c3d" } }));
            const c = rec.one(T.cluster);
            expect(c.inputs.snapshotIdentifier).to.equal("pay-final-0a1b2c3d");
            expect(c.inputs).to.not.have.any.keys("masterUsername", "databaseName");
            expect(c.ignoreChanges).to.include("snapshotIdentifier");
            expect(dev.one(T.cluster).inputs).to.not.have.property("snapshotIdentifier");
        });
    });

    describe("Aurora Global Database", () => {
        it("a primary creates the global cluster and joins it, with write-only generated credentials", async () => {
            const rec = await run(
                prodArgs({
                    aurora: {
                        readers: 2,
                        backupRetentionDays: 14,
                        instanceClass: "db.r7g.large",
                        global: { role: "primary", globalClusterIdentifier: "payments-global" },
                    },
                }),
            );
            const g = rec.one("aws:rds/globalCluster:GlobalCluster");
            expect(g.inputs).to.deep.include({
                globalClusterIdentifier: "payments-global",
                engine: "aurora-postgresql",
                engineVersion: "16.10",
                storageEncrypted: true,
                deletionProtection: true,
            });
            expect(g.protect).to.equal(true);
            const c = rec.one(T.cluster);
            expect(c.inputs.globalClusterIdentifier).to.equal("payments-global");
            expect(c.propertyDependencies.globalClusterIdentifier).to.deep.equal([g.urn]);
            expect(c.inputs).to.not.have.property("manageMasterUserPassword");
            expect(c.inputs.masterPasswordWo).to.equal("[secret]");
            const secret = rec.one("aws:secretsmanager/secret:Secret");
            fromKey(rec, secret, "kmsKeyId");
            expect(rec.one(T.proxy).propertyDependencies.auths).to.deep.equal([secret.urn]);
        });
        it("a secondary joins the given global cluster with no credentials and no proxy", async () => {
            const rec = await run(
                args({
                    aurora: {
                        instanceClass: "db.r7g.large",
                        global: { role: "secondary", globalClusterIdentifier: "payments-global" },
                    },
                }),
            );
            const c = rec.one(T.cluster).inputs;
            expect(c.globalClusterIdentifier).to.equal("payments-global");
            expect(c).to.not.have.any.keys(
                "masterUsername",
                "manageMasterUserPassword",
                "masterPasswordWo",
                "databaseName",
            );
            expect(c.storageEncrypted).to.equal(true);
            expect(rec.all("aws:rds/globalCluster:GlobalCluster")).to.have.length(0);
            expect(rec.all(T.proxy)).to.have.length(0);
        });
    });

    describe("security groups", () => {
        const sources = (rec: Recorded, sgName: string) => {
            const sg = rec.one(T.sg, sgName);
            return rec.all(T.ingress).filter((r) => r.inputs.securityGroupId === sg.id);
        };
        it("admit clients only from security groups, never from CIDR ranges", () => {
            for (const r of dev.all(T.ingress)) {
                expect(r.inputs, r.name).to.not.have.any.keys("cidrIpv4", "cidrIpv6", "prefixListId");
                expect(r.inputs.referencedSecurityGroupId, r.name).to.match(/^sg-/);
            }
            for (const r of dev.all(T.sg)) expect(r.inputs, r.name).to.not.have.any.keys("ingress", "egress");
        });
        it("admit 5432 to the cluster from the EKS groups and the proxy, and 6379 to the cache from the EKS groups", () => {
            const proxySg = dev.one(T.sg, "pay-proxy-sg").id;
            const db = sources(dev, "pay-db-sg");
            expect(db.map((r) => r.inputs.referencedSecurityGroupId).sort()).to.deep.equal(
                ["sg-cluster", "sg-nodes", proxySg].sort(),
            );
            expect(db.every((r) => r.inputs.fromPort === 5432 && r.inputs.toPort === 5432)).to.equal(true);
            const cache = sources(dev, "pay-cache-sg");
            expect(
                cache.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.toPort]).sort(),
            ).to.deep.equal([
                ["sg-cluster", 6379, 6379],
                ["sg-nodes", 6379, 6379],
            ]);
            const egress = dev.one("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule");
            expect(egress.inputs).to.deep.include({
                securityGroupId: proxySg,
                referencedSecurityGroupId: dev.one(T.sg, "pay-db-sg").id,
                fromPort: 5432,
                toPort: 5432,
            });
        });
        it("allowFrom admits another security group to the database, the proxy and the cache", async () => {
            const rec = await run(args(), (db) => db.allowFrom(pulumi.output("sg-batch"), "batch"));
            const added = rec.all(T.ingress).filter((r) => r.inputs.referencedSecurityGroupId === "sg-batch");
            const byTarget = Object.fromEntries(added.map((r) => [r.inputs.securityGroupId, r.inputs.fromPort]));
            expect(byTarget).to.deep.equal({
                [rec.one(T.sg, "pay-db-sg").id]: 5432,
                [rec.one(T.sg, "pay-proxy-sg").id]: 5432,
                [rec.one(T.sg, "pay-cache-sg").id]: 6379,
            });
        });
    });

    describe("RDS Proxy", () => {
        it("requires TLS and IAM auth, with the RDS-managed master secret", () => {
            const p = dev.one(T.proxy);
            expect(p.inputs).to.deep.include({ requireTls: true, engineFamily: "POSTGRESQL", idleClientTimeout: 900 });
            const [auth] = p.inputs.auths as any[];
            expect(auth).to.deep.include({ authScheme: "SECRETS", iamAuth: "REQUIRED" });
            expect(auth.secretArn).to.match(/:secret:rds!cluster-/);
            expect(p.propertyDependencies.auths).to.deep.equal([dev.one(T.cluster).urn]);
        });
        it("has a role allowed only to read that secret and decrypt with that key", () => {
            const secretArn = (dev.one(T.proxy).inputs.auths as any[])[0].secretArn;
            const doc = json(dev.one("aws:iam/rolePolicy:RolePolicy", "pay-proxy").inputs.policy);
            expect(doc.Statement.map((s: any) => [s.Effect, s.Action, s.Resource])).to.deep.equal([
                ["Allow", "secretsmanager:GetSecretValue", [secretArn]],
                ["Allow", "kms:Decrypt", keyArn(dev)],
            ]);
            expect(doc.Statement[1].Condition.StringEquals["kms:ViaService"]).to.equal(
                "secretsmanager.eu-central-1.amazonaws.com",
            );
            expect(
                dev.all("aws:iam/rolePolicyAttachment:RolePolicyAttachment").filter((r) => r.name.includes("proxy")),
            ).to.have.length(0);
        });
        it("pools connections as configured and serves the readers on a read-only endpoint", () => {
            expect(
                dev.one("aws:rds/proxyDefaultTargetGroup:ProxyDefaultTargetGroup").inputs.connectionPoolConfig,
            ).to.deep.equal({ maxConnectionsPercent: 80, maxIdleConnectionsPercent: 20, connectionBorrowTimeout: 30 });
            expect(dev.one("aws:rds/proxyTarget:ProxyTarget").inputs.dbClusterIdentifier).to.equal(
                dev.one(T.cluster).id,
            );
            expect(dev.one("aws:rds/proxyEndpoint:ProxyEndpoint").inputs.targetRole).to.equal("READ_ONLY");
        });
    });

    describe("validation", () => {
        const attempt = async (a: PaymentsDatabaseArgs) => {
            let error: Error | undefined;
            const rec = await record(() => {
                try {
                    new PaymentsDatabase("pay", a);
                } catch (e) {
                    error = e as Error;
                }
            });
            return { error, resources: rec.resources.filter((r) => r.type !== "pulumi:pulumi:Stack") };
        };
        const cases: [string, PaymentsDatabaseArgs, string][] = [
            [
                "prod with 0 readers",
                prodArgs({ aurora: { readers: 0, backupRetentionDays: 14 } }),
                "aurora.readers is 0, prod needs at least 2",
            ],
            [
                "prod backups below 14 days",
                prodArgs({ aurora: { readers: 2, backupRetentionDays: 10 } }),
                "aurora.backupRetentionDays is 10, prod needs at least 14",
            ],
            [
                "skipFinalSnapshot in prod",
                prodArgs({ aurora: { readers: 2, backupRetentionDays: 14, skipFinalSnapshot: true } }),
                "aurora.skipFinalSnapshot is true, prod must always take a final snapshot",
            ],
            [
                "an unsupported engine version",
                args({ aurora: { engineVersion: "13.4" } }),
                'aurora.engineVersion is "13.4", allowed: 16.6, 16.8, 16.10, 17.4, 17.6',
            ],
            [
                "an instance class Aurora PostgreSQL doesn't run on",
                args({ aurora: { instanceClass: "db.t4g.small" } }),
                'aurora.instanceClass is "db.t4g.small", allowed: db.t3/db.t4g .medium/.large',
            ],
            [
                "an SSM path without its trailing slash",
                args({ parameterPath: "/payments/dev" }),
                'parameterPath is "/payments/dev", must be an SSM path such as "/payments/dev/" (leading and trailing "/")',
            ],
            [
                "a log retention CloudWatch Logs doesn't offer",
                args({ aurora: { logRetentionDays: 45 } }),
                "aurora.logRetentionDays is 45, allowed: 1, 3, 5, 7, 14, 30, 60, 90",
            ],
            [
                "more readers than the AZs allow",
                args({ availabilityZones: ["eu-central-1a", "eu-central-1b"], aurora: { readers: 5 } }),
                "aurora.readers is 5, at most 4 for 2 AZs",
            ],
        ];
        for (const [what, a, message] of cases) {
            it(`rejects ${what} before creating anything`, async () => {
                const { error, resources } = await attempt(a);
                expect(error?.message).to.contain("Invalid PaymentsDatabase args:\n - ").and.to.contain(message);
                expect(resources.map((r) => r.type)).to.deep.equal([]);
            });
        }
    });
});
