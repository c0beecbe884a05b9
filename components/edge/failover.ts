/**
 * Worst-case failover time of each entry path, without resources. Both paths find a failed region
 * through its ALB's target health (Route 53 aliases with EvaluateTargetHealth, and Global
 * Accelerator, which uses the load balancer's own health for ALB endpoints), then:
 *
 * - CloudFront path (Route 53): detection, plus the record's TTL, for which resolvers (CloudFront's
 *   among them) keep the old answer. Alias records to an ALB carry the ALB's 60 s TTL.
 * - Global Accelerator path: detection, plus GA's own endpoint-group check (interval × threshold)
 *   before it moves traffic to the next region.
 */

export interface HealthTiming {
    /** Seconds between checks. */
    intervalSeconds: number;
    /** Consecutive failed checks before the target is unhealthy. */
    threshold: number;
}

export interface FailoverInputs {
    /** The ALB target groups' health check (every region's). */
    target: HealthTiming;
    /** TTL of the DNS answer CloudFront caches, seconds. */
    dnsTtlSeconds: number;
    /** Global Accelerator's endpoint-group health check. */
    accelerator: HealthTiming;
}

export interface FailoverTimes {
    cloudFront: number;
    accelerator: number;
}

const detect = (h: HealthTiming) => h.intervalSeconds * h.threshold;

/** Seconds until each path stops sending traffic to a failed region, at worst. */
export function worstCaseFailoverSeconds(i: FailoverInputs): FailoverTimes {
    return {
        cloudFront: detect(i.target) + i.dnsTtlSeconds,
        accelerator: detect(i.target) + detect(i.accelerator),
    };
}

/** One problem per path whose worst case exceeds the RTO, naming the terms. */
export function rtoProblems(i: FailoverInputs, rtoSeconds: number): string[] {
    const t = worstCaseFailoverSeconds(i);
    const problems: string[] = [];
    const target = `${i.target.intervalSeconds} s × ${i.target.threshold}`;
    if (t.cloudFront > rtoSeconds)
        problems.push(
            `the CloudFront path fails over in up to ${t.cloudFront} s (target health ${target} + DNS TTL ${i.dnsTtlSeconds} s), above the RTO of ${rtoSeconds} s`,
        );
    if (t.accelerator > rtoSeconds)
        problems.push(
            `the Global Accelerator path fails over in up to ${t.accelerator} s (target health ${target} + accelerator ${i.accelerator.intervalSeconds} s × ${i.accelerator.threshold}), above the RTO of ${rtoSeconds} s`,
        );
    return problems;
}
