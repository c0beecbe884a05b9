/**
 * The README's recipe for a new region ("Adding a region"), as code: the two stack files a
 * platform engineer writes, and nothing else. The seventh-region test plans a copy of the project
 * with exactly these two files added.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { PROJECT_DIR } from "../harness";

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

/** Recipe step 1: the hub's file, its part of the platform CIDR plan. */
export function hubFile(r: NewRegion): string {
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
`;
}

/** Recipe step 2: a copy of an existing prod stack's file with its region, hub, VPC CIDR and certificate changed. */
export function prodFile(r: NewRegion, dir: string = PROJECT_DIR): string {
    const doc = YAML.parseDocument(fs.readFileSync(path.join(dir, `Pulumi.${r.template}.yaml`), "utf8"));
    const oldRegion = doc.getIn(["config", "aws:region"]) as string;
    doc.setIn(["config", "aws:region"], r.region);
    doc.setIn(["config", "payments-platform:network", "spoke", "hubStack"], `network-${r.city}`);
    doc.setIn(["config", "payments-platform:network", "spoke", "vpcCidr"], r.prodCidr);
    const certPath = ["config", "payments-platform:eks", "ingress", "certificateArn"];
    const cert = doc.getIn(certPath) as string;
    doc.setIn(certPath, cert.replace(`:${oldRegion}:`, `:${r.region}:`));
    return doc.toString();
}

/**
 * A scratch project: the repository's code and config as they are (symlinked, or copied for the
 * stack files) plus the new region's two files. Returns its directory.
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
    return root;
}
