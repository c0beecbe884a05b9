/**
 * The entry point of every stack. Order matters, so a bad input fails before anything exists:
 * (1) the config is loaded and checked (no resource); (2) a workload stack reads its hub's plan
 * through the stack reference (which creates nothing in AWS) and (3) the preflight checks the
 * config against it; (4) only then the provider, whose AZ lookup is the last check, the baseline
 * key and the role's resources. No resource logic lives here.
 */
import { PlatformBaseline } from "../components/baseline";
import { stackProvider } from "./provider";
import { loadStackSettings } from "./config";
import { StackContext } from "./context";
import { buildBootstrapStack } from "./bootstrap";
import { buildNetworkStack } from "./network";
import { availabilityZonesFor, networkConfigProblems, throwIfConfigProblems, workloadPlanProblems } from "./preflight";
import { buildWorkloadStack } from "./workload";
import { HubView, readHub } from "./workload/network";

export default async function main(): Promise<Record<string, unknown>> {
    const cfg = loadStackSettings(networkConfigProblems);
    if (cfg.role === "bootstrap") return buildBootstrapStack(cfg, stackProvider(cfg));
    if (cfg.role === "edge") throw new Error(`role "edge" is not built yet (stack ${cfg.stack})`);
    const hub: HubView | undefined = cfg.role === "workload" ? await readHub(cfg) : undefined;
    throwIfConfigProblems(hub ? workloadPlanProblems(cfg, hub) : []);
    const provider = stackProvider(cfg);
    // Awaited: awsx needs plain AZ names, and a region short of AZs must fail before the first resource.
    const availabilityZones = await availabilityZonesFor(cfg, provider, hub);
    const opts = { providers: { aws: provider } };
    const baseline = new PlatformBaseline(`${cfg.stack}-platform`, { environment: cfg.environment }, opts);
    const ctx: StackContext = { cfg, provider, opts, baseline };
    return cfg.role === "network"
        ? buildNetworkStack(ctx, availabilityZones)
        : buildWorkloadStack(ctx, hub!, availabilityZones);
}
