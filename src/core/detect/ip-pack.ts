import {
  type CompiledIpRanges,
  type IpRangesData,
  type PackedFamily,
  type PackedIpRanges,
  parseCidr,
  unpackIpRanges,
} from './ip.ts';

/**
 * Build-time half of the IP-range matcher: readable CIDR lists (`ip-ranges.json`) → the packed
 * table the extension ships (`ip-ranges.packed.json`), which ip.ts `unpackIpRanges` turns into
 * typed arrays in about a millisecond. BigInt is fine here: this runs in `npm run update-ranges`
 * and in tests, never when the worker starts.
 *
 * The table lists every block of every set, sorted by start (a block before the blocks it holds).
 * Blocks may nest: the most specific block that holds an address owns it. The very same block in
 * two sets goes to the set listed first.
 *
 * Row format, bytes then base64. IPv4: the start as the distance from the previous row's start
 * (a varint: 7 bits a byte, least significant first, high bit = more), then the prefix length and
 * the set's index, one byte each; sorted starts are close, so most rows take 3 or 4 bytes. IPv6
 * (eight 16-bit groups, too wide for a number):
 *   (k << 4) | m     k = first group that differs from the previous row's start, m = groups written
 *   m × 2 bytes      those groups, big-endian; the groups after them are zero
 *   bits, set        one byte each
 * Sorted starts share their leading groups, so most rows take 5 to 7 bytes.
 */

interface Block {
  readonly start: bigint;
  readonly bits: number;
  readonly set: number;
}

interface Span {
  readonly start: bigint;
  readonly bits: number;
  readonly order: number;
  readonly set: number;
}

export interface Packed {
  readonly packed: PackedIpRanges;
  /** Entries that were not valid CIDRs of their family, as `set: text`. */
  readonly invalid: readonly string[];
}

/** Readable CIDR lists → a matcher (tests, tools): packed, then unpacked as the worker does. */
export function compileIpRanges(data: IpRangesData): CompiledIpRanges {
  const { packed, invalid } = packIpRanges(data);
  return unpackIpRanges(packed, invalid);
}

/** Readable snapshot → packed table (and the entries it had to skip). */
export function packIpRanges(data: IpRangesData): Packed {
  const sets: string[] = [];
  const invalid: string[] = [];
  const spans: Record<4 | 6, Span[]> = { 4: [], 6: [] };
  let order = 0;
  for (const [set, ranges] of Object.entries(data?.sets ?? {})) {
    const index = sets.push(set) - 1;
    for (const family of ['v4', 'v6'] as const) {
      const list = ranges?.[family];
      if (!Array.isArray(list)) continue;
      for (const text of list) {
        const c = parseCidr(text);
        if (!c || (family === 'v4') !== (c.family === 4)) {
          invalid.push(`${set}: ${String(text)}`);
          continue;
        }
        spans[c.family].push({ start: c.start, bits: c.bits, order: order++, set: index });
      }
    }
  }
  if (sets.length > 256) throw new Error('more than 256 range sets do not fit the packed table');
  const packed: PackedIpRanges = {
    generated: typeof data?.generated === 'string' ? data.generated : '',
    ...(data.sources ? { sources: data.sources } : {}),
    sets,
    v4: encode4(sorted(spans[4])),
    v6: encode6(sorted(spans[6])),
  };
  return { packed, invalid };
}

/** Blocks by start, wider first; the same block twice keeps the first set's. */
function sorted(input: readonly Span[]): Block[] {
  const spans = [...input].sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : a.bits - b.bits || a.order - b.order,
  );
  const out: Block[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && last.start === s.start && last.bits === s.bits) continue;
    out.push({ start: s.start, bits: s.bits, set: s.set });
  }
  return out;
}

/** The fewest aligned CIDR blocks that cover [start, end] exactly. */
export function cidrsOf(start: bigint, end: bigint, width: number): { start: bigint; bits: number }[] {
  const out: { start: bigint; bits: number }[] = [];
  let s = start;
  while (s <= end) {
    let bits = width;
    while (bits > 0) {
      const size = 1n << BigInt(width - bits + 1);
      if (s % size !== 0n || s + size - 1n > end) break;
      bits--;
    }
    out.push({ start: s, bits });
    s += 1n << BigInt(width - bits);
  }
  return out;
}

function encode4(blocks: readonly Block[]): PackedFamily {
  const bytes: number[] = [];
  let previous = 0;
  for (const b of blocks) {
    let delta = Number(b.start) - previous;
    previous = Number(b.start);
    do {
      const low = delta % 128;
      delta = Math.floor(delta / 128);
      bytes.push(delta > 0 ? low | 128 : low);
    } while (delta > 0);
    bytes.push(b.bits, b.set);
  }
  return { rows: blocks.length, data: toBase64(bytes) };
}

function encode6(blocks: readonly Block[]): PackedFamily {
  const bytes: number[] = [];
  let previous: number[] = new Array(8).fill(0);
  for (const b of blocks) {
    const g: number[] = [];
    for (let k = 7; k >= 0; k--) g.push(Number((b.start >> BigInt(k * 16)) & 0xffffn));
    let first = 0;
    while (first < 7 && g[first] === previous[first]) first++;
    let last = 7;
    while (last > first && g[last] === 0) last--;
    bytes.push((first << 4) | (last - first + 1));
    for (let k = first; k <= last; k++) bytes.push(g[k]! >> 8, g[k]! & 255);
    bytes.push(b.bits, b.set);
    previous = g;
  }
  return { rows: blocks.length, data: toBase64(bytes) };
}

/** BigInt decoding of a packed family (tests only; the worker uses ip.ts). */
export function decodeRows(f: PackedFamily, family: 4 | 6): { start: bigint; bits: number; set: number }[] {
  const bytes = Array.from(atob(f.data), (c) => c.charCodeAt(0));
  const out: { start: bigint; bits: number; set: number }[] = [];
  let i = 0;
  let start4 = 0;
  let g: number[] = new Array(8).fill(0);
  for (let r = 0; r < f.rows; r++) {
    let start: bigint;
    if (family === 4) {
      let delta = 0;
      let scale = 1;
      for (;;) {
        const byte = bytes[i++]!;
        delta += (byte & 127) * scale;
        scale *= 128;
        if (byte < 128) break;
      }
      start4 += delta;
      start = BigInt(start4);
    } else {
      const head = bytes[i++]!;
      const next = g.slice(0, head >> 4);
      for (let k = 0; k < (head & 15); k++) next.push((bytes[i++]! << 8) | bytes[i++]!);
      while (next.length < 8) next.push(0);
      g = next;
      start = g.reduce((acc, x) => (acc << 16n) | BigInt(x), 0n);
    }
    out.push({ start, bits: bytes[i++]!, set: bytes[i++]! });
  }
  return out;
}

function toBase64(bytes: readonly number[]): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 4096) binary += String.fromCharCode(...bytes.slice(i, i + 4096));
  return btoa(binary);
}
