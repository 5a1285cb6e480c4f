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
 * Each family is four columns, each base64 of little-endian numbers, so that the worker views the
 * decoded bytes as typed arrays and does no work per block when it starts (a loop over twelve
 * thousand blocks costs tens of milliseconds in a cold worker; the columns, a fraction of one):
 *   starts    Uint32 words, one per block for IPv4, four (most significant first) for IPv6
 *   bits      Uint8, the prefix length
 *   sets      Uint8, the index of the block's set in `sets`
 *   parents   Uint16, how many rows back the nearest block that holds this one is (0: none)
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
    v4: encode(sorted(spans[4]), 1),
    v6: encode(sorted(spans[6]), 4),
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

function encode(blocks: readonly Block[], words: 1 | 4): PackedFamily {
  const width = words * 32;
  const starts = new Uint32Array(blocks.length * words);
  const bits = new Uint8Array(blocks.length);
  const sets = new Uint8Array(blocks.length);
  const parents = new Uint16Array(blocks.length);
  const open: number[] = [];
  blocks.forEach((b, r) => {
    for (let w = 0; w < words; w++) {
      starts[r * words + w] = Number((b.start >> BigInt((words - 1 - w) * 32)) & 0xffffffffn);
    }
    bits[r] = b.bits;
    sets[r] = b.set;
    const end = b.start + (1n << BigInt(width - b.bits)) - 1n;
    // Blocks come by start, a block before the blocks it holds: the open ones that still reach
    // this start hold it, the innermost last.
    while (open.length > 0 && endOf(blocks[open.at(-1)!]!, width) < b.start) open.pop();
    const parent = open.at(-1);
    if (parent !== undefined) {
      if (r - parent > 0xffff) throw new Error('a block too far from the block that holds it');
      parents[r] = r - parent;
    }
    open.push(r);
    if (end < b.start) throw new Error('prefix longer than its family');
  });
  return {
    rows: blocks.length,
    starts: toBase64(littleEndian(starts)),
    bits: toBase64(bits),
    sets: toBase64(sets),
    parents: toBase64(littleEndian(parents)),
  };
}

const endOf = (b: Block, width: number): bigint => b.start + (1n << BigInt(width - b.bits)) - 1n;

/** The bytes of a typed array, least significant byte first whatever the machine. */
function littleEndian(a: Uint32Array | Uint16Array): Uint8Array {
  const out = new Uint8Array(a.length * a.BYTES_PER_ELEMENT);
  const view = new DataView(out.buffer);
  a.forEach((x, i) => {
    if (a.BYTES_PER_ELEMENT === 4) view.setUint32(i * 4, x, true);
    else view.setUint16(i * 2, x, true);
  });
  return out;
}

/** BigInt reading of a packed family (tests only; the worker uses ip.ts). */
export function decodeRows(
  f: PackedFamily,
  family: 4 | 6,
): { start: bigint; bits: number; set: number; parent: number }[] {
  const bytes = (b64: string): number[] => Array.from(atob(b64), (c) => c.charCodeAt(0));
  const starts = bytes(f.starts);
  const bits = bytes(f.bits);
  const sets = bytes(f.sets);
  const parents = bytes(f.parents);
  const words = family === 4 ? 1 : 4;
  const word = (i: number): bigint =>
    BigInt(starts[i * 4]! | (starts[i * 4 + 1]! << 8) | (starts[i * 4 + 2]! << 16)) +
    (BigInt(starts[i * 4 + 3]!) << 24n);
  return Array.from({ length: f.rows }, (_, r) => {
    let start = 0n;
    for (let w = 0; w < words; w++) start = (start << 32n) | word(r * words + w);
    const back = parents[r * 2]! | (parents[r * 2 + 1]! << 8);
    return { start, bits: bits[r]!, set: sets[r]!, parent: back === 0 ? -1 : r - back };
  });
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 4096) binary += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return btoa(binary);
}
