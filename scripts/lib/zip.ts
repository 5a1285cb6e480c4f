import { deflateRawSync } from 'node:zlib';
import { type ZipOptions, zipSync } from 'fflate';

/**
 * The store packages' ZIP archives (fflate), made reproducible: entries in the order given (the
 * packager sorts them), one fixed timestamp, regular-file permissions, so the same files always
 * give the same bytes and a reviewer who rebuilds can compare checksums. Names that could escape
 * the folder the archive is unpacked in, and duplicates, are refused.
 */

export interface ZipEntry {
  /** Path inside the archive, with `/` separators, no leading `/`. */
  readonly path: string;
  readonly data: Uint8Array;
}

/**
 * 1980-01-01 00:00 local time: the earliest DOS date a ZIP can say, and the same DOS fields on any
 * machine whatever its time zone (fflate writes the local time of `mtime`); no build time leaks in.
 */
const MTIME = new Date(1980, 0, 1, 0, 0, 0);
/** Made by Unix, a regular file, rw-r--r-- (the external attributes' high 16 bits). */
const FILE_OPTIONS: ZipOptions = { mtime: MTIME, os: 3, attrs: (0o100644 << 16) >>> 0 };

export function zip(entries: readonly ZipEntry[]): Uint8Array {
  const files: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const { path, data } of entries) {
    if (!path || path.startsWith('/') || path.includes('\\') || path.split('/').includes('..')) {
      throw new Error(`zip: unsafe entry name ${JSON.stringify(path)}`);
    }
    if (Object.hasOwn(files, path)) throw new Error(`zip: duplicate entry ${path}`);
    // Stored when deflating does not help (PNGs, tiny files).
    const shrinks = deflateRawSync(data, { level: 9 }).length < data.length;
    Object.defineProperty(files, path, {
      value: [data, { ...FILE_OPTIONS, level: shrinks ? 9 : 0 }],
      enumerable: true,
    });
  }
  return zipSync(files);
}
