/** Compute: EC2 instances, EKS control planes and managed node groups, public IPv4, Helm-made load balancers. */
import { arr, hourly, num, obj, str, usage } from "../parts";
import { Part, PriceContext, Pricer, Pricing } from "../types";
import type { ResourceRecord } from "../../plan/types";

// A managed node group without a launch template gets EKS's default root volume.
const EKS_DEFAULT_DISK_GIB = 20;
// RunInstances' default root volume for the Amazon Linux AMIs.
const EC2_DEFAULT_DISK_GIB = 8;

export const ec2Instance: Pricer = (r, ctx) => {
    const type = str(r.inputs.instanceType);
    if (!type) return { unpriced: "instanceType is unknown at plan time" };
    const disk = obj(r.inputs.rootBlockDevice);
    const parts = [
        hourly(ctx, `ec2:${type}`, 1, type),
        volume(ctx, num(disk.volumeSize) ?? EC2_DEFAULT_DISK_GIB, str(disk.volumeType) ?? "gp3"),
    ];
    if (r.inputs.associatePublicIpAddress === true) parts.push(hourly(ctx, "ipv4:hour", 1, "public IPv4 address"));
    return { parts };
};

export const eksCluster: Pricer = (r, ctx) => {
    const extended = str(obj(r.inputs.upgradePolicy).supportType) === "EXTENDED";
    const part = hourly(ctx, "eks:cluster", 1, "EKS control plane (standard support)");
    // EXTENDED keeps the cluster running past the version's 14 months of standard support at 6× the price.
    if (extended)
        part.basis += `; once ${str(r.inputs.version) ?? "its version"} leaves standard support, $${ctx.price("eks:cluster-extended")}/h (upgradePolicy EXTENDED)`;
    return { parts: [part] };
};

export const nodeGroup: Pricer = (r, ctx) => {
    const scaling = obj(r.inputs.scalingConfig);
    const desired = num(scaling.desiredSize);
    const types = arr(r.inputs.instanceTypes)
        .map(str)
        .filter((t): t is string => !!t);
    if (desired === undefined || types.length === 0)
        return { unpriced: "desiredSize or instanceTypes unknown at plan time" };
    const spot = str(r.inputs.capacityType) === "SPOT";
    // Spot fills from the listed types; the cheapest is what a diversified pool mostly gets.
    const type = spot ? cheapest(ctx, types) : types[0];
    const node = hourly(ctx, `ec2:${type}`, desired, `${type}${spot ? " spot" : ""} (desiredSize)`);
    if (spot) {
        const d = ctx.assumptions.spotDiscount;
        node.usd *= 1 - d;
        node.basis += ` × ${1 - d} (spot at ${Math.round(d * 100)}% off, spotDiscount)`;
    }
    const disk = launchTemplateDisk(r, ctx);
    return { parts: [node, volume(ctx, disk.size * desired, disk.type)] };
};

function cheapest(ctx: PriceContext, types: string[]): string {
    return [...types].sort((a, b) => ctx.price(`ec2:${a}`) - ctx.price(`ec2:${b}`))[0];
}

function launchTemplateDisk(r: ResourceRecord, ctx: PriceContext): { size: number; type: string } {
    const lt = ctx.byId.get(str(obj(r.inputs.launchTemplate).id) ?? "");
    const ebs = obj(obj(arr(lt?.inputs.blockDeviceMappings)[0]).ebs);
    return {
        size: num(ebs.volumeSize) ?? num(r.inputs.diskSize) ?? EKS_DEFAULT_DISK_GIB,
        type: str(ebs.volumeType) ?? "gp3",
    };
}

function volume(ctx: PriceContext, gib: number, type: string): Part {
    const p = ctx.price(`ebs:${type}`);
    return { usd: p * gib, basis: `${gib} GiB ${type} × $${p}/GiB-month`, scales: "hours" };
}

export const eip: Pricer = (_r, ctx) => ({ parts: [hourly(ctx, "ipv4:hour", 1, "public IPv4 address")] });

/**
 * A Helm release is pods on the node groups (priced there), except ingress-nginx: its controller
 * Service is type LoadBalancer, which the AWS Load Balancer Controller turns into an NLB.
 */
export const helmRelease: Pricer = (r, ctx): Pricing => {
    if (str(r.inputs.chart) !== "ingress-nginx") return { noCharge: "pods on the node groups, priced there" };
    const service = obj(obj(obj(r.inputs.values).controller).service);
    if (str(service.type) && str(service.type) !== "LoadBalancer")
        return { noCharge: `controller Service type ${str(service.type)}, no load balancer` };
    const a = ctx.assumptions.lcuPerHour;
    const lcu = hourly(ctx, "nlb:lcu", a, "NLB LCU (lcuPerHour)");
    lcu.scales = "usage";
    return { parts: [hourly(ctx, "nlb:hour", 1, "NLB for the controller Service"), lcu] };
};

export const loadBalancer: Pricer = (r, ctx) => {
    const kind = str(r.inputs.loadBalancerType) === "network" ? "nlb" : "alb";
    const lcu = hourly(ctx, `${kind}:lcu`, ctx.assumptions.lcuPerHour, `${kind.toUpperCase()} LCU (lcuPerHour)`);
    lcu.scales = "usage";
    return { parts: [hourly(ctx, `${kind}:hour`, 1, kind.toUpperCase()), lcu] };
};

export const efs: Pricer = (_r, ctx) => ({
    parts: [usage(ctx, "efs:standard", ctx.assumptions.storedGiB, "GiB-month", "storedGiB")],
});
