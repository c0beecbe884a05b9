/**
 * Entry point of the CrossGuard pack: `pulumi preview --policy-pack policies` (plus
 * `--policy-pack-config policies/config/<env>.json`) runs this file, and so does the offline plan.
 */
import { PolicyPack } from "@pulumi/policy";
import { allPolicies, PACK_NAME } from "./pack";

new PolicyPack(PACK_NAME, {
    description: "Encryption, private buckets, TLS, network exposure, identity and tagging for the payments platform.",
    policies: allPolicies,
});
