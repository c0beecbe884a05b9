/** Hand-made resource records and a pricing context, for the pricers' and the schedule's table tests. */
import { assumptionsFor } from "../../../automation/cost/assumptions";
import { unitPrice } from "../../../automation/cost/engine";
import { PriceContext } from "../../../automation/cost/types";
import { ResourceRecord } from "../../../automation/plan/types";

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
        dependencies: [],
        propertyDependencies: {},
        custom: true,
        remote: false,
        protect: false,
        retainOnDelete: false,
        deleteBeforeReplace: false,
        ignoreChanges: [],
        provider: "",
        providers: {},
        inputs,
        ...more,
    };
}

export function ctx(region: string, resources: ResourceRecord[] = [], environment = "prod"): PriceContext {
    return {
        region,
        environment,
        assumptions: assumptionsFor(environment),
        price: (k) => unitPrice(k, region),
        byId: new Map(resources.map((r) => [r.id, r])),
        resources,
    };
}
