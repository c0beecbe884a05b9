/**
 * The pack's policies, in one list the entry point serves and tests import (importing index.ts
 * would start the analyzer server).
 */
import { edgePolicies } from "./edge";
import { encryptionPolicies } from "./encryption";
import { PlatformPolicy } from "./helpers";
import { identityPolicies } from "./identity";
import { networkPolicies } from "./network";
import { observabilityPolicies } from "./observability";
import { publicAccessPolicies } from "./public-access";
import { resiliencePolicies } from "./resilience";
import { taggingPolicies } from "./tagging";
import { tlsPolicies } from "./tls";

export const PACK_NAME = "payments-platform";

export const allPolicies: PlatformPolicy[] = [
    ...encryptionPolicies,
    ...publicAccessPolicies,
    ...tlsPolicies,
    ...networkPolicies,
    ...resiliencePolicies,
    ...identityPolicies,
    ...taggingPolicies,
    ...edgePolicies,
    ...observabilityPolicies,
];

const seen = new Set<string>();
for (const p of allPolicies) {
    if (seen.has(p.name)) {
        throw new Error(`Duplicate policy name ${p.name}`);
    }
    seen.add(p.name);
}
