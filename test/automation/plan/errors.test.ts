import { expect } from "chai";
import { cleanMessage } from "../../../automation/plan/errors";

describe("offline plan: a failure's message without trace noise", () => {
    const cases: [string, string, string][] = [
        [
            "a plain message is kept",
            "stack dev: invalid args:\n - azCount is 1",
            "stack dev: invalid args:\n - azCount is 1",
        ],
        ["stack frames go", "boom\n    at f (/x/a.ts:1:2)\n    at async g (/x/b.ts:3:4)", "boom"],
        [
            "a crashed pack's stderr: file heading, minified line, caret, banner",
            `policy pack did not start: exited with 1\n/p/index.js:2\n"use strict";${"var a=1;".repeat(80)}\n   ^\n\nError: the pack failed\n    at Object.<anonymous> (/p/index.js:2:7)\n\nNode.js v22.23.5`,
            "policy pack did not start: exited with 1\n\nError: the pack failed",
        ],
        [
            "an error from deep inside an input keeps its own words, not the serialisation chain",
            `stack prod: ${'error serializing property "policy": '.repeat(12)}getServiceAccount: no ELB account for xx-east-9`,
            "stack prod: getServiceAccount: no ELB account for xx-east-9",
        ],
        ["blank runs collapse and ends are trimmed", "a\n\n\n\nb\n\n", "a\n\nb"],
    ];
    for (const [title, input, expected] of cases) {
        it(title, () => expect(cleanMessage(input)).to.equal(expected));
    }
});
