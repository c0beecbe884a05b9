/**
 * The ledger's MySQL, as a native sidecar (an init container with restartPolicy Always, GA in
 * Kubernetes 1.33): it starts, and passes its startup probe, before the ledger container starts, and
 * stops after it. Under the namespace's restricted Pod Security Standard it runs as the image's
 * `mysql` user (uid/gid 999) with a read-only root: its data on the pod's own claim, its socket and
 * temporary files on emptyDirs.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { containerSecurityContext } from "../podSecurity";
import { ContainerSize } from "./args";
import { LEDGER_MYSQL_SECRET } from "./ledgerAccess";
import { resources } from "./pod";

/** The official image's `mysql` user and group. */
export const MYSQL_UID = 999;
/** The claim template's name (the PVCs are `mysql-data-ledger-<n>`). */
export const MYSQL_CLAIM = "mysql-data";

export interface MysqlSidecar {
    container: k8s.types.input.core.v1.Container;
    volumes: k8s.types.input.core.v1.Volume[];
    claim: string;
}

const secretEnv = (name: string, key: string): k8s.types.input.core.v1.EnvVar => ({
    name,
    valueFrom: { secretKeyRef: { name: LEDGER_MYSQL_SECRET, key } },
});

/**
 * The sidecar, its emptyDirs and its claim's name. The claim is writable by uid 999 through the
 * pod's fsGroup (10001), which the kubelet applies to the volume (group rwx, setgid) and adds to
 * every container's groups.
 */
export function mysqlSidecar(image: pulumi.Input<string>, size: ContainerSize): MysqlSidecar {
    // `mysqladmin ping` exits 0 whenever the server answers, even "Access denied" (MySQL's manual,
    // mysqladmin): a probe that needs no password. During first initialisation the entrypoint's
    // temporary server listens on the socket only, so the TCP ping waits for the real one.
    const ping = { exec: { command: ["mysqladmin", "ping", "--host=127.0.0.1", "--silent"] } };
    return {
        claim: MYSQL_CLAIM,
        container: {
            name: "mysql",
            image,
            restartPolicy: "Always",
            args: [
                // A fresh ext4 volume holds lost+found, and mysqld refuses to initialise a non-empty
                // directory: the data lives one level down.
                "--datadir=/var/lib/mysql/data",
                // Distinct server ids (100, 101) and GTIDs: the standby replicates the active.
                "--server-id=10$(POD_INDEX)",
                "--gtid-mode=ON",
                "--enforce-gtid-consistency=ON",
            ],
            env: [
                {
                    name: "POD_INDEX",
                    valueFrom: { fieldRef: { fieldPath: "metadata.labels['apps.kubernetes.io/pod-index']" } },
                },
                secretEnv("MYSQL_ROOT_PASSWORD", "root-password"),
                { name: "MYSQL_DATABASE", value: "ledger" },
                { name: "MYSQL_USER", value: "ledger" },
                secretEnv("MYSQL_PASSWORD", "password"),
            ],
            ports: [{ name: "mysql", containerPort: 3306 }],
            startupProbe: { ...ping, periodSeconds: 5, failureThreshold: 120 },
            readinessProbe: { ...ping, periodSeconds: 10 },
            livenessProbe: { ...ping, periodSeconds: 20, failureThreshold: 3 },
            resources: resources(size),
            securityContext: { ...containerSecurityContext(), runAsUser: MYSQL_UID, runAsGroup: MYSQL_UID },
            volumeMounts: [
                { name: MYSQL_CLAIM, mountPath: "/var/lib/mysql" },
                { name: "mysql-run", mountPath: "/var/run/mysqld" },
                { name: "mysql-files", mountPath: "/var/lib/mysql-files" },
                { name: "mysql-tmp", mountPath: "/tmp" },
            ],
        },
        volumes: [
            { name: "mysql-run", emptyDir: { medium: "Memory", sizeLimit: "16Mi" } },
            { name: "mysql-files", emptyDir: { sizeLimit: "64Mi" } },
            { name: "mysql-tmp", emptyDir: { sizeLimit: "1Gi" } },
        ],
    };
}
