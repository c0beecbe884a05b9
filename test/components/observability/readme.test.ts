/** The README's alarm table is the coverage matrix, row for row. */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { COVERAGE_MATRIX } from "../../../components/observability";
import { alarmTable } from "../../../components/observability/table";
import { PROJECT_DIR } from "../../harness";

describe("observability: the README's alarm table", () => {
    const readme = fs.readFileSync(path.join(PROJECT_DIR, "README.md"), "utf8");
    const m = /<!-- alarm-table:begin -->\n([\s\S]*?)\n<!-- alarm-table:end -->/.exec(readme);

    it("is the matrix rendered (regenerate it with alarmTable() when a row changes)", () => {
        expect(m, "README has the alarm-table markers").to.not.equal(null);
        expect(m![1].trim()).to.equal(alarmTable());
    });

    it("names every row's key once, so a row dropped from the matrix or the README is caught", () => {
        const keys = [...m![1].matchAll(/^\| `[^`]+`[^|]* \| `([a-z0-9-]+)` \|/gm)].map((x) => x[1]);
        expect(keys).to.deep.equal(COVERAGE_MATRIX.map((r) => r.key));
    });

    it("lists the PagerDuty key among the secrets to set", () => {
        expect(readme).to.match(/^\| `pagerDutyIntegrationKey` \|/m);
    });
});
