/**
 * A minimal protobuf encoder for the Analyzer requests the plan sends the pack (pulumirpc
 * AnalyzeRequest, AnalyzeStackRequest and the google.protobuf.Struct inside them), writing the
 * very bytes google-protobuf's generated classes write (same fields, same order, map keys sorted,
 * proto3 defaults left out; test/automation/policy/wire.test.ts compares them for every resource
 * of the plan). google-protobuf builds a message object per value and then walks it: that was most
 * of the CLI's policy cost and a large share of its garbage, for about 4,000 resources a run.
 */

/** A growable byte buffer with protobuf's primitive encodings; nested messages share it. */
export class ProtoWriter {
    private buf = Buffer.allocUnsafe(4096);
    private pos = 0;

    private room(n: number): void {
        if (this.pos + n <= this.buf.length) return;
        const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
        this.buf.copy(next, 0, 0, this.pos);
        this.buf = next;
    }

    private varintAt(at: number, v: number): number {
        while (v > 0x7f) {
            this.buf[at++] = (v & 0x7f) | 0x80;
            v = Math.floor(v / 128);
        }
        this.buf[at++] = v;
        return at;
    }

    private varint(v: number): void {
        this.room(10);
        this.pos = this.varintAt(this.pos, v);
    }

    private tag(field: number, wireType: number): void {
        this.varint(field * 8 + wireType);
    }

    public string(field: number, s: string): void {
        const n = Buffer.byteLength(s, "utf8");
        this.tag(field, 2);
        this.varint(n);
        this.room(n);
        this.pos += this.buf.write(s, this.pos, n, "utf8");
    }

    /** A proto3 string field: left out when empty. */
    public optString(field: number, s: string): void {
        if (s.length > 0) this.string(field, s);
    }

    public bytes(field: number, b: Uint8Array): void {
        this.tag(field, 2);
        this.varint(b.length);
        this.room(b.length);
        this.buf.set(b, this.pos);
        this.pos += b.length;
    }

    public bool(field: number, v: boolean): void {
        this.tag(field, 0);
        this.varint(v ? 1 : 0);
    }

    /** A proto3 bool field: left out when false. */
    public optBool(field: number, v: boolean): void {
        if (v) this.bool(field, v);
    }

    public double(field: number, v: number): void {
        this.tag(field, 1);
        this.room(8);
        this.buf.writeDoubleLE(v, this.pos);
        this.pos += 8;
    }

    public enumValue(field: number, v: number): void {
        this.tag(field, 0);
        this.varint(v);
    }

    /**
     * A nested message written by `body` in place: its length is only known afterwards, so five
     * bytes (the longest varint of a length under 32 GiB) are kept for it and the body moved back
     * over the ones the length doesn't need.
     */
    public message(field: number, body: (w: ProtoWriter) => void): void {
        this.tag(field, 2);
        this.room(5);
        const lengthAt = this.pos;
        const start = (this.pos += 5);
        body(this);
        const length = this.pos - start;
        const after = this.varintAt(lengthAt, length);
        if (after < start) {
            this.buf.copyWithin(after, start, this.pos);
            this.pos -= start - after;
        }
    }

    /** Starts a new message, keeping the buffer (also after a write that threw half-way). */
    public reset(): this {
        this.pos = 0;
        return this;
    }

    /** The bytes written since the last reset, copied out. */
    public finish(): Buffer {
        return Buffer.from(this.buf.subarray(0, this.pos));
    }
}

/** google.protobuf.Struct, as `Struct.fromJavaScript(obj).serializeBinary()` writes it. */
export function structBytes(obj: Record<string, unknown>): Buffer {
    writeStructFields(structWriter.reset(), obj);
    return structWriter.finish();
}

// One buffer for every Struct (each is copied out whole): no allocation per value.
const structWriter = new ProtoWriter();

function writeStructFields(w: ProtoWriter, obj: Record<string, unknown>): void {
    // Struct.fromJavaScript takes every enumerable key (for…in); the map writes them sorted.
    const keys: string[] = [];
    for (const k in obj) keys.push(k);
    keys.sort();
    for (const k of keys) {
        w.message(1, (entry) => {
            entry.string(1, k);
            entry.message(2, (v) => writeValue(v, obj[k]));
        });
    }
}

/** google.protobuf.Value (a oneof: each case is written even when it holds its type's default). */
function writeValue(w: ProtoWriter, v: unknown): void {
    if (v === null) w.enumValue(1, 0);
    else if (typeof v === "number") w.double(2, v);
    else if (typeof v === "string") w.string(3, v);
    else if (typeof v === "boolean") w.bool(4, v);
    else if (Array.isArray(v)) w.message(6, (list) => v.forEach((e) => list.message(1, (x) => writeValue(x, e))));
    else if (typeof v === "object") w.message(5, (s) => writeStructFields(s, v as Record<string, unknown>));
    // What google-protobuf throws for undefined, functions and the like.
    else throw new Error("Unexpected struct type.");
}
