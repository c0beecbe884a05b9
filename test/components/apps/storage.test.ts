import { expect } from "chai";
import { ResourceRecord } from "../../../automation/plan/types";
import { APP_UID } from "../../../components/apps/podSecurity";
import { PROJECT, Recorded, plannedStacks, stackFileConfig } from "../../harness";
import { inputs } from "./records";

const doc = (r: ResourceRecord): { Statement: Record<string, any>[] } => JSON.parse(inputs(r).policy as string);
const apps = (s: Recorded, type: string) => s.all(type).filter((r) => r.name.startsWith(`${s.plan.name}-apps-`));
const isProd = (s: Recorded) => s.outputs.environment === "prod";
const workloads = () => plannedStacks((s) => s.role === "workload");
const hubOf = async (s: Recorded): Promise<Recorded> => {
    const hubStack = (stackFileConfig(s.plan.name)[`${PROJECT}:network`] as { spoke: { hubStack: string } }).spoke
        .hubStack;
    return (await plannedStacks((d) => d.name === hubStack))[0];
};
const LOG_SERVICES = ["log-writer", "log-parser"];

describe("apps storage: shared EFS in every planned workload stack", function () {
    this.timeout(300_000);

    it("the file system is encrypted with the cluster's volume key (the gp3 class's), elastic, with an IA lifecycle", async () => {
        for (const s of await workloads()) {
            const [fs] = apps(s, "aws:efs/fileSystem:FileSystem");
            const gp3 = s.one("kubernetes:storage.k8s.io/v1:StorageClass");
            expect(inputs(fs).encrypted, s.plan.name).to.equal(true);
            expect(inputs(fs).kmsKeyId).to.be.a("string").and.equal(inputs(gp3).parameters.kmsKeyId);
            expect(inputs(fs).kmsKeyId).to.not.equal(s.outputs.platformKeyArn);
            expect(inputs(fs).throughputMode).to.equal("elastic");
            expect(inputs(fs).lifecyclePolicies).to.deep.equal([
                { transitionToIa: "AFTER_30_DAYS" },
                { transitionToPrimaryStorageClass: "AFTER_1_ACCESS" },
            ]);
        }
    });

    it("one mount target per AZ, in the spoke's private subnets, each behind a group admitting only the node group on 2049", async () => {
        for (const s of await workloads()) {
            const [fs] = apps(s, "aws:efs/fileSystem:FileSystem");
            const targets = s.all("aws:efs/mountTarget:MountTarget").filter((m) => inputs(m).fileSystemId === fs.id);
            const privateSubnets = s.outputs.privateSubnetIds as string[];
            expect(targets.map((t) => inputs(t).subnetId).sort(), s.plan.name).to.deep.equal(
                [...privateSubnets].sort(),
            );
            const groups = new Set(targets.flatMap((t) => inputs(t).securityGroups as string[]));
            expect(groups.size).to.equal(1);
            const [sg] = [...groups];
            const group = s.all("aws:ec2/securityGroup:SecurityGroup").find((g) => g.id === sg)!;
            expect(inputs(group).ingress ?? [], "no inline rules").to.deep.equal([]);
            expect(
                inputs(group).egress ?? [],
                "no egress: stateful, and mount targets never connect out",
            ).to.deep.equal([]);
            const rules = [
                ...s.all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"),
                ...s.all("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule"),
                ...s.all("aws:ec2/securityGroupRule:SecurityGroupRule"),
            ].filter((r) => inputs(r).securityGroupId === sg);
            expect(
                rules.map((r) => [r.type, inputs(r).ipProtocol, inputs(r).fromPort, inputs(r).toPort]),
            ).to.deep.equal([["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "tcp", 2049, 2049]]);
            expect(inputs(rules[0]).referencedSecurityGroupId).to.equal(s.outputs.eksNodeSecurityGroupId);
            expect(inputs(rules[0]).cidrIpv4).to.equal(undefined);
        }
    });

    it("one RWX claim on a static, retained EFS volume of the access point, mounted by both log Deployments", async () => {
        for (const s of await workloads()) {
            const [fs] = apps(s, "aws:efs/fileSystem:FileSystem");
            const [ap] = apps(s, "aws:efs/accessPoint:AccessPoint");
            expect(inputs(ap).fileSystemId).to.equal(fs.id);
            expect(inputs(ap).posixUser).to.deep.equal({ uid: APP_UID, gid: APP_UID });
            expect(inputs(ap).rootDirectory.creationInfo).to.include({ ownerUid: APP_UID, ownerGid: APP_UID });
            const pv = s.one("kubernetes:core/v1:PersistentVolume");
            expect(inputs(pv).spec.csi).to.deep.equal({
                driver: "efs.csi.aws.com",
                volumeHandle: `${fs.id}::${ap.id}`,
            });
            expect(inputs(pv).spec.accessModes).to.deep.equal(["ReadWriteMany"]);
            expect(inputs(pv).spec.persistentVolumeReclaimPolicy).to.equal("Retain");
            const mountTargets = s.all("aws:efs/mountTarget:MountTarget").map((m) => m.urn);
            expect(pv.dependencies, "mounts wait for the mount targets").to.include.members(mountTargets);
            const claims = s
                .all("kubernetes:core/v1:PersistentVolumeClaim")
                .filter((c) => inputs(c).metadata.namespace === "payments");
            expect(claims, s.plan.name).to.have.length(1);
            const claim = inputs(claims[0]);
            expect(claim.spec.accessModes).to.deep.equal(["ReadWriteMany"]);
            expect(claim.spec.volumeName).to.equal(inputs(pv).metadata.name);
            expect(claim.spec.storageClassName).to.equal("");
            expect(inputs(pv).spec.claimRef).to.deep.equal({ namespace: "payments", name: claim.metadata.name });
            for (const service of LOG_SERVICES) {
                const d = s
                    .all("kubernetes:apps/v1:Deployment")
                    .find((x) => inputs(x).metadata.name === service && inputs(x).metadata.namespace === "payments")!;
                const pod = inputs(d).spec.template.spec;
                const claimed = (pod.volumes as any[]).filter((v) => v.persistentVolumeClaim);
                expect(
                    claimed.map((v) => v.persistentVolumeClaim.claimName),
                    service,
                ).to.deep.equal([claim.metadata.name]);
                const mount = pod.containers[0].volumeMounts.find((m: any) => m.name === claimed[0].name);
                expect(mount.mountPath).to.equal("/logs");
                expect(mount.readOnly).to.equal(service === "log-parser");
                expect(pod.containers[0].image).to.equal((s.outputs.appImages as Record<string, string>)[service]);
                expect(pod.securityContext.runAsUser).to.equal(APP_UID);
                expect(pod.containers[0].securityContext.readOnlyRootFilesystem).to.equal(true);
            }
        }
    });

    it("the log pods get DNS and nothing else: no policy opens 2049 (the node mounts) or any other egress for them", async () => {
        for (const s of await workloads()) {
            const policies = s
                .all("kubernetes:networking.k8s.io/v1:NetworkPolicy")
                .filter((p) => inputs(p).metadata.namespace === "payments");
            const selectsLogs = (p: ResourceRecord) => {
                const sel = inputs(p).spec.podSelector;
                if (!sel.matchLabels && !sel.matchExpressions) return true;
                const names = [
                    sel.matchLabels?.["app.kubernetes.io/name"],
                    ...((sel.matchExpressions ?? []) as any[]).flatMap((e) => e.values),
                ];
                return LOG_SERVICES.some((n) => names.includes(n));
            };
            const mine = policies.filter(selectsLogs);
            expect(mine.map((p) => inputs(p).metadata.name).sort(), s.plan.name).to.deep.equal(
                ["allow-dns", "default-deny", "logs-dns-only"].sort(),
            );
            const own = inputs(mine.find((p) => inputs(p).metadata.name === "logs-dns-only"));
            expect(own.spec.policyTypes).to.deep.equal(["Ingress", "Egress"]);
            expect(own.spec.ingress).to.equal(undefined);
            const ports = mine.flatMap((p) => (inputs(p).spec.egress ?? []).flatMap((e: any) => e.ports ?? []));
            expect(ports.map((p: any) => p.port)).to.satisfy((ps: number[]) => ps.every((p) => p === 53));
        }
    });
});

describe("apps storage: AWS Backup in every planned workload stack", function () {
    this.timeout(300_000);

    it("the EBS selection's tag is exactly what the gp3 class makes the EBS CSI driver tag, and EFS is selected by ARN", async () => {
        for (const s of await workloads()) {
            const gp3 = inputs(s.one("kubernetes:storage.k8s.io/v1:StorageClass"));
            expect(gp3.provisioner).to.equal("ebs.csi.aws.com");
            const [key, value] = (gp3.parameters.tagSpecification_1 as string).split("=");
            const selections = apps(s, "aws:backup/selection:Selection");
            const ebs = selections.find((x) => (inputs(x).resources as string[]).some((r) => r.includes(":volume/")))!;
            expect(inputs(ebs).conditions, s.plan.name).to.deep.equal([
                { stringEquals: [{ key: `aws:ResourceTag/${key}`, value }] },
            ]);
            expect(value).to.equal(s.outputs.eksClusterName);
            const [fs] = apps(s, "aws:efs/fileSystem:FileSystem");
            const efs = selections.find((x) => x !== ebs)!;
            expect(inputs(efs).resources).to.deep.equal([
                `arn:aws:efs:${s.plan.region}:123456789012:file-system/${fs.id}`,
            ]);
            const [plan] = apps(s, "aws:backup/plan:Plan");
            const role = apps(s, "aws:iam/role:Role").find((r) => r.name.endsWith("-backup-role"))!;
            for (const sel of selections) {
                expect(inputs(sel).planId).to.equal(plan.id);
                expect(inputs(sel).iamRoleArn).to.include(role.id);
            }
        }
    });

    it("the vault uses the platform key; a daily UTC rule keeps points for the configured days; prod copies to another region, dev never", async () => {
        for (const s of await workloads()) {
            const vaults = apps(s, "aws:backup/vault:Vault");
            const vault = vaults.find((v) => v.name.endsWith("-backup-vault"))!;
            expect(inputs(vault).kmsKeyArn, s.plan.name).to.equal(s.outputs.platformKeyArn);
            const [plan] = apps(s, "aws:backup/plan:Plan");
            const [rule] = inputs(plan).rules;
            expect(rule.targetVaultName).to.equal(vault.id);
            expect(rule.scheduleExpressionTimezone).to.equal("Etc/UTC");
            expect(rule.schedule).to.match(/^cron\(\S+ \S+ \* \* \? \*\)$/);
            expect(rule.lifecycle.deleteAfter).to.equal(isProd(s) ? 35 : 7);
            if (!isProd(s)) {
                expect(rule.copyActions ?? [], s.plan.name).to.deep.equal([]);
                expect(vaults).to.have.length(1);
                expect(inputs(vault).forceDestroy, "dev's weekend teardown deletes its points").to.equal(true);
                expect(vault.retainOnDelete).to.equal(false);
                continue;
            }
            expect(vault.retainOnDelete, "prod's vault outlives the stack").to.equal(true);
            const copy = vaults.find((v) => v.name.endsWith("-copy-vault"))!;
            expect(rule.copyActions).to.have.length(1);
            expect(rule.copyActions[0].lifecycle).to.deep.equal({ deleteAfter: 35 });
            const copyRegion = (rule.copyActions[0].destinationVaultArn as string).split(":")[3];
            expect(copyRegion, s.plan.name).to.not.equal(s.plan.region);
            expect(rule.copyActions[0].destinationVaultArn).to.equal(
                `arn:aws:backup:${copyRegion}:123456789012:vault/${copy.id}`,
            );
            const provider = s.resources.find((r) => copy.provider?.startsWith(r.urn))!;
            expect(inputs(provider).region, "the copy vault is made through that region's provider").to.equal(
                copyRegion,
            );
            expect(inputs(copy).kmsKeyArn).to.match(new RegExp(`^arn:aws:kms:${copyRegion}:`));
        }
    });

    it("the backup role has AWS Backup's managed backup and restore policies and KMS on every key its points use", async () => {
        for (const s of await workloads()) {
            const role = apps(s, "aws:iam/role:Role").find((r) => r.name.endsWith("-backup-role"))!;
            expect(JSON.parse(inputs(role).assumeRolePolicy).Statement[0].Principal).to.deep.equal({
                Service: "backup.amazonaws.com",
            });
            const managed = apps(s, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
                .filter((a) => a.name.startsWith(`${role.name}-managed`))
                .map((a) => inputs(a).policyArn);
            expect(managed.sort()).to.deep.equal([
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
                "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
            ]);
            const kms = doc(apps(s, "aws:iam/rolePolicy:RolePolicy").find((p) => p.name === `${role.name}-kms`)!);
            const [fs] = apps(s, "aws:efs/fileSystem:FileSystem");
            const keys = kms.Statement[0].Resource as string[];
            expect(keys).to.include.members([inputs(fs).kmsKeyId, s.outputs.platformKeyArn]);
            expect(keys.length).to.equal(isProd(s) ? 3 : 2);
            expect(kms.Statement[1]).to.deep.include({ Action: "kms:CreateGrant" });
            expect(kms.Statement[1].Condition).to.deep.equal({ Bool: { "kms:GrantIsForAWSResource": "true" } });
        }
    });
});

describe("apps storage: the on-prem SQL Server backup bucket (prod stacks only)", function () {
    this.timeout(300_000);

    it("exists in prod only, with Object Lock, private, SSE-KMS with a bucket key, versioned, cold then expired", async () => {
        for (const s of await workloads()) {
            const buckets = apps(s, "aws:s3/bucket:Bucket").filter((b) => b.name.includes("sqlserver"));
            expect(buckets, s.plan.name).to.have.length(isProd(s) ? 1 : 0);
            if (!isProd(s)) continue;
            const [bucket] = buckets;
            const on = (type: string) => s.all(type).filter((r) => inputs(r).bucket === bucket.id);
            expect(inputs(bucket).objectLockEnabled).to.equal(true);
            expect(bucket.retainOnDelete).to.equal(true);
            expect(
                inputs(on("aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")[0]).rule,
            ).to.deep.equal({
                defaultRetention: { mode: "GOVERNANCE", days: 35 },
            });
            expect(inputs(on("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")[0])).to.include({
                blockPublicAcls: true,
                blockPublicPolicy: true,
                ignorePublicAcls: true,
                restrictPublicBuckets: true,
            });
            expect(inputs(on("aws:s3/bucketOwnershipControls:BucketOwnershipControls")[0]).rule).to.deep.equal({
                objectOwnership: "BucketOwnerEnforced",
            });
            const [sse] = inputs(
                on("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration")[0],
            ).rules;
            expect(sse).to.deep.equal({
                applyServerSideEncryptionByDefault: {
                    sseAlgorithm: "aws:kms",
                    kmsMasterKeyId: s.outputs.platformKeyArn,
                },
                bucketKeyEnabled: true,
            });
            expect(inputs(on("aws:s3/bucketVersioning:BucketVersioning")[0]).versioningConfiguration.status).to.equal(
                "Enabled",
            );
            const rules = inputs(on("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")[0])
                .rules as any[];
            const main = rules.find((r) => r.id === "cold-then-expire");
            expect(main.transitions).to.deep.equal([{ days: 30, storageClass: "GLACIER_IR" }]);
            expect(main.expiration).to.deep.equal({ days: 400 });
        }
    });

    it("the stack tells the on-prem team the bucket, the role and the Roles Anywhere profile (empty where there is none)", async () => {
        for (const s of await workloads()) {
            const [bucket] = apps(s, "aws:s3/bucket:Bucket").filter((b) => b.name.includes("sqlserver"));
            const role = apps(s, "aws:iam/role:Role").find((r) => r.name.endsWith("-sqlserver-backups-writer"));
            const [profile] = apps(s, "aws:rolesanywhere/profile:Profile");
            expect(s.outputs.onPremBackupBucket, s.plan.name).to.equal(bucket?.id ?? "");
            expect(s.outputs.onPremBackupRoleArn).to.equal(role ? `arn:aws:iam::123456789012:role/${role.id}` : "");
            expect(s.outputs.onPremBackupProfileArn).to.equal(profile ? s.outputs.onPremBackupProfileArn : "");
            if (profile) expect(s.outputs.onPremBackupProfileArn).to.be.a("string").and.not.equal("");
        }
    });

    it("its policy denies object requests not through the hub's S3 interface endpoint, and plain HTTP", async () => {
        for (const s of (await workloads()).filter(isProd)) {
            const hub = await hubOf(s);
            const endpoint = hub.outputs.s3InterfaceEndpointId as string;
            expect(endpoint, hub.plan.name).to.be.a("string").and.not.equal("");
            const [bucket] = apps(s, "aws:s3/bucket:Bucket").filter((b) => b.name.includes("sqlserver"));
            const policy = s.all("aws:s3/bucketPolicy:BucketPolicy").find((p) => inputs(p).bucket === bucket.id)!;
            const statements = doc(policy).Statement;
            const vpce = statements.find((x) => x.Condition?.StringNotEquals?.["aws:SourceVpce"] !== undefined)!;
            expect(vpce.Effect).to.equal("Deny");
            expect(vpce.Principal).to.equal("*");
            expect(vpce.Condition).to.deep.equal({ StringNotEquals: { "aws:SourceVpce": endpoint } });
            expect(vpce.Action).to.include.members([
                "s3:GetObject*",
                "s3:PutObject*",
                "s3:DeleteObject*",
                "s3:ListBucket",
            ]);
            const arn = `arn:aws:s3:::${bucket.id}`;
            expect(vpce.Resource).to.deep.equal([arn, `${arn}/*`]);
            const tls = statements.find((x) => x.Condition?.Bool?.["aws:SecureTransport"] === "false")!;
            expect(tls.Effect).to.equal("Deny");
            const ep = hub.all("aws:ec2/vpcEndpoint:VpcEndpoint").find((e) => e.id === endpoint)!;
            expect(inputs(ep)).to.include({ vpcEndpointType: "Interface", privateDnsEnabled: false });
            expect(inputs(ep).serviceName).to.equal(`com.amazonaws.${s.plan.region}.s3`);
        }
    });

    it("the writer role comes through IAM Roles Anywhere, puts under its prefix, and can delete nothing", async () => {
        for (const s of (await workloads()).filter(isProd)) {
            const role = apps(s, "aws:iam/role:Role").find((r) => r.name.endsWith("-sqlserver-backups-writer"))!;
            const [trust] = JSON.parse(inputs(role).assumeRolePolicy).Statement;
            expect(trust.Principal).to.deep.equal({ Service: "rolesanywhere.amazonaws.com" });
            expect(trust.Condition.StringEquals).to.deep.equal({
                "aws:SourceAccount": "123456789012",
                "aws:PrincipalTag/x509Subject/CN": "sqlserver-backup",
            });
            const policy = doc(apps(s, "aws:iam/rolePolicy:RolePolicy").find((p) => p.name === `${role.name}-policy`)!);
            const actions = policy.Statement.flatMap((x) => [x.Action].flat() as string[]);
            expect(
                actions.filter((a) => /^s3:(Delete|\*|Get|PutBucket|PutObjectRetention|BypassGovernance)/.test(a)),
            ).to.deep.equal([]);
            expect(actions).to.include.members([
                "s3:PutObject",
                "s3:AbortMultipartUpload",
                "s3:ListBucketMultipartUploads",
                "kms:GenerateDataKey",
                "kms:Encrypt",
            ]);
            const [bucket] = apps(s, "aws:s3/bucket:Bucket").filter((b) => b.name.includes("sqlserver"));
            expect(policy.Statement[0].Resource).to.equal(`arn:aws:s3:::${bucket.id}/sqlserver/*`);
            const kms = policy.Statement.find((x) => [x.Action].flat().includes("kms:GenerateDataKey"))!;
            expect(kms.Resource).to.equal(s.outputs.platformKeyArn);
            expect(kms.Condition.StringEquals["kms:ViaService"]).to.equal(`s3.${s.plan.region}.amazonaws.com`);
            const [profile] = apps(s, "aws:rolesanywhere/profile:Profile");
            expect(inputs(profile).roleArns).to.deep.equal([`arn:aws:iam::123456789012:role/${role.id}`]);
        }
    });
});

describe("network hub: the S3 interface endpoint for on-premises, in every planned hub", function () {
    this.timeout(300_000);

    it("hubs with on-prem ranges export it; no private zone for S3; its group admits only those ranges on 443", async () => {
        for (const hub of await plannedStacks((s) => s.role === "network")) {
            const onPrem = ((stackFileConfig(hub.plan.name)[`${PROJECT}:network`] as any).hub.onPremCidrs ?? []).map(
                (c: { cidr: string }) => c.cidr,
            );
            const ep = hub
                .all("aws:ec2/vpcEndpoint:VpcEndpoint")
                .filter((e) => inputs(e).vpcEndpointType === "Interface" && /\.s3$/.test(inputs(e).serviceName));
            expect(ep, hub.plan.name).to.have.length(onPrem.length > 0 ? 1 : 0);
            expect(hub.outputs.s3InterfaceEndpointId).to.equal(ep[0]?.id ?? "");
            expect(hub.all("aws:route53/zone:Zone").map((z) => inputs(z).name)).to.not.include(
                `s3.${hub.plan.region}.amazonaws.com`,
            );
            if (ep.length === 0) continue;
            const [sg] = inputs(ep[0]).securityGroupIds as string[];
            const rules = hub
                .all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")
                .filter((r) => inputs(r).securityGroupId === sg);
            expect(rules.map((r) => [inputs(r).cidrIpv4, inputs(r).fromPort, inputs(r).toPort]).sort()).to.deep.equal(
                onPrem.map((c: string) => [c, 443, 443]).sort(),
            );
            const [stmt] = JSON.parse(inputs(ep[0]).policy).Statement;
            expect(stmt.Condition).to.deep.equal({ StringEquals: { "aws:PrincipalAccount": "123456789012" } });
        }
    });
});
