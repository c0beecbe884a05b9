/**
 * The real StackHandle: a stack of this project through the Automation API's LocalWorkspace (the
 * Pulumi CLI on PATH, the backend the user is logged in to). Nothing here runs in tests.
 */
import { LocalWorkspace } from "@pulumi/pulumi/automation";
import { StackHandle } from "./workspace";

export async function localStack(
    stackName: string,
    workDir: string,
    signal: AbortSignal,
    onOutput: (line: string) => void,
): Promise<StackHandle> {
    const stack = await LocalWorkspace.selectStack({ stackName, workDir });
    return {
        name: stackName,
        config: async () =>
            Object.fromEntries(
                Object.entries(await stack.getAllConfig())
                    .filter(([, v]) => !v.secret)
                    .map(([k, v]) => [k, v.value]),
            ),
        resources: async () =>
            ((await stack.exportStack()).deployment?.resources ?? []).map(
                (r: { urn: string; type: string; protect?: boolean }) => ({
                    urn: r.urn,
                    type: r.type,
                    protect: r.protect,
                }),
            ),
        outputs: async () => Object.fromEntries(Object.entries(await stack.outputs()).map(([k, v]) => [k, v.value])),
        destroy: async () => void (await stack.destroy({ onOutput, signal })),
        up: async () => void (await stack.up({ onOutput, signal })),
        setConfig: (key, value) => stack.setConfig(key, { value }, true),
    };
}
