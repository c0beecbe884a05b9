/**
 * The in-program ZIP builder: the bytes a ZIP reader expects (signatures, CRC-32, sizes, offsets),
 * and the same bytes on every call, whatever the clock says.
 */
import { expect } from "chai";
import { crc32, zipArchive } from "../../../components/observability/zip";
import { readZip } from "./zipRead";

describe("zipArchive (the canary's code archive)", () => {
    const crcCases: [string, number][] = [
        ["", 0],
        ["123456789", 0xcbf43926],
        ["The quick brown fox jumps over the lazy dog", 0x414fa339],
    ];
    for (const [text, want] of crcCases)
        it(`crc32(${JSON.stringify(text)}) is ${want.toString(16)}`, () =>
            expect(crc32(Buffer.from(text))).to.equal(want));

    it("holds each entry, stored, with its CRC, as a 0644 file dated 1980-01-01", () => {
        const entries = [
            { path: "nodejs/node_modules/edgeHealth.js", content: 'exports.handler = async () => "ok";\n' },
            { path: "README.txt", content: "ünïcode\n" },
        ];
        const read = readZip(zipArchive(entries));
        expect(read.map((e) => [e.path, e.content])).to.deep.equal(entries.map((e) => [e.path, e.content]));
        for (const e of read) {
            expect(e.crc).to.equal(crc32(Buffer.from(e.content, "utf8")));
            expect(e.mode).to.equal(0o100644);
            expect(e.date).to.equal((1 << 5) | 1);
        }
    });

    it("gives the same bytes on every call (the plan and the object key depend on it)", async () => {
        const entries = [{ path: "a.js", content: "x" }];
        const first = zipArchive(entries);
        await new Promise((r) => setTimeout(r, 1100));
        expect(zipArchive(entries).equals(first)).to.equal(true);
    });

    const bad: [string, string][] = [
        ["../escape.js", 'zip entry path "../escape.js" must be relative, with / and no ".."'],
        ["/abs.js", 'zip entry path "/abs.js" must be relative, with / and no ".."'],
        ["a//b.js", 'zip entry path "a//b.js" must be relative, with / and no ".."'],
    ];
    for (const [path, message] of bad)
        it(`refuses the entry path ${path}`, () => expect(() => zipArchive([{ path, content: "" }])).to.throw(message));

    it("refuses a path given twice", () =>
        expect(() =>
            zipArchive([
                { path: "a.js", content: "1" },
                { path: "a.js", content: "2" },
            ]),
        ).to.throw("zip entry path a.js is given twice"));
});
