/**
 * The real Cloud: kubectl for the cluster, the AWS CLI for SSM and the leftovers check. Every child
 * process gets the run's AbortSignal and a timeout, so an interrupted teardown leaves none behind.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { TeardownError } from "./errors";
import { distinctLeftovers, ec2Queries, taggedWithCluster } from "./leftovers";
import { Cloud, ClusterAccess, Leftover, OwnedKind, OwnedObject } from "./workspace";

const TIMEOUT_MS = 120_000;

function run(cmd: string, args: string[], signal: AbortSignal, env: NodeJS.ProcessEnv = process.env): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile(cmd, args, { signal, env, timeout: TIMEOUT_MS, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
            if (!err) return resolve(stdout);
            const code = (err as NodeJS.ErrnoException).code;
            if (code === "ENOENT") return reject(new TeardownError(`${cmd} is not installed or not on PATH`));
            const why = stderr.trim().split("\n").pop() || err.message;
            reject(new TeardownError(`${cmd} ${args.slice(0, 3).join(" ")} failed: ${why}`));
        });
    });
}

const KINDS: Record<string, OwnedKind> = {
    Service: "Service",
    Ingress: "Ingress",
    PersistentVolumeClaim: "PersistentVolumeClaim",
};

interface K8sItem {
    kind?: string;
    metadata?: { name?: string; namespace?: string };
    spec?: { type?: string };
}

/** LoadBalancer Services, Ingresses and PVCs of `kubectl get -o json`'s list. */
export function ownedOf(items: K8sItem[]): OwnedObject[] {
    return items
        .filter((i) => i.kind !== undefined && KINDS[i.kind] !== undefined)
        .filter((i) => i.kind !== "Service" || i.spec?.type === "LoadBalancer")
        .map((i) => ({ kind: KINDS[i.kind!], namespace: i.metadata?.namespace ?? "", name: i.metadata?.name ?? "" }));
}

export class CliCloud implements Cloud {
    private readonly dirs: string[] = [];

    constructor(private readonly signal: AbortSignal) {}

    cluster(kubeconfig: string): ClusterAccess {
        // The kubeconfig is a secret output: a private file, removed in close().
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "teardown-"));
        this.dirs.push(dir);
        const file = path.join(dir, "kubeconfig");
        fs.writeFileSync(file, kubeconfig, { mode: 0o600 });
        const kubectl = (...args: string[]) => run("kubectl", ["--kubeconfig", file, ...args], this.signal);
        return {
            ownedObjects: async () => {
                const out = await kubectl("get", "services,ingresses,persistentvolumeclaims", "-A", "-o", "json");
                return ownedOf((JSON.parse(out) as { items?: K8sItem[] }).items ?? []);
            },
            stopStatefulSets: async (ns) =>
                void (await kubectl("scale", "statefulset", "--all", "--replicas=0", "-n", ns)),
            remove: async (o) =>
                void (await kubectl("delete", o.kind, o.name, "-n", o.namespace, "--wait=false", "--ignore-not-found")),
        };
    }

    async leftovers(cluster: string, region: string): Promise<Leftover[]> {
        const aws = (args: string[]) => run("aws", [...args, "--region", region], this.signal);
        const found: Leftover[] = [];
        for (const q of ec2Queries(cluster))
            for (const id of JSON.parse(await aws(q.args)) as string[]) found.push({ kind: q.kind, id });
        const arns = JSON.parse(
            await aws([
                "elbv2",
                "describe-load-balancers",
                "--query",
                "LoadBalancers[].LoadBalancerArn",
                "--output",
                "json",
            ]),
        ) as string[];
        // describe-tags takes at most 20 ARNs per call.
        for (let i = 0; i < arns.length; i += 20) {
            const out = await aws([
                "elbv2",
                "describe-tags",
                "--resource-arns",
                ...arns.slice(i, i + 20),
                "--output",
                "json",
            ]);
            const descriptions = (JSON.parse(out) as { TagDescriptions?: { ResourceArn?: string; Tags?: [] }[] })
                .TagDescriptions;
            for (const d of descriptions ?? [])
                if (d.ResourceArn && taggedWithCluster(d.Tags ?? [], cluster))
                    found.push({ kind: "load balancer", id: d.ResourceArn });
        }
        return distinctLeftovers(found);
    }

    async putParameter(name: string, value: string, region: string): Promise<void> {
        await run(
            "aws",
            [
                "ssm",
                "put-parameter",
                "--name",
                name,
                "--value",
                value,
                "--type",
                "String",
                "--overwrite",
                "--region",
                region,
            ],
            this.signal,
        );
    }

    async getParameter(name: string, region: string): Promise<string | undefined> {
        try {
            const out = await run(
                "aws",
                [
                    "ssm",
                    "get-parameter",
                    "--name",
                    name,
                    "--query",
                    "Parameter.Value",
                    "--output",
                    "text",
                    "--region",
                    region,
                ],
                this.signal,
            );
            return out.trim() || undefined;
        } catch (e) {
            if (e instanceof TeardownError && /ParameterNotFound/.test(e.message)) return undefined;
            throw e;
        }
    }

    close(): void {
        for (const d of this.dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
    }
}
