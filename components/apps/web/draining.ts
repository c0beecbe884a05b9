/**
 * Graceful draining of a web/API pod, as numbers (pure, no resources).
 *
 * What happens when a pod stops: the kubelet runs the preStop hook (a sleep) while the pod, already
 * Terminating, drops out of the Service's ready endpoints; ingress-nginx sees the EndpointSlice change
 * and stops picking the pod; only then does SIGTERM reach gunicorn, which stops accepting, answers
 * what it holds with `Connection: close` and exits within `--graceful-timeout`; SIGKILL comes at
 * terminationGracePeriodSeconds, counted from the start of preStop.
 *
 * The rules (issue 15): preStop ≥ the ALB target group's deregistration delay + a propagation
 * margin, and grace ≥ preStop + the longest request. The ALBs' targets are ingress-nginx's pods
 * (components/edge TargetGroupBinding), not these, so for today's path the margin alone is what
 * matters; bounding by the deregistration delay as well keeps the guarantee if the edge ever
 * registers these pods directly (an ALB Ingress or a TargetGroupBinding on the app's Service).
 */

/** Seconds left between the last request's end and SIGKILL, for the interpreter to exit. */
export const EXIT_MARGIN_SECONDS = 5;

export interface DrainingInputs {
    /** The ALB target groups' deregistration delay (components/edge `deregistrationDelay`). */
    deregistrationDelaySeconds: number;
    /** Time for the endpoint removal to reach every ingress-nginx pod. */
    propagationMarginSeconds: number;
    /** The longest request the service serves. */
    maxRequestSeconds: number;
    /** A configured preStop sleep. @default deregistrationDelaySeconds + propagationMarginSeconds */
    preStopSeconds?: number;
    /** A configured grace period. @default preStop + maxRequestSeconds + EXIT_MARGIN_SECONDS */
    terminationGracePeriodSeconds?: number;
}

/** The config keys (as the user wrote them) that the messages name. */
export interface DrainingKeys {
    deregistrationDelaySeconds: string;
    propagationMarginSeconds: string;
    maxRequestSeconds: string;
    preStopSeconds: string;
    terminationGracePeriodSeconds: string;
}

export interface DrainingPlan {
    /** The preStop `sleep` action's seconds. */
    preStopSeconds: number;
    /** The pod's terminationGracePeriodSeconds. */
    terminationGracePeriodSeconds: number;
}

/** The preStop sleep and grace period, or every violated rule naming the keys involved. */
export function drainingPlan(i: DrainingInputs, keys: DrainingKeys): { plan: DrainingPlan; problems: string[] } {
    const problems: string[] = [];
    const whole = (k: keyof DrainingInputs, min: number) => {
        const v = i[k];
        if (v !== undefined && (!Number.isInteger(v) || v < min))
            problems.push(`${keys[k]} is ${v}, must be an integer of at least ${min} (seconds)`);
    };
    whole("deregistrationDelaySeconds", 0);
    whole("propagationMarginSeconds", 0);
    whole("maxRequestSeconds", 1);
    whole("preStopSeconds", 0);
    whole("terminationGracePeriodSeconds", 0);
    const minPreStop = i.deregistrationDelaySeconds + i.propagationMarginSeconds;
    const preStopSeconds = i.preStopSeconds ?? minPreStop;
    if (preStopSeconds < minPreStop)
        problems.push(
            `${keys.preStopSeconds} is ${preStopSeconds}, must be at least ${keys.deregistrationDelaySeconds} ` +
                `(${i.deregistrationDelaySeconds}) + ${keys.propagationMarginSeconds} (${i.propagationMarginSeconds}) = ${minPreStop}`,
        );
    const minGrace = preStopSeconds + i.maxRequestSeconds;
    const terminationGracePeriodSeconds = i.terminationGracePeriodSeconds ?? minGrace + EXIT_MARGIN_SECONDS;
    if (terminationGracePeriodSeconds < minGrace)
        problems.push(
            `${keys.terminationGracePeriodSeconds} is ${terminationGracePeriodSeconds}, must be at least ` +
                `the preStop sleep (${preStopSeconds}) + ${keys.maxRequestSeconds} (${i.maxRequestSeconds}) = ${minGrace}`,
        );
    return { plan: { preStopSeconds, terminationGracePeriodSeconds }, problems };
}
