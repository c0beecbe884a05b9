/** Reading the apps' recorded objects in tests: their inputs, by name, and the config they came from. */
import { expect } from "chai";
import { ResourceRecord } from "../../../automation/plan/types";
import { appsSchema } from "../../../stacks/config/apps";
import { PROJECT, Recorded, stackFileConfig } from "../../harness";

export type Json = any;

/** A recorded resource's inputs (the resource must exist). */
export const inputs = (r: ResourceRecord | undefined): Record<string, Json> => r!.inputs as Record<string, Json>;

/** The stack's apps config with every default applied, as the program sees it. */
export const appsOf = (stack: string) => appsSchema.parse(stackFileConfig(stack)[`${PROJECT}:apps`]);

/** The inputs of the one object of a kind whose metadata.name is `name`. */
export function byMetaName(s: Recorded, type: string, name: string): Record<string, Json> {
    const found = s.all(type).filter((r) => inputs(r).metadata?.name === name);
    expect(found, `${s.plan.name}: one ${type} named ${name}`).to.have.length(1);
    return inputs(found[0]);
}
