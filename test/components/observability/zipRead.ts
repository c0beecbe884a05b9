/** A ZIP reader for tests: what a reader finds through the central directory, read back from the bytes. */
import { expect } from "chai";

/** The entries a reader finds through the central directory, read back from the bytes. */
export function readZip(buf: Buffer): { path: string; content: string; crc: number; mode: number; date: number }[] {
    const end = buf.length - 22;
    expect(buf.readUInt32LE(end), "end-of-central-directory signature").to.equal(0x06054b50);
    const count = buf.readUInt16LE(end + 10);
    let at = buf.readUInt32LE(end + 16);
    const out = [];
    for (let n = 0; n < count; n++) {
        expect(buf.readUInt32LE(at), "central header signature").to.equal(0x02014b50);
        const crc = buf.readUInt32LE(at + 16);
        const size = buf.readUInt32LE(at + 24);
        const nameLen = buf.readUInt16LE(at + 28);
        const mode = buf.readUInt32LE(at + 38) >>> 16;
        const local = buf.readUInt32LE(at + 42);
        const path = buf.subarray(at + 46, at + 46 + nameLen).toString("utf8");
        expect(buf.readUInt32LE(local), "local header signature").to.equal(0x04034b50);
        expect(buf.readUInt16LE(local + 8), "stored").to.equal(0);
        const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
        const content = buf.subarray(data, data + size).toString("utf8");
        out.push({ path, content, crc, mode, date: buf.readUInt16LE(local + 12) });
        at += 46 + nameLen;
    }
    return out;
}
