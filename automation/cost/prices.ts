/**
 * The price table, as data: one row per billable dimension, on-demand, USD, per region of the
 * platform. Each row names the AWS pricing page it comes from and the month its figure is from.
 *
 * These figures were taken from AWS's public pricing pages as published at `asOf`, NOT re-read on
 * this machine (it reaches only the npm registry): treat them as an estimate and re-check the pages
 * before budgeting (spot-checked here against third-party summaries of those pages, found with the
 * search tool: EKS $0.10/h standard and $0.60/h extended support; NAT $0.045/h in us-east-1 and
 * $0.059/h in ap-southeast-1). A region missing from a row makes the resources that need it unpriced (with that
 * reason), never zero.
 */

/** The regions the table carries figures for, in the order `perRegion` takes them. */
export const PRICED_REGIONS = [
    "us-east-1",
    "us-west-2",
    "eu-central-1",
    "eu-west-2",
    "ap-northeast-1",
    "ap-southeast-1",
] as const;

export type Unit = "hour" | "month" | "GiB-month" | "GiB" | "million";

export interface PriceRow {
    /** What is billed, e.g. `ec2:m6i.large`, `nat:hour`. */
    key: string;
    unit: Unit;
    /** USD per unit, by region. */
    usd: Record<string, number>;
    /** The AWS pricing page. */
    source: string;
    /** The month the figure is from (YYYY-MM). */
    asOf: string;
}

const AS_OF = "2025-06";

function perRegion(...v: number[]): Record<string, number> {
    return Object.fromEntries(PRICED_REGIONS.map((r, i) => [r, v[i]]));
}

function flat(v: number): Record<string, number> {
    return perRegion(...PRICED_REGIONS.map(() => v));
}

const PAGE = {
    ec2: "https://aws.amazon.com/ec2/pricing/on-demand/",
    ebs: "https://aws.amazon.com/ebs/pricing/",
    eks: "https://aws.amazon.com/eks/pricing/",
    vpc: "https://aws.amazon.com/vpc/pricing/",
    tgw: "https://aws.amazon.com/transit-gateway/pricing/",
    privatelink: "https://aws.amazon.com/privatelink/pricing/",
    aurora: "https://aws.amazon.com/rds/aurora/pricing/",
    proxy: "https://aws.amazon.com/rds/proxy/pricing/",
    elasticache: "https://aws.amazon.com/elasticache/pricing/",
    kms: "https://aws.amazon.com/kms/pricing/",
    cloudwatch: "https://aws.amazon.com/cloudwatch/pricing/",
    route53: "https://aws.amazon.com/route53/pricing/",
    sqs: "https://aws.amazon.com/sqs/pricing/",
    events: "https://aws.amazon.com/eventbridge/pricing/",
    ssm: "https://aws.amazon.com/systems-manager/pricing/",
    secrets: "https://aws.amazon.com/secrets-manager/pricing/",
    elb: "https://aws.amazon.com/elasticloadbalancing/pricing/",
    ga: "https://aws.amazon.com/global-accelerator/pricing/",
    cloudfront: "https://aws.amazon.com/cloudfront/pricing/",
    waf: "https://aws.amazon.com/waf/pricing/",
    efs: "https://aws.amazon.com/efs/pricing/",
    backup: "https://aws.amazon.com/backup/pricing/",
} as const;

type Row = [key: string, unit: Unit, usd: Record<string, number>, source: string];

// Regions in PRICED_REGIONS order: us-east-1, us-west-2, eu-central-1, eu-west-2, ap-northeast-1, ap-southeast-1.
const ROWS: Row[] = [
    // EC2 Linux on-demand, per instance-hour.
    ["ec2:t3.micro", "hour", perRegion(0.0104, 0.0104, 0.012, 0.0118, 0.0136, 0.0132), PAGE.ec2],
    ["ec2:t3.small", "hour", perRegion(0.0208, 0.0208, 0.024, 0.0236, 0.0272, 0.0264), PAGE.ec2],
    ["ec2:t3.medium", "hour", perRegion(0.0416, 0.0416, 0.048, 0.0472, 0.0544, 0.0528), PAGE.ec2],
    ["ec2:t3.large", "hour", perRegion(0.0832, 0.0832, 0.096, 0.0944, 0.1088, 0.1056), PAGE.ec2],
    ["ec2:t3a.large", "hour", perRegion(0.0752, 0.0752, 0.0864, 0.085, 0.0979, 0.095), PAGE.ec2],
    ["ec2:m5.large", "hour", perRegion(0.096, 0.096, 0.115, 0.111, 0.124, 0.12), PAGE.ec2],
    ["ec2:m6i.large", "hour", perRegion(0.096, 0.096, 0.115, 0.111, 0.124, 0.12), PAGE.ec2],
    ["ec2:m6i.xlarge", "hour", perRegion(0.192, 0.192, 0.23, 0.222, 0.248, 0.24), PAGE.ec2],
    ["ec2:m6i.2xlarge", "hour", perRegion(0.384, 0.384, 0.46, 0.444, 0.496, 0.48), PAGE.ec2],
    ["ec2:m7g.large", "hour", perRegion(0.0816, 0.0816, 0.0972, 0.095, 0.1054, 0.102), PAGE.ec2],
    ["ebs:gp3", "GiB-month", perRegion(0.08, 0.08, 0.0952, 0.0928, 0.096, 0.096), PAGE.ebs],
    ["ebs:snapshot", "GiB-month", perRegion(0.05, 0.05, 0.054, 0.053, 0.05, 0.05), PAGE.ebs],
    // EKS: standard support; EXTENDED support bills 0.60/h once the version leaves standard support.
    ["eks:cluster", "hour", flat(0.1), PAGE.eks],
    ["eks:cluster-extended", "hour", flat(0.6), PAGE.eks],
    // VPC: NAT gateways per hour and per GiB processed; every public IPv4 address (EIPs too) since 2024-02.
    ["nat:hour", "hour", perRegion(0.045, 0.045, 0.052, 0.05, 0.062, 0.059), PAGE.vpc],
    ["nat:data", "GiB", perRegion(0.045, 0.045, 0.052, 0.05, 0.062, 0.059), PAGE.vpc],
    ["ipv4:hour", "hour", flat(0.005), PAGE.vpc],
    ["tgw:attachment", "hour", perRegion(0.05, 0.05, 0.06, 0.06, 0.07, 0.07), PAGE.tgw],
    ["tgw:data", "GiB", flat(0.02), PAGE.tgw],
    ["vpce:az-hour", "hour", perRegion(0.01, 0.01, 0.012, 0.011, 0.014, 0.013), PAGE.privatelink],
    ["vpce:data", "GiB", flat(0.01), PAGE.privatelink],
    // Aurora PostgreSQL, Aurora Standard storage configuration.
    ["aurora:db.t4g.medium", "hour", perRegion(0.073, 0.073, 0.08, 0.078, 0.085, 0.085), PAGE.aurora],
    ["aurora:db.r7g.large", "hour", perRegion(0.276, 0.276, 0.322, 0.318, 0.322, 0.33), PAGE.aurora],
    ["aurora:db.r7g.xlarge", "hour", perRegion(0.552, 0.552, 0.644, 0.636, 0.644, 0.66), PAGE.aurora],
    ["aurora:db.r6g.large", "hour", perRegion(0.26, 0.26, 0.303, 0.3, 0.303, 0.31), PAGE.aurora],
    ["aurora:storage", "GiB-month", perRegion(0.1, 0.1, 0.11, 0.11, 0.12, 0.12), PAGE.aurora],
    ["aurora:io", "million", perRegion(0.2, 0.2, 0.22, 0.22, 0.24, 0.24), PAGE.aurora],
    ["aurora:backup", "GiB-month", perRegion(0.021, 0.021, 0.023, 0.023, 0.025, 0.025), PAGE.aurora],
    ["rdsproxy:vcpu-hour", "hour", perRegion(0.015, 0.015, 0.018, 0.018, 0.018, 0.018), PAGE.proxy],
    // ElastiCache node-based, Redis OSS prices; Valkey nodes are 20% less (same page).
    ["cache:cache.t4g.small", "hour", perRegion(0.032, 0.032, 0.036, 0.036, 0.041, 0.04), PAGE.elasticache],
    ["cache:cache.t4g.medium", "hour", perRegion(0.065, 0.065, 0.073, 0.072, 0.082, 0.08), PAGE.elasticache],
    ["cache:cache.r7g.large", "hour", perRegion(0.219, 0.219, 0.252, 0.245, 0.26, 0.262), PAGE.elasticache],
    ["cache:cache.r7g.xlarge", "hour", perRegion(0.437, 0.437, 0.504, 0.49, 0.52, 0.524), PAGE.elasticache],
    ["kms:key", "month", flat(1), PAGE.kms],
    ["logs:ingest", "GiB", perRegion(0.5, 0.5, 0.63, 0.57, 0.76, 0.67), PAGE.cloudwatch],
    ["logs:storage", "GiB-month", perRegion(0.03, 0.03, 0.0324, 0.0315, 0.033, 0.033), PAGE.cloudwatch],
    ["cloudwatch:alarm", "month", flat(0.1), PAGE.cloudwatch],
    ["cloudwatch:dashboard", "month", flat(3), PAGE.cloudwatch],
    ["route53:zone", "month", flat(0.5), PAGE.route53],
    ["route53:health-check", "month", flat(0.5), PAGE.route53],
    ["sqs:requests", "million", flat(0.4), PAGE.sqs],
    ["events:custom", "million", flat(1), PAGE.events],
    ["ssm:advanced-parameter", "month", flat(0.05), PAGE.ssm],
    ["secrets:secret", "month", flat(0.4), PAGE.secrets],
    ["alb:hour", "hour", perRegion(0.0225, 0.0225, 0.027, 0.0252, 0.0243, 0.0252), PAGE.elb],
    ["alb:lcu", "hour", perRegion(0.008, 0.008, 0.0096, 0.0089, 0.0081, 0.0084), PAGE.elb],
    ["nlb:hour", "hour", perRegion(0.0225, 0.0225, 0.027, 0.0252, 0.0243, 0.0252), PAGE.elb],
    ["nlb:lcu", "hour", perRegion(0.006, 0.006, 0.0073, 0.0068, 0.0065, 0.0068), PAGE.elb],
    ["ga:accelerator", "hour", flat(0.025), PAGE.ga],
    // CloudFront bills by edge location; North America/Europe rates stand for the whole distribution.
    ["cloudfront:data", "GiB", flat(0.085), PAGE.cloudfront],
    ["cloudfront:https-requests", "million", flat(1), PAGE.cloudfront],
    ["waf:acl", "month", flat(5), PAGE.waf],
    ["waf:rule", "month", flat(1), PAGE.waf],
    ["waf:requests", "million", flat(0.6), PAGE.waf],
    ["efs:standard", "GiB-month", perRegion(0.3, 0.3, 0.36, 0.33, 0.36, 0.36), PAGE.efs],
    ["backup:warm", "GiB-month", perRegion(0.05, 0.05, 0.055, 0.053, 0.05, 0.05), PAGE.backup],
];

export const PRICES: PriceRow[] = ROWS.map(([key, unit, usd, source]) => ({ key, unit, usd, source, asOf: AS_OF }));

/** vCPUs per instance class, for prices billed per vCPU (RDS Proxy). From the instance-type pages. */
export const VCPUS: Record<string, number> = {
    "db.t4g.medium": 2,
    "db.r6g.large": 2,
    "db.r7g.large": 2,
    "db.r7g.xlarge": 4,
};

/** Discounts applied to the on-demand row, with where they come from. */
export const DISCOUNTS = {
    /** Valkey node-based clusters are priced 20% below Redis OSS. */
    valkey: { factor: 0.8, source: PAGE.elasticache },
} as const;
