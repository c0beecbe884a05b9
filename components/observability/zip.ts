/**
 * A ZIP archive built in memory, byte for byte the same on every run: stored entries (no
 * compression), a fixed MS-DOS timestamp and fixed attributes, entries in the order given. The
 * canary's code is such an archive: a zip tool would stamp the build time and permissions, and the
 * plan (and the object's content hash) would change on every run. Pure: table-tested.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
});

/** CRC-32 (IEEE 802.3), as the ZIP format checks each entry with. */
export function crc32(data: Uint8Array): number {
    let c = 0xffffffff;
    for (const b of data) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
}

// 1980-01-01 00:00: the first instant MS-DOS time can express (date: day 1, month 1, year 0).
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;

/** One file of the archive: a relative path with forward slashes, and its text (UTF-8). */
export interface ZipEntry {
    path: string;
    content: string;
}

function header(fields: [number, 2 | 4][]): Buffer {
    const buf = Buffer.alloc(fields.reduce((n, [, size]) => n + size, 0));
    let at = 0;
    for (const [value, size] of fields) {
        if (size === 2) buf.writeUInt16LE(value, at);
        else buf.writeUInt32LE(value, at);
        at += size;
    }
    return buf;
}

/** The archive's bytes. Paths must be unique, relative and without "..": ZIP readers trust them. */
export function zipArchive(entries: ZipEntry[]): Buffer {
    const seen = new Set<string>();
    for (const e of entries) {
        if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(e.path) || e.path.split("/").includes(".."))
            throw new Error(`zip entry path ${JSON.stringify(e.path)} must be relative, with / and no ".."`);
        if (seen.has(e.path)) throw new Error(`zip entry path ${e.path} is given twice`);
        seen.add(e.path);
    }
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    for (const e of entries) {
        const name = Buffer.from(e.path, "utf8");
        const data = Buffer.from(e.content, "utf8");
        const crc = crc32(data);
        // version 2.0, flag 0x0800 (UTF-8 names), method 0 (stored).
        const common: [number, 2 | 4][] = [
            [20, 2],
            [0x0800, 2],
            [0, 2],
            [DOS_TIME, 2],
            [DOS_DATE, 2],
            [crc, 4],
            [data.length, 4],
            [data.length, 4],
            [name.length, 2],
            [0, 2],
        ];
        const local = Buffer.concat([header([[0x04034b50, 4], ...common]), name, data]);
        // Made by Unix (3) version 2.0; external attributes: a regular file, mode 0644.
        const central = header([
            [0x02014b50, 4],
            [(3 << 8) | 20, 2],
            ...common,
            [0, 2],
            [0, 2],
            [0, 2],
            [((0o100644 << 16) >>> 0) as number, 4],
            [offset, 4],
        ]);
        locals.push(local);
        centrals.push(Buffer.concat([central, name]));
        offset += local.length;
    }
    const directory = Buffer.concat(centrals);
    const end = header([
        [0x06054b50, 4],
        [0, 2],
        [0, 2],
        [entries.length, 2],
        [entries.length, 2],
        [directory.length, 4],
        [offset, 4],
        [0, 2],
    ]);
    return Buffer.concat([...locals, directory, end]);
}
