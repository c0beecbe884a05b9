/**
 * Optional Amazon Managed Prometheus: a workspace per cluster and Prometheus remote-writing to it,
 * signed with SigV4 as the Prometheus service account's IRSA role (aps:RemoteWrite on that
 * workspace only). Off by default (`observability.cluster.managedPrometheus`): the in-cluster TSDB
 * already serves the alerts, and AMP bills per sample ingested.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HelmAddonsContext, role } from "./helmAddons";
import { PolicyDocument } from "./irsa";

/** The service account the Prometheus pods run as (set in the chart's `prometheus.serviceAccount`). */
export const PROMETHEUS_SERVICE_ACCOUNT = "prometheus";

/** Where Prometheus sends samples, and the role it signs them as. */
export interface RemoteWrite {
    url: pulumi.Input<string>;
    region: pulumi.Input<string>;
    roleArn: pulumi.Input<string>;
    /** The role's policy: Prometheus must not start writing before it exists. */
    policies: pulumi.Resource[];
}

/** aps:RemoteWrite on one workspace (AMP scopes it to the workspace ARN). */
export function remoteWritePolicy(workspaceArn: string): PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [{ Sid: "RemoteWrite", Effect: "Allow", Action: "aps:RemoteWrite", Resource: workspaceArn }],
    };
}

/** AMP's remote-write endpoint (the workspace's prometheusEndpoint + api/v1/remote_write). */
export function remoteWriteUrl(region: string, workspaceId: string): string {
    return `https://aps-workspaces.${region}.amazonaws.com/workspaces/${workspaceId}/api/v1/remote_write`;
}

/** The workspace and the role Prometheus writes to it as. */
export function managedPrometheus(ctx: HelmAddonsContext, namespace: string): RemoteWrite {
    const workspace = new aws.amp.Workspace(
        `${ctx.name}-amp`,
        { alias: ctx.clusterName, tags: { ...ctx.tags, Name: `${ctx.name}-amp` } },
        { parent: ctx.parent },
    );
    const r = role(ctx, "prometheus", namespace, PROMETHEUS_SERVICE_ACCOUNT, workspace.arn.apply(remoteWritePolicy));
    return {
        url: pulumi.all([ctx.region, workspace.id]).apply(([region, id]) => remoteWriteUrl(region, id)),
        region: ctx.region,
        roleArn: r.role.arn,
        policies: [workspace, ...r.policies],
    };
}
