/**
 * The region's image registry: one ECR repository per payments service, in the network hub's stack.
 * The hub is never torn down, while dev is destroyed every weekend: repositories in the workload
 * stack would take every image with them (or, retained, collide with Monday's re-create), and
 * promoting one digest from dev to prod in a region needs one repository both read.
 *
 * Tags are immutable, so a configured tag names one image forever (components/apps/images.ts
 * refuses tags that move); every push is scanned; images are encrypted with the hub's key (ECR
 * decrypts through its own grant on pull, so nodes need no KMS permission: AWS's ECR user guide,
 * "Encryption at rest").
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { APP_SERVICES } from "./services";

export interface ImageRegistryArgs {
    /** KMS key encrypting every repository's images. */
    kmsKeyArn: pulumi.Input<string>;
    /** Throwaway builds (`dev-*`, `pr-*`) kept per repository; older ones expire. @default 100 */
    keepTaggedImages?: number;
    /** Days an untagged image (a replaced manifest, a failed push) is kept. @default 7 */
    untaggedExpiryDays?: number;
    tags?: Record<string, string>;
}

/**
 * ECR's lifecycle policy: untagged images expire after `days`; of the throwaway builds (tags
 * `dev-*`, `pr-*`) the newest `keep` stay. Release tags never expire: dev and prod of a region pull
 * from one repository, and a count rule over every tag would let dev's pushes expire the release
 * prod runs (ECR ignores what is running), failing its next pull on a reschedule or scale-out.
 */
export function lifecyclePolicy(keep: number, days: number): string {
    return JSON.stringify({
        rules: [
            {
                rulePriority: 1,
                description: `untagged images expire after ${days} days`,
                selection: {
                    tagStatus: "untagged",
                    countType: "sinceImagePushed",
                    countUnit: "days",
                    countNumber: days,
                },
                action: { type: "expire" },
            },
            {
                rulePriority: 2,
                description: `keep the newest ${keep} throwaway builds (dev-*, pr-*); release tags are kept`,
                selection: {
                    tagStatus: "tagged",
                    tagPatternList: THROWAWAY_TAGS,
                    countType: "imageCountMoreThan",
                    countNumber: keep,
                },
                action: { type: "expire" },
            },
        ],
    });
}

/** Tags of builds that are never released (CI's branch and pull-request images). */
export const THROWAWAY_TAGS = ["dev-*", "pr-*"];

/** The repositories; `repositoryUrls` maps each service to its repository's URL. */
export class ImageRegistry extends pulumi.ComponentResource {
    /** Repository URL per service (`<account>.dkr.ecr.<region>.amazonaws.com/<name>`). */
    public readonly repositoryUrls: pulumi.Output<Record<string, string>>;

    constructor(name: string, args: ImageRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
        super("platform:apps:ImageRegistry", name, {}, opts);
        const keep = args.keepTaggedImages ?? 100;
        const days = args.untaggedExpiryDays ?? 7;
        const urls: Record<string, pulumi.Output<string>> = {};
        for (const service of APP_SERVICES) {
            // Auto-named: encryption settings are ForceNew, and a fixed name would collide on replacement.
            const repo = new aws.ecr.Repository(
                `${name}-${service}`,
                {
                    imageTagMutability: "IMMUTABLE",
                    imageScanningConfiguration: { scanOnPush: true },
                    encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.kmsKeyArn }],
                    // Images outlive a mistaken `destroy` of the hub: ECR refuses to delete a non-empty repository.
                    forceDelete: false,
                    tags: { ...args.tags, Name: `${name}-${service}`, Service: service },
                },
                { parent: this },
            );
            new aws.ecr.LifecyclePolicy(
                `${name}-${service}`,
                { repository: repo.name, policy: lifecyclePolicy(keep, days) },
                { parent: repo },
            );
            urls[service] = repo.repositoryUrl;
        }
        this.repositoryUrls = pulumi.output(urls);
        this.registerOutputs({ repositoryUrls: this.repositoryUrls });
    }
}
