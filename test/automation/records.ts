/** Hand-made resource records for the automation tests (the analyzer's synthetic plans, the pricers' tables). */
import { ResourceRecord, defaultRecordOptions } from "../../automation/plan/types";

/** A custom resource record with the plan's defaults: no parent, provider or dependencies, unless `more` says. */
export function rec(
    type: string,
    name: string,
    inputs: Record<string, unknown> = {},
    more: Partial<ResourceRecord> = {},
): ResourceRecord {
    return {
        urn: `urn:pulumi:t::p::${type}::${name}`,
        type,
        name,
        id: `${name}-id`,
        parent: "",
        ...defaultRecordOptions(),
        provider: "",
        inputs,
        ...more,
    };
}
