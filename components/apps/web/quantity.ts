/**
 * Kubernetes resource quantities as the web part's config writes them (pure): the API server
 * refuses a request above its limit, so the config check catches it first.
 */

const SUFFIX: Record<string, number> = {
    "": 1,
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
};

const QUANTITY = /^(\d+(?:\.\d+)?)(m|k|M|G|T|Ki|Mi|Gi|Ti)?$/;

/** The quantity's value in base units (cores, bytes), or undefined if it is not one we accept. */
export function parseQuantity(q: string): number | undefined {
    const m = QUANTITY.exec(q);
    return m ? Number(m[1]) * SUFFIX[m[2] ?? ""] : undefined;
}

interface Quantities {
    cpuRequest: string;
    cpuLimit: string;
    memoryRequest: string;
    memoryLimit: string;
}

/** Malformed quantities, and requests above their limits, each naming its key. */
export function quantityProblems(k: (field: string) => string, q: Quantities): string[] {
    const p: string[] = [];
    for (const [req, lim] of [
        ["cpuRequest", "cpuLimit"],
        ["memoryRequest", "memoryLimit"],
    ] as const) {
        const r = parseQuantity(q[req]);
        const l = parseQuantity(q[lim]);
        for (const [field, v] of [
            [req, r],
            [lim, l],
        ] as const)
            if (v === undefined || v <= 0)
                p.push(
                    `${k(field)} is ${JSON.stringify(q[field])}, must be a positive quantity such as "250m", "1" or "512Mi"`,
                );
        if (r !== undefined && l !== undefined && r > l)
            p.push(`${k(req)} is ${JSON.stringify(q[req])}, must not exceed ${k(lim)} (${JSON.stringify(q[lim])})`);
    }
    return p;
}
