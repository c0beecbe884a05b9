/**
 * The README's recipe for a new region ("Adding a region"), as code: the two stack files a
 * platform engineer writes and the one entry added to the edge stack's list of regions, nothing else. The seventh-region test plans a copy of the project
 * with exactly these two files added.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT_DIR, discoverStacks } from "../harness";

export interface NewRegion {
    /** The city that names the stacks: network-<city>, prod-<city>. */
    city: string;
    region: string;
    /** The region's shared-services /20 (the next free one of 10.0.0.0/16). */
    sharedServicesCidr: string;
    /** The region's prod /16 (the next free one after the existing regions'). */
    prodCidr: string;
    /** The prod stack to copy the workload settings from (recipe step 2). */
    template: string;
}

/** Recipe step 1: the hub's file, its part of the platform CIDR plan and a link to every earlier hub (full mesh). */
export function hubFile(r: NewRegion, dir: string = PROJECT_DIR): string {
    const peers = discoverStacks(dir)
        .filter((s) => s.role === "network")
        .map((s) => `        - { peerStack: ${s.name} }`);
    return `config:
  aws:region: ${r.region}
  payments-platform:role: network
  payments-platform:environment: shared
  payments-platform:owner: platform-team
  payments-platform:costCenter: "cc-payments-shared"
  payments-platform:network:
    hub:
      supernet: 10.0.0.0/8
      sharedServicesCidr: ${r.sharedServicesCidr}
      spokes:
        - { name: prod/workloads, domain: prod, cidr: ${r.prodCidr} }
      onPremCidrs:
        - { owner: on-prem/dc1, cidr: 10.128.0.0/16 }
      bastion: true
      links:
${peers.join("\n")}
`;
}

/** Recipe step 2: a copy of an existing prod stack's file with its region, hub and VPC CIDR changed. */
export function prodFile(r: NewRegion, dir: string = PROJECT_DIR): string {
    const doc = YAML.parseDocument(fs.readFileSync(path.join(dir, `Pulumi.${r.template}.yaml`), "utf8"));
    doc.setIn(["config", "aws:region"], r.region);
    doc.setIn(["config", "payments-platform:network", "spoke", "hubStack"], `network-${r.city}`);
    doc.setIn(["config", "payments-platform:network", "spoke", "vpcCidr"], r.prodCidr);
    return doc.toString();
}

/** Recipe step 3: the edge stack's list of regions gains the new prod stack (the one existing file that changes). */
export function edgeFile(r: NewRegion, dir: string = PROJECT_DIR): string {
    const doc = YAML.parseDocument(fs.readFileSync(path.join(dir, `Pulumi.${EDGE_STACK}.yaml`), "utf8"));
    const regions = doc.getIn(["config", "payments-platform:edge", "regions"]) as YAML.YAMLSeq;
    regions.add(doc.createNode({ stack: `prod-${r.city}` }));
    return doc.toString();
}

/** The global edge stack, whose `edge.regions` lists every prod region. */
export const EDGE_STACK = "edge-global";

/**
 * A scratch project: the repository's code and config as they are (symlinked, or copied for the
 * stack files) plus the new region's two files and its entry in the edge stack's list. Returns its directory.
 */
export function projectWithRegion(r: NewRegion, root: string): string {
    for (const entry of fs.readdirSync(PROJECT_DIR)) {
        if (entry.startsWith(".")) continue;
        const from = path.join(PROJECT_DIR, entry);
        if (/^Pulumi\..+\.yaml$/.test(entry)) fs.copyFileSync(from, path.join(root, entry));
        else fs.symlinkSync(from, path.join(root, entry));
    }
    fs.writeFileSync(path.join(root, `Pulumi.network-${r.city}.yaml`), hubFile(r));
    fs.writeFileSync(path.join(root, `Pulumi.prod-${r.city}.yaml`), prodFile(r));
    fs.writeFileSync(path.join(root, `Pulumi.${EDGE_STACK}.yaml`), edgeFile(r));
    return root;
}
