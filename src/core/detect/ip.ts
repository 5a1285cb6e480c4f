import type { IpMatcher } from './types.ts';

/**
 * Published IP ranges as a table of CIDR blocks sorted by start, each owned by one range set;
 * blocks may nest, the most specific one owns its addresses. The shipped table is packed at build
 * time (ip-pack.ts, `npm run update-ranges`) as columns the worker views as typed arrays when it
 * starts: no CIDR is parsed, no block visited. A lookup parses the address by hand (no regex, no
 * BigInt, no allocation) and binary-searches the blocks of its family.
 */

/** One range set of the readable snapshot (`src/core/catalog/data/ip-ranges.json`). */
export interface IpRangeSet {
  readonly v4?: readonly string[];
  readonly v6?: readonly string[];
}

/** Where a range set comes from: shown in the options' About and in the report's `catalog`. */
export interface IpRangeSource {
  /** The list it was built from (an official URL, or a dated dataset and its files). */
  readonly source: string;
  /** ISO day the source's data was read or published. */
  readonly date: string;
  /** The licence of the data (SPDX id, or the provider's terms). */
  readonly licence: string;
}

/** The readable snapshot, as `npm run update-ranges` writes it. */
export interface IpRangesData {
  /** ISO day of the snapshot's oldest data (sets keep their own dates in `sources`). */
  readonly generated: string;
  readonly note?: string;
  /** Range-set id → where its prefixes come from. */
  readonly sources?: Readonly<Record<string, IpRangeSource>>;
  /** Range-set id (what a provider names in `ipRanges`) → its prefixes. */
  readonly sets: Readonly<Record<string, IpRangeSet>>;
}

/** One family of the packed table: its row count and its columns as base64 (format in ip-pack.ts). */
export interface PackedFamily {
  readonly rows: number;
  readonly starts: string;
  readonly bits: string;
  readonly sets: string;
  readonly parents: string;
}

/** The shipped table (`src/core/catalog/data/ip-ranges.packed.json`). */
export interface PackedIpRanges {
  readonly generated: string;
  readonly sources?: Readonly<Record<string, IpRangeSource>>;
  /** Range-set ids; a row names its set by index. */
  readonly sets: readonly string[];
  readonly v4: PackedFamily;
  readonly v6: PackedFamily;
}

export interface IpMatch {
  readonly set: string;
  /** The block that holds the address. */
  readonly cidr: string;
}

export interface CompiledIpRanges extends IpMatcher {
  /** ISO day of the snapshot. */
  readonly generated: string;
  /** Blocks in the table, per family. */
  readonly prefixes: { readonly v4: number; readonly v6: number };
  /** Entries of the data that were not valid CIDRs (skipped). */
  readonly invalid: readonly string[];
  readonly sources: Readonly<Record<string, IpRangeSource>>;
  /** The row holding the address, or -1: no allocation. `v6` rows are numbered after the v4 rows. */
  row(ip: string): number;
}

/** Addresses longer than this are not addresses (longest IPv6 text + zone id + brackets). */
const MAX_INPUT = 100;

// ---------------------------------------------------------------------------------------------
// Parsing (hot path: char codes only)

/** Hex digit value of a char code, or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

/** Dotted-quad IPv4 in `s[from, to)` → unsigned 32-bit value, or -1. Decimal, 1–3 digits a part. */
function parseV4(s: string, from: number, to: number): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let parts = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits === 3) return -1;
      part = part * 10 + (c - 48);
      digits++;
    } else if (c === 46) {
      // '.'
      if (digits === 0 || part > 255 || parts === 3) return -1;
      value = value * 256 + part;
      parts++;
      part = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  if (digits === 0 || part > 255 || parts !== 3) return -1;
  return value * 256 + part;
}

const groups = new Uint16Array(8);

/**
 * IPv6 text in `s[from, to)` (full, `::`-compressed, or with a dotted IPv4 tail) → four 32-bit
 * words in `out`. Returns false when the text is not an IPv6 address.
 */
function parseV6(s: string, from: number, to: number, out: Uint32Array): boolean {
  if (to - from < 2) return false;
  let n = 0;
  let gap = -1;
  let i = from;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return false;
    gap = 0;
    i += 2;
  }
  while (i < to) {
    if (n >= 8) return false;
    const start = i;
    let v = 0;
    while (i < to) {
      const h = hexValue(s.charCodeAt(i));
      if (h < 0) break;
      if (i - start === 4) return false;
      v = v * 16 + h;
      i++;
    }
    if (i === start) return false;
    if (i < to && s.charCodeAt(i) === 46) {
      // Dotted IPv4 tail: must be the last 32 bits.
      if (n > 6) return false;
      const v4 = parseV4(s, start, to);
      if (v4 < 0) return false;
      groups[n++] = Math.floor(v4 / 65536);
      groups[n++] = v4 % 65536;
      i = to;
      break;
    }
    groups[n++] = v;
    if (i === to) break;
    if (s.charCodeAt(i) !== 58) return false;
    i++;
    if (i < to && s.charCodeAt(i) === 58) {
      if (gap >= 0) return false;
      gap = n;
      i++;
    } else if (i === to) {
      return false; // a single trailing ':'
    }
  }
  if (gap < 0) {
    if (n !== 8) return false;
  } else {
    if (n > 7) return false;
    // Move the groups after the gap to the end, zero the gap.
    const tail = n - gap;
    for (let k = 0; k < tail; k++) groups[7 - k] = groups[n - 1 - k]!;
    for (let k = gap; k < 8 - tail; k++) groups[k] = 0;
  }
  for (let w = 0; w < 4; w++) out[w] = groups[2 * w]! * 65536 + groups[2 * w + 1]!;
  return true;
}

/**
 * Parsed address: `4` with `v4` set, `6` with `v6` filled, or `0` for "not an address".
 * IPv4-mapped IPv6 (`::ffff:1.2.3.4`, `::ffff:102:304`) comes out as IPv4.
 */
interface Scratch {
  v4: number;
  readonly v6: Uint32Array;
}

function parseAddress(ip: string, scratch: Scratch): 0 | 4 | 6 {
  let from = 0;
  let to = ip.length;
  if (to === 0 || to > MAX_INPUT) return 0;
  while (from < to && ip.charCodeAt(from) <= 32) from++;
  while (to > from && ip.charCodeAt(to - 1) <= 32) to--;
  if (from === to) return 0;
  if (ip.charCodeAt(from) === 91) {
    // '[' … ']' (HAR files and URLs bracket IPv6)
    const close = ip.indexOf(']', from);
    if (close < 0) return 0;
    from++;
    to = close;
  }
  let colon = false;
  for (let i = from; i < to; i++) {
    const c = ip.charCodeAt(i);
    if (c === 37) {
      // '%' zone id: fe80::1%eth0
      to = i;
      break;
    }
    if (c === 58) colon = true;
  }
  if (!colon) {
    const v = parseV4(ip, from, to);
    if (v < 0) return 0;
    scratch.v4 = v;
    return 4;
  }
  const w = scratch.v6;
  if (!parseV6(ip, from, to, w)) return 0;
  if (w[0] === 0 && w[1] === 0 && w[2] === 0xffff) {
    scratch.v4 = w[3]!;
    return 4;
  }
  return 6;
}

// ---------------------------------------------------------------------------------------------
// CIDR parsing (compile time; BigInt is fine here)

export interface ParsedCidr {
  readonly family: 4 | 6;
  /** Network address (host bits cleared). */
  readonly start: bigint;
  readonly end: bigint;
  readonly bits: number;
}

/**
 * Parses `a.b.c.d/n` or `x:y::z/n` (a bare address counts as /32 or /128). Host bits are cleared.
 * IPv4-mapped IPv6 prefixes are rejected (write them as IPv4). Returns undefined when invalid.
 */
export function parseCidr(text: string): ParsedCidr | undefined {
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  if (t === '' || t.length > MAX_INPUT) return undefined;
  const slash = t.indexOf('/');
  const addr = slash < 0 ? t : t.slice(0, slash);
  const lenText = slash < 0 ? '' : t.slice(slash + 1);
  if (slash >= 0 && !/^\d{1,3}$/.test(lenText)) return undefined;
  if (addr.includes('[') || addr.includes('%')) return undefined;
  const scratch: Scratch = { v4: 0, v6: new Uint32Array(4) };
  const colon = addr.includes(':');
  const kind = colon
    ? parseV6(addr, 0, addr.length, scratch.v6)
      ? 6
      : 0
    : parseV4(addr, 0, addr.length) >= 0
      ? 4
      : 0;
  if (kind === 0) return undefined;
  const width = kind === 4 ? 32 : 128;
  const bits = slash < 0 ? width : Number(lenText);
  if (bits > width) return undefined;
  let value: bigint;
  if (kind === 4) value = BigInt(parseV4(addr, 0, addr.length));
  else {
    const w = scratch.v6;
    if (w[0] === 0 && w[1] === 0 && w[2] === 0xffff) return undefined;
    value = (BigInt(w[0]!) << 96n) | (BigInt(w[1]!) << 64n) | (BigInt(w[2]!) << 32n) | BigInt(w[3]!);
  }
  const hostBits = BigInt(width - bits);
  const start = (value >> hostBits) << hostBits;
  const end = start | ((1n << hostBits) - 1n);
  return { family: kind, start, end, bits };
}

/** Canonical text of a parsed CIDR (`2a04:4e40::/32`, `185.199.108.153/32`). */
export function formatCidr(c: ParsedCidr): string {
  if (c.family === 4) {
    const v = Number(c.start);
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}/${c.bits}`;
  }
  const g: string[] = [];
  for (let k = 7; k >= 0; k--) g.push(((c.start >> BigInt(k * 16)) & 0xffffn).toString(16));
  // Longest run of zero groups (length ≥ 2) becomes '::'.
  let best = -1;
  let bestLen = 0;
  for (let k = 0; k < 8; ) {
    if (g[k] !== '0') {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && g[e] === '0') e++;
    if (e - k > bestLen && e - k >= 2) {
      best = k;
      bestLen = e - k;
    }
    k = e;
  }
  const text = best < 0 ? g.join(':') : `${g.slice(0, best).join(':')}::${g.slice(best + bestLen).join(':')}`;
  return `${text}/${c.bits}`;
}

// ---------------------------------------------------------------------------------------------
// The packed table

/** The packed table → typed arrays and a matcher. Malformed data gives an empty family. */
export function unpackIpRanges(packed: PackedIpRanges, invalid: readonly string[] = []): CompiledIpRanges {
  const sets = Array.isArray(packed?.sets) ? packed.sets.map(String) : [];
  const v4 = unpackFamily(packed?.v4, 1);
  const v6 = unpackFamily(packed?.v6, 4);
  const n4 = v4.rows;
  const scratch: Scratch = { v4: 0, v6: new Uint32Array(4) };
  /** Results by row, made on the first match of each row and reused (a dense array: fast reads). */
  const results: (IpMatch | undefined)[] = new Array(n4 + v6.rows).fill(undefined);

  function row(ip: string): number {
    if (typeof ip !== 'string') return -1;
    const family = parseAddress(ip, scratch);
    if (family === 4) {
      // The last block starting at or below the address; if it does not reach the address, the
      // blocks that hold it might, most specific first.
      let r = lastAtOrBelow(v4.starts, n4, scratch.v4);
      while (r >= 0 && scratch.v4 - v4.starts[r]! > HOST_SIZE[v4.bits[r]!]!) r = up(v4, r);
      return r;
    }
    if (family === 6) {
      let r = lastAtOrBelow6(v6.starts, v6.rows, scratch.v6);
      while (r >= 0 && !holds6(v6, r, scratch.v6)) r = up(v6, r);
      return r < 0 ? -1 : n4 + r;
    }
    return -1;
  }

  function match(ip: string): IpMatch | undefined {
    const r = row(ip);
    if (r < 0) return undefined;
    let result = results[r];
    if (!result) {
      const f = r < n4 ? v4 : v6;
      const k = r < n4 ? r : r - n4;
      const cidr = r < n4 ? cidr4(v4.starts[k]!, v4.bits[k]!) : cidr6(v6.starts, k, v6.bits[k]!);
      result = { set: sets[f.sets[k]!] ?? '', cidr };
      results[r] = result;
    }
    return result;
  }

  return {
    generated: typeof packed?.generated === 'string' ? packed.generated : '',
    prefixes: { v4: n4, v6: v6.rows },
    invalid,
    sources: packed?.sources ?? {},
    row,
    match,
  };
}

interface Family {
  readonly rows: number;
  /** Block starts, `words` 32-bit words each (most significant first). */
  readonly starts: Uint32Array;
  readonly bits: Uint8Array;
  readonly sets: Uint8Array;
  /** How many rows back the nearest block holding each block is (0: none). */
  readonly parents: Uint16Array;
}

const EMPTY: Family = {
  rows: 0,
  starts: new Uint32Array(0),
  bits: new Uint8Array(0),
  sets: new Uint8Array(0),
  parents: new Uint16Array(0),
};

/** Addresses after the first of an IPv4 block of each prefix length: 2^(32 - bits) - 1. */
const HOST_SIZE = Array.from({ length: 33 }, (_, bits) => 2 ** (32 - bits) - 1);

/** The nearest block that holds row `r`, or -1. */
function up(f: Family, r: number): number {
  const back = f.parents[r]!;
  return back === 0 ? -1 : r - back;
}

/** Whether IPv6 block `r` holds the address: its prefix bits, word by word. */
function holds6(f: Family, r: number, a: Uint32Array): boolean {
  const bits = f.bits[r]!;
  for (let w = 0; w < 4; w++) {
    const inWord = bits - 32 * w;
    if (inWord <= 0) return true;
    const x = a[w]! ^ f.starts[r * 4 + w]!;
    if (inWord >= 32 ? x !== 0 : x >>> (32 - inWord) !== 0) return false;
  }
  return true;
}

/** Views one family's columns as typed arrays (format in ip-pack.ts); missing or short: empty. */
function unpackFamily(f: PackedFamily | undefined, words: 1 | 4): Family {
  const rows = typeof f?.rows === 'number' && f.rows > 0 ? Math.floor(f.rows) : 0;
  if (rows === 0) return EMPTY;
  const starts = bytesOf(f?.starts, rows * words * 4);
  const bits = bytesOf(f?.bits, rows);
  const sets = bytesOf(f?.sets, rows);
  const parents = bytesOf(f?.parents, rows * 2);
  if (!starts || !bits || !sets || !parents) return EMPTY;
  // No pass over the rows: the shipped table is checked against the readable snapshot by a test,
  // and damaged data can give wrong answers here but never a throw or an endless walk (a parent is
  // always an earlier row).
  return {
    rows,
    starts: words32(starts),
    bits,
    sets,
    parents: new Uint16Array(littleEndianView(parents).buffer),
  };
}

/** Base64 → exactly `length` bytes in a buffer of their own, or undefined. */
function bytesOf(b64: unknown, length: number): Uint8Array | undefined {
  if (typeof b64 !== 'string') return undefined;
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(b64);
  } catch {
    return undefined;
  }
  return bytes.length === length ? bytes : undefined;
}

type Base64Decoder = (b64: string) => Uint8Array;

/**
 * The engine's own decoder where it has one (browsers: `Uint8Array.fromBase64`; Node: `Buffer`),
 * else `atob` and a loop. The bytes get an ArrayBuffer of their own, aligned for word views.
 */
const decodeBase64: Base64Decoder = (() => {
  const native = (Uint8Array as unknown as { fromBase64?: Base64Decoder }).fromBase64;
  if (typeof native === 'function') return (b64) => native.call(Uint8Array, b64);
  const buffer = (globalThis as { Buffer?: { from(s: string, e: 'base64'): Uint8Array } }).Buffer;
  if (buffer) return (b64) => new Uint8Array(buffer.from(b64, 'base64'));
  return (b64) => {
    const text = atob(b64);
    const out = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
    return out;
  };
})();

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Bytes of little-endian numbers, reordered for a big-endian machine (none we run on). */
function littleEndianView(bytes: Uint8Array, size: 2 | 4 = 2): Uint8Array {
  if (LITTLE_ENDIAN) return bytes;
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += size)
    for (let k = 0; k < size; k++) out[i + k] = bytes[i + size - 1 - k]!;
  return out;
}

function words32(bytes: Uint8Array): Uint32Array {
  return new Uint32Array(littleEndianView(bytes, 4).buffer);
}

/** Index of the last IPv4 block whose start is ≤ x, or -1. */
function lastAtOrBelow(starts: Uint32Array, n: number, x: number): number {
  let lo = 0;
  let hi = n - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid]! <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the last IPv6 block whose start is ≤ the address, or -1. */
function lastAtOrBelow6(starts: Uint32Array, n: number, a: Uint32Array): number {
  let lo = 0;
  let hi = n - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (compare6(a, starts, mid) >= 0) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Compares an address with the start at row `k`: <0, 0, >0. */
function compare6(a: Uint32Array, starts: Uint32Array, k: number): number {
  const base = k * 4;
  for (let w = 0; w < 4; w++) {
    const x = a[w]!;
    const y = starts[base + w]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function cidr4(start: number, bits: number): string {
  return `${start >>> 24}.${(start >>> 16) & 255}.${(start >>> 8) & 255}.${start & 255}/${bits}`;
}

function cidr6(starts: Uint32Array, k: number, bits: number): string {
  let value = 0n;
  for (let w = 0; w < 4; w++) value = (value << 32n) | BigInt(starts[k * 4 + w]!);
  return formatCidr({ family: 6, start: value, end: value, bits });
}
