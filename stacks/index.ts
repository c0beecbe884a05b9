/**
 * The entry point of every stack. Order matters, so a bad input fails before anything exists:
 * (1) the config is loaded and checked (no resource); (2) a workload stack reads its hub's plan,
 * a hub its linked peers', through stack references (which create nothing in AWS) and (3) the
 * preflight checks the config against them; (4) only then the provider, whose AZ lookup is the last check, the baseline
 * key and the role's resources. No resource logic lives here.
 */
import { PlatformBaseline } from "../components/baseline";
import { stackProvider } from "./provider";
import { loadStackSettings } from "./config";
import { StackContext } from "./context";
import { buildBootstrapStack } from "./bootstrap";
import { buildEdgeStack, edgeRegionProblems, readEdgeRegions } from "./edge";
import { linkPeerProblems, readLinkedHubs } from "./links";
import { buildNetworkStack } from "./network";
import { availabilityZonesFor, networkConfigProblems, throwIfConfigProblems, workloadPlanProblems } from "./preflight";
import { buildWorkloadStack } from "./workload";
import { readGlobalPrimary } from "./workload/database";
import { HubView, readHub } from "./workload/network";

export default async function main(): Promise<Record<string, unknown>> {
    const cfg = loadStackSettings(networkConfigProblems);
    if (cfg.role === "bootstrap") return buildBootstrapStack(cfg, stackProvider(cfg));
    const hub: HubView | undefined = cfg.role === "workload" ? await readHub(cfg) : undefined;
    // A hub's linked peers: their ids and plans, read (and checked against this plan) before any resource.
    const peers = await readLinkedHubs(cfg);
    // A global secondary's primary, read (and checked) through its stack reference like the hub.
    const primary = cfg.role === "workload" ? await readGlobalPrimary(cfg) : undefined;
    // The edge's regional stacks, read (and checked against its config) before any resource.
    const regions = cfg.role === "edge" ? await readEdgeRegions(cfg) : [];
    throwIfConfigProblems(
        hub
            ? workloadPlanProblems(cfg, hub)
            : cfg.role === "edge"
              ? cfg.edge && regions.length
                  ? edgeRegionProblems(cfg.edge, regions)
                  : []
              : linkPeerProblems(cfg, peers),
    );
    const provider = stackProvider(cfg);
    // Awaited: awsx needs plain AZ names, and a region short of AZs must fail before the first resource.
    const availabilityZones = await availabilityZonesFor(cfg, provider, hub);
    const opts = { providers: { aws: provider } };
    const baseline = new PlatformBaseline(`${cfg.stack}-platform`, { environment: cfg.environment }, opts);
    const ctx: StackContext = { cfg, provider, opts, baseline };
    if (cfg.role === "edge") return buildEdgeStack(ctx, regions);
    return cfg.role === "network"
        ? buildNetworkStack(ctx, availabilityZones, peers)
        : buildWorkloadStack(ctx, hub!, availabilityZones, primary);
}
