/**
 * The payments services whose images the platform runs, each an ECR repository in every region's
 * hub (components/apps/registry.ts) and an image reference in each workload stack's config
 * (`payments-platform:apps.images.<service>`). Adding a service is a row here.
 */
export const APP_SERVICES = [
    "web",
    "api",
    "worker",
    "beat",
    "ledger",
    "mysql",
    "tcp-gateway",
    "log-writer",
    "log-parser",
    "cache-warmer",
    "db-bootstrap",
] as const;

export type AppService = (typeof APP_SERVICES)[number];
