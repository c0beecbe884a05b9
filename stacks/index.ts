/**
 * The entry point of every stack. It reads the stack's typed config, builds the shared basics, and
 * hands over to the builder of the stack's role. No resource logic lives here.
 */
import { PlatformBaseline } from "../components/baseline";
import { regionalProvider } from "../components/provider";
import { defaultTags } from "../components/tags";
import { loadStackSettings } from "./config";
import { StackContext } from "./context";
import { buildNetworkStack } from "./network";
import { buildWorkloadStack } from "./workload";

export default async function main(): Promise<Record<string, unknown>> {
    const cfg = loadStackSettings();
    const provider = regionalProvider(`${cfg.stack}-${cfg.region}`, {
        region: cfg.region,
        defaultTags: defaultTags({
            environment: cfg.environment,
            stack: cfg.stack,
            owner: cfg.owner,
            costCenter: cfg.costCenter,
            extra: cfg.tags,
        }),
    });
    const opts = { providers: { aws: provider } };
    const baseline = new PlatformBaseline(`${cfg.stack}-platform`, { environment: cfg.environment }, opts);
    const ctx: StackContext = { cfg, provider, opts, baseline };
    switch (cfg.role) {
        case "network":
            return buildNetworkStack(ctx);
        case "workload":
            return buildWorkloadStack(ctx);
        case "edge":
            throw new Error(`role "edge" is not built yet (stack ${cfg.stack})`);
    }
}
