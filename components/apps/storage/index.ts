/**
 * The storage part of the payments apps (issue 15: shared EFS, backups, on-premises data): the log
 * writer and parser on one shared EFS claim, AWS Backup of the cluster's volumes and the file system,
 * and in prod the bucket the on-premises SQL Server backs up to.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AppContext } from "../context";
import { Backups, backups } from "./backup";
import { sharedFileSystem } from "./efs";
import { logDeployments, logVolume } from "./logVolume";
import { OnPremBucket, onPremBucket } from "./onPremBucket";
import { StorageSettings, resolveStorage } from "./settings";

export { StorageSettings } from "./settings";

export interface StorageArgs {
    /** The storage settings from config (validated by the stack config). @default {} (every default) */
    settings?: StorageSettings;
    /** The stack's region (the copy region's default depends on it). */
    region: string;
    /** The stack's platform key: the backup vault's and the on-prem bucket's. */
    platformKeyArn: pulumi.Input<string>;
    /** The hub's S3 interface endpoint id (NetworkStackOutputs.s3InterfaceEndpointId). */
    s3InterfaceEndpointId: pulumi.Input<string>;
    /** Prod: a provider for the backup copy region; made by the caller for that region. @default none */
    copyProvider?: aws.Provider;
}

export interface Storage {
    fileSystemId: pulumi.Output<string>;
    backups: Backups;
    onPremBucket?: OnPremBucket;
}

export function buildStorage(ctx: AppContext, args: StorageArgs): Storage {
    const s = resolveStorage(args.settings ?? {}, ctx.prod, args.region);
    const fs = sharedFileSystem(ctx, s.transitionToIaDays);
    logDeployments(ctx, logVolume(ctx, fs));
    const b = backups(ctx, {
        settings: s.backup,
        platformKeyArn: args.platformKeyArn,
        fileSystemArn: fs.fileSystem.arn,
        copyProvider: args.copyProvider,
    });
    const bucket = s.onPremBackup
        ? onPremBucket(ctx, {
              settings: s.onPremBackup,
              keyArn: args.platformKeyArn,
              endpointId: args.s3InterfaceEndpointId,
          })
        : undefined;
    return { fileSystemId: fs.fileSystem.id, backups: b, onPremBucket: bucket };
}

/** The copy region a stack's backups need a provider for, or undefined (not prod). */
export function backupCopyRegion(
    settings: StorageSettings | undefined,
    prod: boolean,
    region: string,
): string | undefined {
    return resolveStorage(settings ?? {}, prod, region).backup.copy?.region;
}
