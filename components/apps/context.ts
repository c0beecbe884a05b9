/**
 * What every part of the payments apps gets from PaymentsApp: the cluster's provider, the apps'
 * namespace (deny-all by default), and the image of each service.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { PaymentsDatabase } from "../data";
import { EksCluster } from "../eks";
import { AppK8sContext } from "./namespace";
import { AppService } from "./services";

export interface AppContext extends AppK8sContext {
    /** The cluster the apps run on (IRSA roles: `cluster.createServiceAccountRole`). */
    cluster: EksCluster;
    /** The apps' namespace; every app object lives in it and depends on it. */
    namespace: k8s.core.v1.Namespace;
    /** Its name (plain). */
    namespaceName: string;
    /** Prod sizing and safety rules apply (e.g. no scale to zero). */
    prod: boolean;
    /** The pullable image of a service: its repository in the region's registry, at the configured reference. */
    image(service: AppService): pulumi.Output<string>;
    /** The payments data stores (proxy, cache, queue, master secret). */
    data: PaymentsDatabase;
    /** The spoke the cluster runs in. */
    network: AppNetwork;
    /** Tags for AWS resources of the apps. */
    tags: Record<string, string>;
    /**
     * What a pod mounting `db-<service>` or `cache-auth` waits for (`dependsOn`): the bootstrap Job
     * that creates the database users (awaited to completion) and the ExternalSecrets. Set by the
     * data-access part, which PaymentsApp builds first.
     */
    dbReady?: pulumi.Resource[];
}

/** The spoke as the apps see it. */
export interface AppNetwork {
    vpcId: pulumi.Output<string>;
    vpcCidr: string;
    privateSubnetIds: pulumi.Output<string[]>;
    availabilityZones: string[];
    /** The region's CIDR plan (owner, CIDR), e.g. the `on-prem/...` blocks. */
    cidrPlan: { owner: string; cidr: string }[];
}
