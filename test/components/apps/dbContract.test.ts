import { expect } from "chai";
import { plannedStacks } from "../../harness";
import { inputs, Json } from "./records";

/** The env names one Django settings module reads, each from the key of the service's own Secret. */
const DB_ENV = { DB_HOST: "host", DB_PORT: "port", DB_NAME: "dbname", DB_USER: "username", DB_PASSWORD: "password" };

describe("apps: every container that uses the database reads it the same way, in every planned workload stack", function () {
    this.timeout(300_000);

    it("DB_HOST … DB_PASSWORD from its own db-<service> Secret, and libpq set to verify-full with a root it has", async () => {
        let checked = 0;
        for (const s of await plannedStacks((st) => st.role === "workload")) {
            const configMaps = new Map(
                s
                    .all("kubernetes:core/v1:ConfigMap")
                    .map((c) => [inputs(c).metadata.name as string, (inputs(c).data ?? {}) as Record<string, string>]),
            );
            for (const d of s.all("kubernetes:apps/v1:Deployment")) {
                const pod = inputs(d).spec.template.spec;
                for (const c of pod.containers) {
                    const env = Object.fromEntries((c.env ?? []).map((e: Json) => [e.name, e]));
                    const dbSecret = (c.env ?? [])
                        .map((e: Json) => e.valueFrom?.secretKeyRef?.name)
                        .find((n: string | undefined) => n?.startsWith("db-"));
                    const prefixed = (c.envFrom ?? []).find((e: Json) => e.secretRef?.name?.startsWith("db-"));
                    expect(prefixed, `${s.plan.name}: ${d.name} maps a db- Secret by prefix`).to.equal(undefined);
                    if (!dbSecret) continue;
                    checked++;
                    const at = `${s.plan.name}: ${d.name}/${c.name}`;
                    for (const [name, key] of Object.entries(DB_ENV))
                        expect(env[name]?.valueFrom, `${at} ${name}`).to.deep.equal({
                            secretKeyRef: { name: dbSecret, key },
                        });
                    const fromMaps = Object.assign(
                        {},
                        ...(c.envFrom ?? []).map((e: Json) => configMaps.get(e.configMapRef?.name) ?? {}),
                    );
                    const setting = (n: string) => env[n]?.value ?? fromMaps[n];
                    expect(setting("PGSSLMODE"), at).to.equal("verify-full");
                    expect(setting("PGSSLROOTCERT"), `${at}: verify-full needs a root certificate`).to.be.a("string");
                }
            }
        }
        expect(checked, "no container uses the database: the rule checked nothing").to.be.greaterThan(0);
    });
});
