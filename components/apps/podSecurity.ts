/**
 * The hardened security settings every payments pod and container runs with: what the namespace's
 * "restricted" Pod Security Standard demands (non-root, no privilege escalation, all capabilities
 * dropped, seccomp RuntimeDefault), plus a read-only root file system (writable paths are emptyDir
 * mounts the part declares).
 */
import * as k8s from "@pulumi/kubernetes";

type PodSecurity = k8s.types.input.core.v1.PodSecurityContext;
type ContainerSecurity = k8s.types.input.core.v1.SecurityContext;

/** The uid/gid the payments images run as (their Dockerfiles' `USER 10001`). */
export const APP_UID = 10001;

/** Pod level: non-root with a fixed uid/gid, volumes group-owned by it, seccomp RuntimeDefault. */
export function podSecurityContext(uid: number = APP_UID): PodSecurity {
    return {
        runAsNonRoot: true,
        runAsUser: uid,
        runAsGroup: uid,
        fsGroup: uid,
        fsGroupChangePolicy: "OnRootMismatch",
        seccompProfile: { type: "RuntimeDefault" },
    };
}

/** Container level: no escalation, no capabilities, read-only root. */
export function containerSecurityContext(): ContainerSecurity {
    return {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ["ALL"] },
        seccompProfile: { type: "RuntimeDefault" },
    };
}
