import type { IpMatcher } from './types.ts';

/**
 * Published IP ranges compiled into sorted, non-overlapping intervals. A lookup parses the address
 * by hand (no regex, no BigInt, no allocation) and binary-searches the intervals of its family;
 * where ranges nest, the most specific prefix owns the addresses it covers.
 */

/** The shape of `src/catalog/data/ip-ranges.json` (written by `npm run update-ranges`). */
export interface IpRangeSet {
  readonly v4?: readonly string[];
  readonly v6?: readonly string[];
}

export interface IpRangesData {
  /** ISO date the sources were read. */
  readonly generated: string;
  readonly note?: string;
  /** Range-set id → where its prefixes come from. */
  readonly sources?: Readonly<Record<string, string>>;
  /** Range-set id (what a provider names in `ipRanges`) → its prefixes. */
  readonly sets: Readonly<Record<string, IpRangeSet>>;
}

export interface IpMatch {
  readonly set: string;
  readonly cidr: string;
}

export interface CompiledIpRanges extends IpMatcher {
  /** ISO date of the snapshot. */
  readonly generated: string;
  /** Prefixes compiled, per family. */
  readonly prefixes: { readonly v4: number; readonly v6: number };
  /** Entries of the data that were not valid CIDRs (skipped). */
  readonly invalid: readonly string[];
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
// Compilation

interface Range {
  readonly start: bigint;
  readonly end: bigint;
  readonly bits: number;
  readonly order: number;
  /** Index of the (set, CIDR) entry this range came from. */
  readonly entry: number;
}

interface Segment {
  readonly start: bigint;
  readonly end: bigint;
  readonly entry: number;
}

/**
 * Nested/disjoint ranges → sorted non-overlapping segments, the innermost (most specific) range
 * owning each point. CIDRs never partially overlap, so a stack sweep suffices. Equal prefixes in
 * two sets: the one listed first in the data wins.
 */
function flatten(ranges: Range[]): Segment[] {
  ranges.sort((a, b) =>
    a.start < b.start ? -1 : a.start > b.start ? 1 : a.bits - b.bits || a.order - b.order,
  );
  const out: Segment[] = [];
  const stack: Range[] = [];
  let cursor = 0n;
  const emit = (start: bigint, end: bigint, entry: number): void => {
    const last = out[out.length - 1];
    if (last && last.entry === entry && last.end + 1n === start) {
      out[out.length - 1] = { start: last.start, end, entry };
    } else out.push({ start, end, entry });
  };
  const flushUntil = (limit: bigint | undefined): void => {
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (limit === undefined || top.end < limit) {
        if (cursor <= top.end) emit(cursor, top.end, top.entry);
        cursor = top.end + 1n;
        stack.pop();
      } else {
        if (cursor < limit) emit(cursor, limit - 1n, top.entry);
        cursor = limit;
        return;
      }
    }
  };
  for (const r of ranges) {
    flushUntil(r.start);
    const top = stack[stack.length - 1];
    if (top && top.start === r.start && top.end === r.end) continue; // duplicate: first wins
    stack.push(r);
    cursor = r.start;
  }
  flushUntil(undefined);
  return out;
}

/** Compiles the range snapshot into a matcher. Invalid entries are skipped and listed. */
export function compileIpRanges(data: IpRangesData): CompiledIpRanges {
  const v4: Range[] = [];
  const v6: Range[] = [];
  const invalid: string[] = [];
  // One entry per valid CIDR: its set (index into setNames) and its canonical text. The data's
  // own strings are reused when already canonical, so the matcher adds little to the heap.
  const setNames: string[] = [];
  const entrySet: number[] = [];
  const entryCidr: string[] = [];
  let order = 0;
  for (const [set, ranges] of Object.entries(data?.sets ?? {})) {
    const setIndex = setNames.push(set) - 1;
    for (const family of ['v4', 'v6'] as const) {
      const list = ranges?.[family];
      if (!Array.isArray(list)) continue;
      for (const text of list) {
        const c = parseCidr(text);
        if (!c || (family === 'v4') !== (c.family === 4)) {
          invalid.push(`${set}: ${String(text)}`);
          continue;
        }
        const canonical = formatCidr(c);
        entrySet.push(setIndex);
        entryCidr.push(canonical === text ? text : canonical);
        const range: Range = {
          start: c.start,
          end: c.end,
          bits: c.bits,
          order: order++,
          entry: entrySet.length - 1,
        };
        (c.family === 4 ? v4 : v6).push(range);
      }
    }
  }

  const seg4 = flatten(v4);
  const starts4 = new Uint32Array(seg4.length);
  const ends4 = new Uint32Array(seg4.length);
  const owners4 = new Int32Array(seg4.length);
  seg4.forEach((s, k) => {
    starts4[k] = Number(s.start);
    ends4[k] = Number(s.end);
    owners4[k] = s.entry;
  });

  const seg6 = flatten(v6);
  // Four 32-bit words per bound, most significant first.
  const starts6 = new Uint32Array(seg6.length * 4);
  const ends6 = new Uint32Array(seg6.length * 4);
  const owners6 = new Int32Array(seg6.length);
  seg6.forEach((s, k) => {
    for (let w = 0; w < 4; w++) {
      const shift = BigInt((3 - w) * 32);
      starts6[k * 4 + w] = Number((s.start >> shift) & 0xffffffffn);
      ends6[k * 4 + w] = Number((s.end >> shift) & 0xffffffffn);
    }
    owners6[k] = s.entry;
  });

  const sets = Uint16Array.from(entrySet);
  const scratch: Scratch = { v4: 0, v6: new Uint32Array(4) };

  /** A fresh result object: callers may keep it; allocation happens only on a match. */
  function result(entry: number): IpMatch {
    return { set: setNames[sets[entry]!]!, cidr: entryCidr[entry]! };
  }

  /** Compares the scratch address with the bound at `k` of `bounds`: <0, 0, >0. */
  function cmp6(bounds: Uint32Array, k: number): number {
    const a = scratch.v6;
    const base = k * 4;
    for (let w = 0; w < 4; w++) {
      const x = a[w]!;
      const y = bounds[base + w]!;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  }

  function match(ip: string): IpMatch | undefined {
    if (typeof ip !== 'string') return undefined;
    const family = parseAddress(ip, scratch);
    if (family === 4) {
      const x = scratch.v4;
      // Last segment whose start ≤ x.
      let lo = 0;
      let hi = starts4.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (starts4[mid]! <= x) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found >= 0 && x <= ends4[found]! ? result(owners4[found]!) : undefined;
    }
    if (family === 6) {
      let lo = 0;
      let hi = owners6.length - 1;
      let found = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        if (cmp6(starts6, mid) >= 0) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return found >= 0 && cmp6(ends6, found) <= 0 ? result(owners6[found]!) : undefined;
    }
    return undefined;
  }

  return {
    generated: typeof data?.generated === 'string' ? data.generated : '',
    prefixes: { v4: v4.length, v6: v6.length },
    invalid,
    match,
  };
}
