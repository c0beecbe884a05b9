/**
 * What every part of the payments apps gets from PaymentsApp: the cluster's provider, the apps'
 * namespace (deny-all by default), and the image of each service.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
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
    /** Tags for AWS resources of the apps. */
    tags: Record<string, string>;
}
