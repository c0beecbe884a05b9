/**
 * Sizes, probes and draining of the Django web and API Deployments: the defaults and the rules,
 * without resources, so the stack config (`payments-platform:apps.web`) and the component check the
 * same things and cannot disagree.
 */
import { DrainingPlan, drainingPlan } from "./draining";
import { quantityProblems } from "./quantity";

/** The two Django services of this part. */
export const WEB_SERVICES = ["web", "api"] as const;
export type WebService = (typeof WEB_SERVICES)[number];

/** One Deployment's settings; every field has a default. */
export interface WebServiceSettings {
    /** HPA minimum. @default 3 in prod (one per zone), 1 elsewhere */
    minReplicas?: number;
    /** HPA maximum. @default 12 in prod, 3 elsewhere */
    maxReplicas?: number;
    /** PDB minAvailable: below minReplicas, or a node drain could never evict a pod. @default minReplicas - 1 */
    pdbMinAvailable?: number;
    /** CPU request. @default "250m" */
    cpuRequest?: string;
    /** CPU limit. @default "1" */
    cpuLimit?: string;
    /** Memory request. @default "512Mi" */
    memoryRequest?: string;
    /** Memory limit. @default "1Gi" */
    memoryLimit?: string;
    /** HPA target: average CPU use as a percentage of the request. @default 70 */
    targetCpuPercent?: number;
    /** HPA target: average memory use as a percentage of the request. @default 80 */
    targetMemoryPercent?: number;
    /** HPA scale-up stabilisation window. @default 30 */
    scaleUpStabilizationSeconds?: number;
    /** HPA scale-down stabilisation window (Kubernetes' own default). @default 300 */
    scaleDownStabilizationSeconds?: number;
    /** The longest request the service serves: gunicorn's graceful timeout and nginx's proxy timeouts. @default 30 */
    maxRequestSeconds?: number;
    /** The preStop sleep. @default deregistration delay + propagation margin (70 with the edge's 60) */
    preStopSeconds?: number;
    /** The grace period. @default preStop + maxRequestSeconds + 5 (105) */
    terminationGracePeriodSeconds?: number;
    /** gunicorn worker processes per pod (gthread). @default 2 */
    workers?: number;
    /** Threads per gunicorn worker. @default 4 */
    threads?: number;
    /** Readiness probe path. @default "/healthz/ready" */
    readinessPath?: string;
    /** Liveness and startup probe path. @default "/healthz/live" */
    livenessPath?: string;
    /** URL path prefixes the service's Ingress routes on its host. @default ["/"] */
    paths?: string[];
}

/** The part's settings. */
export interface WebSettings {
    /** Seconds for an endpoint removal to reach every ingress-nginx pod. @default 10 */
    propagationMarginSeconds?: number;
    /** The web frontend's Deployment. @default see WebServiceSettings */
    web?: WebServiceSettings;
    /** The API's Deployment. @default see WebServiceSettings */
    api?: WebServiceSettings;
}

export type ResolvedService = Required<Omit<WebServiceSettings, "preStopSeconds" | "terminationGracePeriodSeconds">> & {
    draining: DrainingPlan;
};

/** The container port gunicorn binds (the images' EXPOSE). */
export const APP_PORT = 8000;
/** ingress-nginx's default upstream-keepalive-timeout (controller config.go at helm-chart-4.15.1). */
export const NGINX_UPSTREAM_KEEPALIVE_SECONDS = 60;
/**
 * The ALB's idle timeout (components/edge sets none: AWS's default 60 s): a request that is silent
 * longer is cut there whatever nginx or gunicorn allow.
 */
export const ALB_IDLE_TIMEOUT_SECONDS = 60;
export const DEFAULT_PROPAGATION_MARGIN_SECONDS = 10;

function defaults(prod: boolean): Omit<ResolvedService, "draining" | "pdbMinAvailable"> {
    return {
        minReplicas: prod ? 3 : 1,
        maxReplicas: prod ? 12 : 3,
        cpuRequest: "250m",
        cpuLimit: "1",
        memoryRequest: "512Mi",
        memoryLimit: "1Gi",
        targetCpuPercent: 70,
        targetMemoryPercent: 80,
        scaleUpStabilizationSeconds: 30,
        scaleDownStabilizationSeconds: 300,
        maxRequestSeconds: 30,
        workers: 2,
        threads: 4,
        readinessPath: "/healthz/ready",
        livenessPath: "/healthz/live",
        paths: ["/"],
    };
}

export interface WebRuleContext {
    /** Prod rules (at least 2 replicas, 1 kept through disruptions). */
    prod: boolean;
    /** The edge's target-group deregistration delay, and the key it is configured under. */
    deregistrationDelaySeconds: number;
    deregistrationDelayKey: string;
    /** Prefix of every message's key, e.g. "payments-platform:apps.web". */
    key: string;
}

/** Every service's resolved settings, and every problem in the user's words. */
export function resolveWebSettings(
    s: WebSettings,
    c: WebRuleContext,
): { services: Record<WebService, ResolvedService>; problems: string[] } {
    const problems: string[] = [];
    const margin = s.propagationMarginSeconds ?? DEFAULT_PROPAGATION_MARGIN_SECONDS;
    const resolved = WEB_SERVICES.map((svc) => {
        const r = resolveService(svc, s[svc] ?? {}, margin, c);
        problems.push(...r.problems);
        return [svc, r.service] as const;
    });
    return { services: Object.fromEntries(resolved) as Record<WebService, ResolvedService>, problems };
}

function resolveService(
    svc: WebService,
    given: WebServiceSettings,
    margin: number,
    c: WebRuleContext,
): { service: ResolvedService; problems: string[] } {
    const k = (field: string) => `${c.key}.${svc}.${field}`;
    const base = { ...defaults(c.prod), ...definedOnly(given) };
    const pdbMinAvailable = given.pdbMinAvailable ?? Math.max(0, base.minReplicas - 1);
    const drain = drainingPlan(
        {
            deregistrationDelaySeconds: c.deregistrationDelaySeconds,
            propagationMarginSeconds: margin,
            maxRequestSeconds: base.maxRequestSeconds,
            preStopSeconds: given.preStopSeconds,
            terminationGracePeriodSeconds: given.terminationGracePeriodSeconds,
        },
        {
            deregistrationDelaySeconds: c.deregistrationDelayKey,
            propagationMarginSeconds: `${c.key}.propagationMarginSeconds`,
            maxRequestSeconds: k("maxRequestSeconds"),
            preStopSeconds: k("preStopSeconds"),
            terminationGracePeriodSeconds: k("terminationGracePeriodSeconds"),
        },
    );
    const service: ResolvedService = { ...base, pdbMinAvailable, draining: drain.plan };
    return { service, problems: [...serviceProblems(service, k, c.prod), ...drain.problems] };
}

function definedOnly<T extends object>(o: T): Partial<T> {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function serviceProblems(s: ResolvedService, k: (f: string) => string, prod: boolean): string[] {
    const p: string[] = [];
    const int = (field: keyof ResolvedService, min: number, max: number, why = "") => {
        const v = s[field] as number;
        if (!Number.isInteger(v) || v < min || v > max)
            p.push(`${k(field)} is ${v}, must be an integer from ${min} to ${max}${why}`);
    };
    // HPA v2 cannot scale to zero (HPAScaleToZero is alpha, off on EKS).
    int("minReplicas", prod ? 2 : 1, 1000, prod ? " (prod keeps two, so one survives a node's loss)" : "");
    int("maxReplicas", 1, 1000);
    int("pdbMinAvailable", prod ? 1 : 0, 1000);
    int("targetCpuPercent", 1, 100);
    int("targetMemoryPercent", 1, 100);
    int("scaleUpStabilizationSeconds", 0, 3600, " (the HPA's limit)");
    int("scaleDownStabilizationSeconds", 0, 3600, " (the HPA's limit)");
    int("maxRequestSeconds", 1, ALB_IDLE_TIMEOUT_SECONDS, " (the ALB's idle timeout cuts longer requests)");
    int("workers", 1, 64);
    int("threads", 1, 64);
    if (s.maxReplicas < s.minReplicas)
        p.push(`${k("maxReplicas")} is ${s.maxReplicas}, must be at least ${k("minReplicas")} (${s.minReplicas})`);
    if (s.pdbMinAvailable >= s.minReplicas)
        p.push(
            `${k("pdbMinAvailable")} is ${s.pdbMinAvailable}, must be below ${k("minReplicas")} (${s.minReplicas}): ` +
                `at the minimum a node drain could never evict a pod`,
        );
    p.push(...quantityProblems(k, s));
    for (const field of ["readinessPath", "livenessPath"] as const)
        if (!/^\/[A-Za-z0-9._~/-]*$/.test(s[field]))
            p.push(`${k(field)} is ${JSON.stringify(s[field])}, must be a URL path starting with /`);
    if (s.paths.length === 0) p.push(`${k("paths")} is [], the service needs at least one path`);
    s.paths.forEach((path, i) => {
        if (!/^\/[A-Za-z0-9._~/-]*$/.test(path))
            p.push(`${k(`paths[${i}]`)} is ${JSON.stringify(path)}, must be a URL path prefix starting with /`);
    });
    return p;
}
