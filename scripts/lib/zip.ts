import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3: local headers, central directory, end record; no
 * ZIP64, no encryption) for the store packages. Written here rather than taken as a dependency
 * because what the stores need is small and because the output must be reproducible: entries in
 * the order given (the packager sorts them), one fixed timestamp, no extra fields, so the same
 * files always give the same bytes and a reviewer who rebuilds can compare checksums.
 */

export interface ZipEntry {
  /** Path inside the archive, with `/` separators, no leading `/`. */
  readonly path: string;
  readonly data: Uint8Array;
}

/** 1980-01-01 00:00 in MS-DOS time/date, the earliest a ZIP can say: no build time leaks in. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;
/** Entries larger than this (or archives with more than 65,535 entries) would need ZIP64. */
const MAX_SIZE = 0xffff_ffff;
/** General purpose flag bit 11: names are UTF-8. */
const UTF8 = 1 << 11;

export function zip(entries: readonly ZipEntry[]): Uint8Array {
  if (entries.length > 0xffff) throw new Error(`zip: ${entries.length} entries need ZIP64`);
  const seen = new Set<string>();
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { path, data } of entries) {
    if (!path || path.startsWith('/') || path.includes('\\') || path.split('/').includes('..')) {
      throw new Error(`zip: unsafe entry name ${JSON.stringify(path)}`);
    }
    if (seen.has(path)) throw new Error(`zip: duplicate entry ${path}`);
    seen.add(path);
    if (data.length > MAX_SIZE) throw new Error(`zip: ${path} needs ZIP64`);
    const name = Buffer.from(path, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    // Stored when deflating does not help (PNGs, tiny files).
    const method = deflated.length < data.length ? 8 : 0;
    const body = method === 8 ? deflated : Buffer.from(data);
    const crc = crc32(data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(UTF8, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // no extra field
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra, comment, disk number, internal attributes: 0.
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external: a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);

    offset += local.length + name.length + body.length;
    if (offset > MAX_SIZE) throw new Error('zip: archive needs ZIP64');
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
