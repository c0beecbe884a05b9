/**
 * Config keys of the network area (see the component's Args for what each controls).
 */
import { z } from "zod";

/** Keys of this area, merged into the stack schema. Each is documented and ends with its default. */
export const networkKeys = {} satisfies z.ZodRawShape;

/** Secret keys of this area (declared `secret: true` in Pulumi.yaml). */
export const networkSecretKeys: readonly string[] = [];
