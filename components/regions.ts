/**
 * The AWS regions this platform can deploy to, with their partition. Pure: no resources, no config.
 *
 * The list is the commercial, China and GovCloud regions of the provider's own `aws.Region` enum
 * (@pulumi/aws 7.48.0, types/enums). The isolated partitions (aws-iso*, aws-eusc) are left out on
 * purpose: they need their own endpoints, accounts and service catalogue, which nothing here models.
 */

/** An AWS partition: the first field of every ARN in it (`arn:<partition>:...`). */
export type Partition = "aws" | "aws-cn" | "aws-us-gov";

const COMMERCIAL = [
    "af-south-1",
    "ap-east-1",
    "ap-east-2",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ap-southeast-6",
    "ap-southeast-7",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "mx-central-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
] as const;

/** Every known region and its partition. */
export const REGION_PARTITIONS: Readonly<Record<string, Partition>> = Object.freeze({
    ...Object.fromEntries(COMMERCIAL.map((r) => [r, "aws" as const])),
    "cn-north-1": "aws-cn",
    "cn-northwest-1": "aws-cn",
    "us-gov-east-1": "aws-us-gov",
    "us-gov-west-1": "aws-us-gov",
});

/** Every known region name, sorted. */
export const KNOWN_REGIONS: readonly string[] = Object.keys(REGION_PARTITIONS).sort();

/** Whether `region` is a known AWS region. */
export function isKnownRegion(region: string): boolean {
    return Object.prototype.hasOwnProperty.call(REGION_PARTITIONS, region);
}

/** The partition of a known region, or undefined for anything else (check `isKnownRegion` first). */
export function partitionOf(region: string): Partition | undefined {
    return isKnownRegion(region) ? REGION_PARTITIONS[region] : undefined;
}
