import { expect } from "chai";
import { PlanError } from "../../automation/plan/engine";
import { KNOWN_REGIONS } from "../../components/regions";
import { loadStackSettings } from "../../stacks/config";
import { parseRaw } from "../../stacks/config/load";
import main from "../../stacks/index";
import { record, rejection } from "../harness";

const good = { role: "workload", environment: "dev", owner: "platform-team", costCenter: "cc-1" };

describe("stack config", () => {
    it("reads typed values and applies defaults", async () => {
        let seen: ReturnType<typeof loadStackSettings> | undefined;
        await record(
            () => {
                seen = loadStackSettings();
            },
            {
                stack: "dev",
                config: { ...good, costCenter: 4711 },
                secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
            },
        );
        expect(seen).to.include({
            role: "workload",
            environment: "dev",
            costCenter: "4711",
            weekendTeardown: false,
            stack: "dev",
            region: "eu-central-1",
        });
        expect(seen!.tags).to.deep.equal({});
    });

    it("lists every problem at once, naming key, value and what is allowed", async () => {
        const err = await rejection(
            record(() => loadStackSettings(), {
                config: { role: "workload", environment: "staging", costCenter: "", weekendTeardwon: true },
                rawConfig: { "aws:region": "Frankfurt" },
            }),
        );
        const lines = err.message.split("\n");
        expect(lines[0]).to.equal("stack test: Invalid stack config:");
        expect(lines.slice(1)).to.have.length(5);
        expect(lines[1]).to.match(
            /^ - payments-platform:weekendTeardwon is not a known key \(known: .*\bweekendTeardown\b.*\)$/,
        );
        expect(lines.slice(2)).to.deep.equal([
            ' - payments-platform:environment is "staging", allowed: "dev", "qa", "prod", "shared"',
            " - payments-platform:owner is missing, it is required (string)",
            ' - payments-platform:costCenter is "", must be at least 1 characters',
            ` - aws:region is "Frankfurt", must be an AWS region (known: ${KNOWN_REGIONS.join(", ")})`,
        ]);
    });

    it("stops the program before any resource is registered", async () => {
        const err = await rejection(
            record(() => main(), { config: { ...good, environment: "prod", role: "nonsense" } }),
        );
        expect((err as PlanError).records.map((r) => r.type)).to.deep.equal(["pulumi:pulumi:Stack"]);
        expect(err.message).to.include(
            'payments-platform:role is "nonsense", allowed: "network", "workload", "edge", "bootstrap"',
        );
    });

    it("needs each secret of the stack's role, set as a secret, and never shows its value", async () => {
        const missing = await rejection(record(() => loadStackSettings(), { config: good }));
        expect(missing.message).to.include(
            "payments-platform:eksAdminRoleArn is missing, a workload stack needs it: pulumi config set --secret eksAdminRoleArn <value>",
        );
        const plaintext = await rejection(
            record(() => loadStackSettings(), {
                config: { ...good, eksAdminRoleArn: "arn:aws:iam::111122223333:role/Admin" },
            }),
        );
        expect(plaintext.message).to.include(
            "payments-platform:eksAdminRoleArn is set in plaintext, it must be a secret",
        );
        expect(plaintext.message).to.not.include("111122223333");
        // A network stack has no cluster, so it needs no cluster-admin role.
        await record(() => loadStackSettings(), {
            config: { ...good, role: "network", environment: "shared" },
            secrets: ["pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
        });
        await record(() => loadStackSettings(), {
            config: good,
            secrets: ["eksAdminRoleArn", "pagerDutyIntegrationKey", "pagerDutyRoutingKey"],
        });
    });

    it("parses raw config strings the way YAML typed them", () => {
        expect(parseRaw("3")).to.equal(3);
        expect(parseRaw("true")).to.equal(true);
        expect(parseRaw('{"a":1}')).to.deep.equal({ a: 1 });
        expect(parseRaw("eu-central-1")).to.equal("eu-central-1");
        expect(parseRaw("{not json")).to.equal("{not json");
    });
});
