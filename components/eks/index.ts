/**
 * The EKS area: the EksCluster component and the pure helpers other components and tests use.
 */
export { ApiAccessCidr, ec2Description } from "./apiAccess";
export * from "./args";
export { EksCluster } from "./eksCluster";
export { rateLimitAnnotations, rateLimitConfig } from "./ingressNginx";
export { PolicyDocument, serviceAccountTrustPolicy } from "./irsa";
export { validateEksClusterArgs, validateNodePool } from "./validation";
export { CHARTS, KUBERNETES_VERSIONS } from "./versions";
