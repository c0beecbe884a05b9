/**
 * The workers part of the payments apps (issue 15, "Celery" and "Stateful services"): Celery on
 * KEDA, the ledger's active/standby StatefulSet, the tcp-gateway, and the network paths they need.
 */
import { AppContext } from "../context";
import { WorkersPartArgs } from "./args";
import { buildCelery } from "./celery";
import { buildLedger } from "./ledger";
import { workersPolicies } from "./policies";
import { buildTcpGateway } from "./tcpGateway";

export * from "./args";
export * from "./checks";

/** Builds every workload of the part into the apps' namespace. */
export function buildWorkers(ctx: AppContext, args: WorkersPartArgs): void {
    const { ledger, tcpGateway } = args.stateful;
    buildCelery(ctx, args.celery);
    buildLedger(ctx, ledger, args.parameterPath);
    buildTcpGateway(ctx, tcpGateway, ledger.port);
    workersPolicies(ctx, ledger.port, tcpGateway.port);
}
