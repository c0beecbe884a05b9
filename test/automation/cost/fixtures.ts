/** Hand-made resource records and a pricing context, for the pricers' and the schedule's table tests. */
import { assumptionsFor } from "../../../automation/cost/assumptions";
import { unitPrice } from "../../../automation/cost/engine";
import { PriceContext } from "../../../automation/cost/types";
import { ResourceRecord } from "../../../automation/plan/types";
import { rec } from "../records";

export { rec };

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
