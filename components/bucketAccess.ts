/**
 * What makes a bucket private, the same for every bucket of the platform: all four public-access
 * block flags (no ACL or policy can make it public) and BucketOwnerEnforced (ACLs off, the account
 * owns every object, whoever wrote it). The CrossGuard pack checks both.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The bucket's public-access block (`<name>-public-access`) and ownership controls (`<name>-ownership`). */
export function privateAccess(
    name: string,
    bucket: pulumi.Input<string>,
    opts: pulumi.CustomResourceOptions,
): aws.s3.BucketPublicAccessBlock {
    const block = new aws.s3.BucketPublicAccessBlock(
        `${name}-public-access`,
        {
            bucket,
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        },
        opts,
    );
    new aws.s3.BucketOwnershipControls(
        `${name}-ownership`,
        { bucket, rule: { objectOwnership: "BucketOwnerEnforced" } },
        opts,
    );
    return block;
}
