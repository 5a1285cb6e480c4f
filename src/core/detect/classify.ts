import type { HeaderRule, PopRule, Provider, Role } from '../catalog/types.ts';
import type { Detection, Evidence, HeaderLike, IpMatcher, ResponseInput } from './types.ts';

/** Header values longer than this are cut before any pattern runs: bounds time on hostile input. */
const MAX_VALUE = 2048;
/** Evidence values are shown to people; keep them readable. */
const MAX_EVIDENCE_VALUE = 200;
/** Evidence items kept per provider and response. */
const MAX_EVIDENCE = 6;

interface IndexedHeaderRule {
  readonly provider: number;
  readonly rule: number;
  readonly spec: HeaderRule;
}

/** Everything that applies to one header name, resolved once per distinct raw name. */
interface NamePlan {
  /** Lower-case name. */
  readonly name: string;
  /** Rules of this exact name and of every matching prefix. */
  readonly rules: readonly IndexedHeaderRule[];
  /**
   * Case-insensitive union of the value patterns of `rules` (a superset of each): a value it does
   * not match can skip every value rule. Undefined when a rule has no value pattern or the union
   * is not safe to build.
   */
  readonly prefilter?: Prefilter | undefined;
  /** A PoP rule reads this header: keep its values. */
  readonly popHeader: boolean;
  /**
   * Recent values of this header that matched none of its rules, by a cheap key of the value
   * (MISS_SLOTS, direct-mapped; a newer value takes the slot). A page sends the same `server`,
   * `vary` or `via` value on response after response; its patterns run once. Only for names of
   * the catalog whose every rule reads the value (a presence rule always matches), with
   * stateless patterns (no `g` or `y` flag).
   */
  readonly misses?: (string | undefined)[] | undefined;
}

/** Slots of a header name's miss cache (a power of two). */
const MISS_SLOTS = 64;
/** Longer values are not remembered (bounds the cache's memory on hostile input). */
const MISS_VALUE_MAX = 96;

/** Slot of a value in a miss cache: length, first and last character. */
function missSlot(value: string): number {
  return (
    (value.length * 31 + value.charCodeAt(0) * 7 + value.charCodeAt(value.length - 1)) & (MISS_SLOTS - 1)
  );
}

/** Distinct prefix-matched header names remembered (x-akamai-…). Hostile input is bounded. */
const MAX_NAME_PLANS = 4096;
/** Slots of the header-name table (a power of two). */
const NAME_TABLE_SIZE = 4096;

/** Case-insensitive key of a header name from its length and three characters. */
function nameKey(name: string): number {
  const len = name.length;
  return (
    (((len * 31 + (name.charCodeAt(0) | 32)) * 31 + (name.charCodeAt(len - 1) | 32)) * 31 +
      (name.charCodeAt(len >> 1) | 32)) &
    (NAME_TABLE_SIZE - 1)
  );
}

/** Key of `text.slice(start, end)` from its length and its first and last characters. */
function suffixKey(text: string, start: number, end: number): number {
  return (
    (((end - start) * 31 + text.charCodeAt(start)) * 31 + text.charCodeAt(end - 1)) & (NAME_TABLE_SIZE - 1)
  );
}

function fold(c: number): number {
  return c >= 65 && c <= 90 ? c | 32 : c;
}

/** Slots of the prefix-head filter (a power of two). */
const HEAD_FILTER_SIZE = 1024;

/**
 * Slot of a name's first three characters in the prefix-head filter, folded with `| 32` (no
 * branch): upper-case ASCII becomes lower case, and the few other characters it aliases only make
 * the filter pass more names, never fewer. A name shorter than three characters reads NaN, which
 * folds to 32.
 */
function headSlot(name: string): number {
  const head =
    ((name.charCodeAt(0) | 32) << 16) ^ ((name.charCodeAt(1) | 32) << 8) ^ (name.charCodeAt(2) | 32);
  return Math.imul(head, 0x9e3779b1) >>> 22;
}

/** `raw` starts with the lower-case `prefix`, ignoring ASCII case. */
function startsWithFolded(raw: string, prefix: string): boolean {
  for (let i = 0; i < prefix.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 65 && c <= 90 ? c | 32 : c) !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Case-insensitive unions of a header's value patterns: the patterns anchored at the start in one
 * regex that is itself anchored (tried at position 0 only, not at every character), the others in
 * a second one. A value matching neither skips every rule of the header; a value matching only
 * one of them skips the rules of the other (`via: 1.1 google` passes the anchored union, and the
 * seven floating `via` patterns are then not tried one by one).
 */
interface Prefilter {
  readonly anchored?: RegExp | undefined;
  readonly floating?: RegExp | undefined;
  /** Per rule of the plan, in order: 1 when its pattern is in `anchored`, 0 when in `floating`. */
  readonly inAnchored: Uint8Array;
  /**
   * When the anchored union matched: by the value's first character (ASCII, lower-cased), the
   * indexes of the rules worth trying, in order — floating rules, anchored rules that can start
   * with that character, anchored rules whose first character is not known. `server: cloudflare`
   * then tries the five server patterns that can start with `c`, not all fifty-one.
   */
  readonly byFirst: readonly (readonly number[])[];
  /** Every rule index, for a value that is empty or starts outside ASCII. */
  readonly all: readonly number[];
  /** The floating rules' indexes, for a value that only the floating union matched. */
  readonly floatingOnly: readonly number[];
}

/**
 * Adds to `out` the characters (ASCII, lower-cased) the pattern text at `at` can start with, and
 * returns false when that is not known for sure. Understood: a literal character, an escaped
 * punctuation character, a group (capturing or `(?:`) of such alternatives — each not followed by
 * a quantifier that allows zero repetitions. Anything else (classes, `\s`, lookarounds) is unknown.
 */
function addFirstChars(src: string, at: number, out: Set<number>): boolean {
  const c = src.charCodeAt(at);
  let next: number;
  if (c === 40) {
    // '(': a lookaround or named group is unknown; otherwise every top-level alternative.
    let i = at + 1;
    if (src.charCodeAt(i) === 63) {
      if (src.charCodeAt(i + 1) !== 58) return false;
      i += 2;
    }
    if (!addFirstChars(src, i, out)) return false;
    let depth = 0;
    let inClass = false;
    for (;;) {
      if (i >= src.length) return false;
      const d = src.charCodeAt(i);
      if (d === 92) i++;
      else if (inClass) inClass = d !== 93;
      else if (d === 91) inClass = true;
      else if (d === 40) depth++;
      else if (d === 41) {
        if (depth === 0) break;
        depth--;
      } else if (d === 124 && depth === 0 && !addFirstChars(src, i + 1, out)) return false;
      i++;
    }
    next = i + 1;
  } else if (c === 92) {
    // '\': only escaped punctuation is a known literal (not \d, \s, \b, \1, \x41…).
    const e = src.charCodeAt(at + 1);
    const punctuation = e >= 33 && e < 127 && !/[0-9A-Za-z]/.test(src.charAt(at + 1));
    if (!punctuation) return false;
    out.add(e);
    next = at + 2;
  } else {
    // Special characters (and an empty alternative) are unknown; so is anything outside ASCII.
    if (Number.isNaN(c) || c >= 128 || '.[]^$|)*+?{}'.includes(src.charAt(at))) return false;
    out.add(fold(c));
    next = at + 1;
  }
  const q = src.charAt(next);
  return q !== '?' && q !== '*' && q !== '{';
}

/** True when `source` starts with `^` that binds the whole pattern (no top-level alternation). */
function isAnchored(source: string): boolean {
  if (!source.startsWith('^')) return false;
  let depth = 0;
  let inClass = false;
  for (let i = 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return false;
  }
  return true;
}

function buildPrefilter(patterns: readonly RegExp[]): Prefilter {
  const sources = patterns.map((re) => re.source);
  const anchored = sources.filter(isAnchored).map((src) => `(?:${src.slice(1)})`);
  const floating = sources.filter((src) => !isAnchored(src)).map((src) => `(?:${src})`);
  return {
    anchored: anchored.length > 0 ? new RegExp(`^(?:${anchored.join('|')})`, 'i') : undefined,
    floating: floating.length > 0 ? new RegExp(floating.join('|'), 'i') : undefined,
    inAnchored: Uint8Array.from(sources, (src) => (isAnchored(src) ? 1 : 0)),
    ...firstCharIndex(patterns),
  };
}

/** The first-character dispatch of a plan's rules (see Prefilter.byFirst); built once per plan. */
function firstCharIndex(patterns: readonly RegExp[]): Pick<Prefilter, 'byFirst' | 'all' | 'floatingOnly'> {
  // Possible first characters per anchored pattern; undefined = floating or not known. Other flags
  // than `i` (`m` moves `^`, `u` folds more characters) make it unknown.
  const firsts = patterns.map((re) => {
    if (!isAnchored(re.source) || (re.flags !== '' && re.flags !== 'i')) return undefined;
    const set = new Set<number>();
    return addFirstChars(re.source, 1, set) ? set : undefined;
  });
  const all = patterns.map((_, i) => i);
  const shared = new Map<string, number[]>();
  const byFirst: number[][] = [];
  for (let c = 0; c < 128; c++) {
    const list = all.filter((i) => firsts[i]?.has(c) ?? true);
    const key = list.join(',');
    byFirst.push(shared.get(key) ?? list);
    shared.set(key, byFirst[c]!);
  }
  return { byFirst, all, floatingOnly: all.filter((i) => !isAnchored(patterns[i]!.source)) };
}

/** Build a prefilter only where it saves work. */
const PREFILTER_MIN_RULES = 3;

interface IndexedHostRule {
  readonly provider: number;
  readonly suffix: string;
  readonly path?: string | undefined;
}

/**
 * The catalog compiled once into lookup structures: a header-name index, a small list of
 * header-name prefixes, a hostname-suffix map and the IP matcher. Classifying a response costs a
 * hash lookup per header and per hostname label, not a loop over every rule.
 */
export interface Classifier {
  readonly providers: readonly Provider[];
  classify(input: ResponseInput): Detection[];
}

interface Hit {
  strong: boolean;
  /** Distinct weak rules matched (bit per rule index; 2 bits set = detected). */
  weak: number;
  evidence: Evidence[];
  ipOwner: boolean;
  /**
   * A lone weak match is usually the end of it (a generic-looking header): its evidence is kept as
   * two strings and only turned into an object if the provider is detected after all.
   */
  pendingName?: string | undefined;
  pendingValue?: string | undefined;
}

/** Shared by every hit until its first evidence arrives (never pushed into). */
const NO_EVIDENCE: Evidence[] = [];

function evidenceOf(hit: Hit): Evidence[] {
  return hit.evidence === NO_EVIDENCE ? [] : hit.evidence;
}

function flushPending(hit: Hit): void {
  if (hit.pendingName === undefined) return;
  if (hit.evidence === NO_EVIDENCE) hit.evidence = [];
  hit.evidence.unshift({
    kind: 'header',
    name: hit.pendingName,
    value: clip(hit.pendingValue ?? '', MAX_EVIDENCE_VALUE),
  });
  hit.pendingName = undefined;
  hit.pendingValue = undefined;
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** The lower-case hostname of a URL (no port, no brackets), or '' — never throws, no object. */
export function hostOf(url: string): string {
  const scheme = url.indexOf('://');
  if (scheme < 0) return '';
  const start = scheme + 3;
  let end = url.length;
  let upper = false;
  let at = -1;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    // '/', '?', '#'
    if (c === 47 || c === 63 || c === 35) {
      end = i;
      break;
    }
    if (c === 64) at = i;
    else if (c >= 65 && c <= 90) upper = true;
  }
  if (at >= 0 || url.charCodeAt(start) === 91) return splitUrl(url).host;
  let hostEnd = url.indexOf(':', start);
  if (hostEnd < 0 || hostEnd > end) hostEnd = end;
  if (url.charCodeAt(hostEnd - 1) === 46) hostEnd--;
  const host = url.slice(start, hostEnd);
  return upper ? host.toLowerCase() : host;
}

let spanStart = 0;
let spanEnd = 0;
/**
 * Dots remembered per host (a power of two): the last ones, which start the shortest suffixes. A
 * real host has at most 126 dots; a hostile one has its longest suffixes skipped, and no rule
 * suffix is anywhere near 128 labels long.
 */
const MAX_DOTS = 128;
/**
 * Positions of the dots of the last host scanned (plainHostSpan or findDots), `dotCount` of them
 * in all, the last MAX_DOTS kept in a ring: dot n is at `dots[n & (MAX_DOTS - 1)]`.
 */
const dots = new Int32Array(MAX_DOTS);
let dotCount = 0;

/** Records the dots of `text[from, to)` into `dots`. */
function findDots(text: string, from: number, to: number): void {
  dotCount = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 46) dots[dotCount++ & (MAX_DOTS - 1)] = i;
}

/**
 * Finds the host of a URL in place (into spanStart/spanEnd, its dots into `dots`) when it needs
 * no rewriting: no user info, no IPv6 brackets, no upper case, no trailing dot. Returns false
 * otherwise.
 */
function plainHostSpan(url: string): boolean {
  const scheme = url.indexOf('://');
  if (scheme < 0) return false;
  const start = scheme + 3;
  let end = url.length;
  dotCount = 0;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 46) {
      dots[dotCount++ & (MAX_DOTS - 1)] = i;
      continue;
    }
    // '/', '?', '#'
    if (c === 47 || c === 63 || c === 35) {
      end = i;
      break;
    }
    // ':' ends the host (a port follows); '@', '[' and upper case need the slow path.
    if (c === 58) {
      end = i;
      for (let j = i + 1; j < url.length; j++) {
        const d = url.charCodeAt(j);
        if (d === 47 || d === 63 || d === 35) break;
        if (d === 64) return false;
      }
      break;
    }
    if (c === 64 || c === 91 || (c >= 65 && c <= 90)) return false;
  }
  if (end > start && url.charCodeAt(end - 1) === 46) return false;
  spanStart = start;
  spanEnd = end;
  return true;
}

/** The host plainHostSpan finds, as a string (for tests and callers outside the hot path). */
export function plainHost(url: string): string | undefined {
  return plainHostSpan(url) ? url.slice(spanStart, spanEnd) : undefined;
}

/** Extracts the hostname and path of a URL without throwing; lower-case host, no port. */
export function splitUrl(url: string): { host: string; path: string } {
  const scheme = url.indexOf('://');
  if (scheme < 0) return { host: '', path: '' };
  const start = scheme + 3;
  let end = url.length;
  let upper = false;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
    // '/', '?', '#'
    if (c === 47 || c === 63 || c === 35) {
      end = i;
      break;
    }
    if (c >= 65 && c <= 90) upper = true;
  }
  let authority = url.slice(start, end);
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  let host: string;
  if (authority.charCodeAt(0) === 91) {
    const close = authority.indexOf(']');
    host = close > 0 ? authority.slice(1, close) : authority.slice(1);
  } else {
    const colon = authority.indexOf(':');
    host = colon >= 0 ? authority.slice(0, colon) : authority;
  }
  if (host.endsWith('.')) host = host.slice(0, -1);
  const path = end < url.length && url.charCodeAt(end) === 47 ? url.slice(end) : '/';
  return { host: upper ? host.toLowerCase() : host, path };
}

function readPop(rule: PopRule, seen: readonly string[], count: number): string | undefined {
  // `seen[0, count)` holds name, value, name, value… of the headers PoP rules read, in order.
  const values: string[] = [];
  for (let i = 0; i < count; i += 2) if (seen[i] === rule.header) values.push(seen[i + 1]!);
  if (values.length === 0) return undefined;
  let entries: string[] = values;
  if (rule.splitComma) {
    entries = [];
    for (const v of values) for (const part of v.split(',')) entries.push(part.trim());
  }
  const order = rule.pick === 'last' ? [...entries].reverse() : entries;
  for (const entry of order) {
    const m = rule.pattern.exec(entry.trim());
    const code = m?.[1];
    if (code) return (rule.take ? code.slice(0, rule.take) : code).toUpperCase();
    // The serving edge is the first/last entry; do not fall back to an inner one.
    if (entry.trim() !== '') return undefined;
  }
  return undefined;
}

export function compile(catalog: readonly Provider[], ipMatcher?: IpMatcher): Classifier {
  const headerIndex = new Map<string, IndexedHeaderRule[]>();
  const prefixRules: IndexedHeaderRule[] = [];
  const hostIndex = new Map<string, IndexedHostRule[]>();
  const ipSetOwner = new Map<string, number>();
  const indexById = new Map<string, number>();
  catalog.forEach((provider, p) => {
    if (!indexById.has(provider.id)) indexById.set(provider.id, p);
  });
  /** Provider index → indexes of the providers it overrides on the same response. */
  const excludes = new Map<number, number[]>();

  catalog.forEach((provider, p) => {
    provider.headers?.forEach((spec, r) => {
      const entry: IndexedHeaderRule = { provider: p, rule: r, spec };
      if (spec.prefix) prefixRules.push(entry);
      else {
        const list = headerIndex.get(spec.name) ?? [];
        list.push(entry);
        headerIndex.set(spec.name, list);
      }
    });
    for (const h of provider.hosts ?? []) {
      const list = hostIndex.get(h.suffix) ?? [];
      list.push({ provider: p, suffix: h.suffix, path: h.path });
      hostIndex.set(h.suffix, list);
    }
    // Catalog order is priority order: the first provider naming a range set owns it.
    if (provider.ipRanges && !ipSetOwner.has(provider.ipRanges)) ipSetOwner.set(provider.ipRanges, p);
    const ex = (provider.excludes ?? [])
      .map((id) => indexById.get(id))
      .filter((i): i is number => i !== undefined);
    if (ex.length > 0) excludes.set(p, ex);
  });

  const popHeaders = new Set<string>();
  for (const provider of catalog) for (const rule of provider.pop ?? []) popHeaders.add(rule.header);

  /**
   * `exact`: a name of the catalog (a bounded set). Names only prefix rules catch are as many as
   * responses bring (up to MAX_NAME_PLANS): they get no miss cache, which would multiply its memory.
   */
  function buildPlan(name: string, exact: boolean): NamePlan {
    const rules = [
      ...(headerIndex.get(name) ?? []),
      ...prefixRules.filter((e) => name.startsWith(e.spec.name)),
    ];
    let prefilter: Prefilter | undefined;
    if (
      rules.length >= PREFILTER_MIN_RULES &&
      rules.every((e) => e.spec.value && !/\\\d/.test(e.spec.value.source))
    ) {
      prefilter = buildPrefilter(rules.map((e) => e.spec.value!));
    }
    const cacheable =
      exact && rules.length > 0 && rules.every((e) => e.spec.value && !/[gy]/.test(e.spec.value.flags));
    return {
      name,
      rules,
      prefilter,
      popHeader: popHeaders.has(name),
      misses: cacheable ? new Array<string | undefined>(MISS_SLOTS).fill(undefined) : undefined,
    };
  }

  // Header names with exact rules are found from a cheap case-insensitive key (length and three
  // characters): the common header with no rule (date, content-type…) is dismissed without
  // hashing or lower-casing the whole name — header names reach the listener as fresh strings, so
  // a Map would hash every one of them. The lookup is laid out flat, since between two browser
  // events little of it is still in the processor's caches and each object followed costs a
  // memory access: slot → first plan of the slot (index + 1; 0 = none) in one typed array; per
  // plan, the next plan of its slot, its name's length and offset in one other; every name, lower
  // case, in one string.
  const exactPlans: NamePlan[] = [];
  const slotFirst = new Int32Array(NAME_TABLE_SIZE);
  const meta: number[] = [];
  let allNames = '';
  for (const name of new Set([...headerIndex.keys(), ...popHeaders])) {
    const k = nameKey(name);
    const index = exactPlans.push(buildPlan(name, true)) - 1;
    meta.push(slotFirst[k]!, name.length, allNames.length);
    slotFirst[k] = index + 1;
    allNames += name;
  }
  /** Per plan: next plan of its slot (index + 1; 0 = none), name length, name offset. */
  const planMeta = Int32Array.from(meta);

  /** The plan of an exact name, from the first plan of its slot; no lower-cased copy is made. */
  function exactPlan(raw: string, first: number): NamePlan | undefined {
    const len = raw.length;
    for (let p = first; p !== 0; p = planMeta[(p - 1) * 3]!) {
      const m = (p - 1) * 3;
      if (planMeta[m + 1] !== len) continue;
      const off = planMeta[m + 2]!;
      let i = 0;
      for (; i < len; i++) {
        const c = raw.charCodeAt(i);
        // Outside ASCII, toLowerCase decides (it maps U+212A KELVIN SIGN to `k`).
        if (c >= 128) {
          i = raw.toLowerCase() === exactPlans[p - 1]!.name ? len : -1;
          break;
        }
        if ((c >= 65 && c <= 90 ? c | 32 : c) !== allNames.charCodeAt(off + i)) break;
      }
      if (i === len) return exactPlans[p - 1];
    }
    return undefined;
  }

  const shortPrefixes: string[] = [];
  /**
   * 1 at the headSlot of every prefix: `x-frame-options` shares the `x-` of `x-akamai-` but not
   * its head, and is dismissed with this one load. A prefix shorter than three characters can
   * start any head: then every slot is 1 and every name goes on to planFor.
   */
  const prefixHeads = new Uint8Array(HEAD_FILTER_SIZE);
  /** The prefixes (x-akamai-…) whose head has that slot, and every short one. */
  const prefixesBySlot: (string[] | undefined)[] = new Array(HEAD_FILTER_SIZE).fill(undefined);
  const prefixes = [...new Set(prefixRules.map((e) => e.spec.name))];
  for (const prefix of prefixes) if (prefix.length < 3) shortPrefixes.push(prefix);
  if (shortPrefixes.length > 0) prefixHeads.fill(1);
  for (const prefix of prefixes) {
    if (prefix.length < 3) continue;
    const slot = headSlot(prefix);
    prefixHeads[slot] = 1;
    prefixesBySlot[slot] = [...(prefixesBySlot[slot] ?? []), prefix];
  }
  if (shortPrefixes.length > 0) {
    for (let slot = 0; slot < HEAD_FILTER_SIZE; slot++) {
      prefixesBySlot[slot] = [...(prefixesBySlot[slot] ?? []), ...shortPrefixes];
    }
  }
  const prefixPlans = new Map<string, NamePlan>();

  /** The plan of a name: its exact rules (from slot `first`), else the prefix rules it starts with. */
  function planFor(raw: string, first: number): NamePlan | undefined {
    const len = raw.length;
    if (len === 0) return undefined;
    if (first !== 0) {
      const plan = exactPlan(raw, first);
      if (plan) return plan;
    }
    const candidates = prefixesBySlot[headSlot(raw)];
    if (candidates === undefined) return undefined;
    for (const prefix of candidates) {
      if (len > prefix.length && startsWithFolded(raw, prefix)) {
        const name = raw.toLowerCase();
        let plan = prefixPlans.get(name);
        if (!plan) {
          plan = buildPlan(name, false);
          if (prefixPlans.size >= MAX_NAME_PLANS) prefixPlans.clear();
          prefixPlans.set(name, plan);
        }
        return plan;
      }
    }
    return undefined;
  }

  // Hostname suffixes with rules, addressed by a key of (length, first and last character) so
  // that the suffixes of a host without rules are dismissed without slicing or hashing them. Laid
  // out flat like the header names: slot → first suffix (index + 1; 0 = none); per suffix, the
  // next of its slot, its length and offset; every suffix in one string.
  const suffixes = [...hostIndex.keys()];
  const suffixRules = suffixes.map((suffix) => hostIndex.get(suffix)!);
  const suffixSlot = new Int32Array(NAME_TABLE_SIZE);
  const suffixMetaList: number[] = [];
  let allSuffixes = '';
  suffixes.forEach((suffix, index) => {
    const k = suffixKey(suffix, 0, suffix.length);
    suffixMetaList.push(suffixSlot[k]!, suffix.length, allSuffixes.length);
    suffixSlot[k] = index + 1;
    allSuffixes += suffix;
  });
  const suffixMeta = Int32Array.from(suffixMetaList);

  /** The suffix index of `text[start, to)`, from the first suffix of its slot, or -1. */
  function suffixIndex(text: string, start: number, to: number, first: number): number {
    const len = to - start;
    for (let s = first; s !== 0; s = suffixMeta[(s - 1) * 3]!) {
      const m = (s - 1) * 3;
      if (suffixMeta[m + 1] !== len) continue;
      const off = suffixMeta[m + 2]!;
      let i = 0;
      while (i < len && text.charCodeAt(start + i) === allSuffixes.charCodeAt(off + i)) i++;
      if (i === len) return s - 1;
    }
    return -1;
  }

  /**
   * The hostname rules at each suffix of the host `text[from, to)`, whose dots are in `dots`,
   * longest first (no allocation when none).
   */
  function hostLevels(
    text: string,
    from: number,
    to: number,
  ): { suffix: string; rules: readonly IndexedHostRule[] }[] | undefined {
    let levels: { suffix: string; rules: readonly IndexedHostRule[] }[] | undefined;
    // The whole host, then the suffix after each dot; past the ring, only the last dots.
    let d = 0;
    let start = from;
    if (dotCount > MAX_DOTS) {
      d = dotCount - MAX_DOTS;
      start = dots[d++ & (MAX_DOTS - 1)]! + 1;
    }
    for (; ; d++) {
      const first = suffixSlot[suffixKey(text, start, to)]!;
      if (first !== 0) {
        const index = suffixIndex(text, start, to, first);
        if (index >= 0) {
          levels ??= [];
          levels.push({ suffix: suffixes[index]!, rules: suffixRules[index]! });
        }
      }
      if (d >= dotCount) break;
      start = dots[d & (MAX_DOTS - 1)]! + 1;
    }
    return levels;
  }

  // Scratch space reused across calls (classify is synchronous): which providers the current
  // response touched, without allocating a Map per response. The scratch lists are used up to a
  // count that is reset per call: `list.length = 0` is a runtime call in V8 (~25 ns each).
  const epochOf = new Int32Array(catalog.length);
  const slots: (Hit | undefined)[] = new Array(catalog.length);
  let epoch = 0;
  const touched: number[] = [];
  let touchedCount = 0;
  /** The detected providers of the current call, `count` of them (see classify). */
  const detected = new Int32Array(catalog.length);
  /** Provider index → the providers it overrides on the same response (see excludes). */
  const excludesOf: (readonly number[] | undefined)[] = catalog.map((_, p) => excludes.get(p));
  const anyExcludes = excludes.size > 0;
  /** Equal to the current epoch for a provider dropped by another one in this call. */
  const dropped = new Int32Array(catalog.length);
  /** Name and value of each header a PoP rule reads, in order (repeated headers are kept). */
  const popSeen: string[] = [];
  let popCount = 0;

  function hitFor(p: number): Hit {
    if (epochOf[p] === epoch) return slots[p]!;
    epochOf[p] = epoch;
    touched[touchedCount++] = p;
    // One Hit object per provider, reset on its first use in each call: only its evidence list
    // ever leaves classify, so the object itself can be reused instead of allocated per response.
    // Every field is set in the literal so that the object keeps one shape (no property added
    // later, no out-of-object property store).
    const hit = slots[p];
    if (hit === undefined) {
      const fresh: Hit = {
        strong: false,
        weak: 0,
        evidence: NO_EVIDENCE,
        ipOwner: false,
        pendingName: undefined,
        pendingValue: undefined,
      };
      slots[p] = fresh;
      return fresh;
    }
    hit.strong = false;
    hit.weak = 0;
    hit.evidence = NO_EVIDENCE;
    hit.ipOwner = false;
    hit.pendingName = undefined;
    hit.pendingValue = undefined;
    return hit;
  }

  /** Records `entry` when `value` matches it; says whether it did. */
  function applyHeaderRule(entry: IndexedHeaderRule, name: string, value: string): boolean {
    if (entry.spec.value && !entry.spec.value.test(value)) return false;
    const hit = hitFor(entry.provider);
    if (entry.spec.strength === 'strong') hit.strong = true;
    else {
      if (hit.weak === 0 && !hit.strong && hit.evidence.length === 0 && hit.pendingName === undefined) {
        hit.weak |= 1 << (entry.rule % 31);
        hit.pendingName = name;
        hit.pendingValue = value;
        return true;
      }
      hit.weak |= 1 << (entry.rule % 31);
    }
    flushPending(hit);
    if (hit.evidence.length < MAX_EVIDENCE) {
      if (hit.evidence === NO_EVIDENCE) hit.evidence = [];
      hit.evidence.push({ kind: 'header', name, value: clip(value, MAX_EVIDENCE_VALUE) });
    }
    return true;
  }

  function classify(input: ResponseInput): Detection[] {
    epoch = epoch === 0x7fffffff ? 1 : epoch + 1;
    if (epoch === 1) {
      epochOf.fill(0);
      dropped.fill(0);
    }
    touchedCount = 0;
    popCount = 0;
    // Entries past the count hold earlier responses' values: drop them when there are many.
    if (popSeen.length > 64) popSeen.length = 0;
    // Hostile or malformed input (a HAR file, another extension) must never throw.
    const headers: readonly HeaderLike[] = Array.isArray(input?.headers) ? input.headers : [];

    for (const header of headers) {
      const name = header?.name;
      if (typeof name !== 'string' || name.length === 0) continue;
      // Most names have no rule: dismissed right here (no exact name in their slot, no prefix with
      // their first three characters) with two loads and one branch, without a call — planFor is
      // too large for V8 to inline into this loop.
      const first = slotFirst[nameKey(name)]!;
      if ((first | prefixHeads[headSlot(name)]!) === 0) continue;
      const plan = planFor(name, first);
      if (!plan) continue;
      const raw = typeof header.value === 'string' ? header.value : '';
      const value = raw.length > MAX_VALUE ? raw.slice(0, MAX_VALUE) : raw;
      if (plan.popHeader) {
        popSeen[popCount++] = plan.name;
        popSeen[popCount++] = value;
      }
      // A value seen lately that matched nothing: nothing to run.
      const misses = plan.misses;
      const slot = misses !== undefined && value.length <= MISS_VALUE_MAX ? missSlot(value) : -1;
      if (slot >= 0 && misses![slot] === value) continue;
      let matched = false;
      const pre = plan.prefilter;
      if (pre === undefined) {
        for (const entry of plan.rules) if (applyHeaderRule(entry, plan.name, value)) matched = true;
      } else {
        // Each union is a superset of its own rules: a rule whose union failed cannot match. The
        // rules still run in catalog order (evidence order within a provider stays the same).
        const anchoredOk = pre.anchored?.test(value) === true;
        const floatingOk = pre.floating?.test(value) === true;
        if (anchoredOk || floatingOk) {
          const rules = plan.rules;
          let order = pre.floatingOnly;
          if (anchoredOk) {
            const first = value.length > 0 ? fold(value.charCodeAt(0)) : 128;
            order = first < 128 ? pre.byFirst[first]! : pre.all;
          }
          for (const i of order) {
            if (
              (pre.inAnchored[i] === 1 ? anchoredOk : floatingOk) &&
              applyHeaderRule(rules[i]!, plan.name, value)
            ) {
              matched = true;
            }
          }
        }
      }
      if (!matched && slot >= 0) misses![slot] = value;
    }

    // Hostname: the longest suffix with a matching rule wins (`fonts.gstatic.com` is Google Fonts,
    // not the generic `gstatic.com`; `cdn.shopify.com/shopifycloud/shopify_pay/` is Shop Pay).
    const url = typeof input?.url === 'string' ? input.url : '';
    // The usual URL (lower-case host, no user info, no IPv6 literal) is looked up in place,
    // without slicing its host out; the rest goes through hostOf.
    let levels: ReturnType<typeof hostLevels>;
    let host = '';
    if (plainHostSpan(url)) {
      if (spanEnd > spanStart) levels = hostLevels(url, spanStart, spanEnd);
      if (levels) host = url.slice(spanStart, spanEnd);
    } else {
      host = hostOf(url);
      if (host) {
        findDots(host, 0, host.length);
        levels = hostLevels(host, 0, host.length);
      }
    }
    if (levels) {
      const path = splitUrl(url).path;
      for (const { suffix, rules } of levels) {
        let matched = false;
        for (const rule of rules) {
          if (rule.path && !path.startsWith(rule.path)) continue;
          const hit = hitFor(rule.provider);
          hit.strong = true;
          matched = true;
          if (hit.evidence.length < MAX_EVIDENCE) {
            if (hit.evidence === NO_EVIDENCE) hit.evidence = [];
            hit.evidence.push({ kind: 'host', host, suffix: rule.path ? suffix + rule.path : suffix });
          }
        }
        if (matched) break;
      }
    }

    const ip = typeof input?.ip === 'string' ? input.ip : '';
    if (ipMatcher && ip) {
      let m: ReturnType<IpMatcher['match']>;
      try {
        m = ipMatcher.match(ip);
      } catch {
        m = undefined;
      }
      const owner = m ? ipSetOwner.get(m.set) : undefined;
      if (m && owner !== undefined) {
        const hit = hitFor(owner);
        hit.strong = true;
        hit.ipOwner = true;
        if (hit.evidence === NO_EVIDENCE) hit.evidence = [];
        hit.evidence.push({ kind: 'ip', ip, range: m.cidr });
      }
    }

    if (touchedCount === 0) return [];
    // Detected providers in catalog order, in a scratch list (insertion sort: a handful at most).
    let count = 0;
    for (let k = 0; k < touchedCount; k++) {
      const p = touched[k]!;
      const hit = slots[p]!;
      // Two different weak rules: more than one bit set.
      if (!hit.strong && (hit.weak & (hit.weak - 1)) === 0) continue;
      let at = count++;
      while (at > 0 && detected[at - 1]! > p) {
        detected[at] = detected[at - 1]!;
        at--;
      }
      detected[at] = p;
    }
    if (count === 0) return [];
    if (anyExcludes) {
      // A provider overriding another one on the same response (rare): mark, then compact.
      let dropping = false;
      for (let k = 0; k < count; k++) {
        const ex = excludesOf[detected[k]!];
        if (ex === undefined) continue;
        for (const x of ex) {
          if (x === detected[k] || epochOf[x] !== epoch) continue;
          dropped[x] = epoch;
          dropping = true;
        }
      }
      if (dropping) {
        let kept = 0;
        for (let k = 0; k < count; k++) if (dropped[detected[k]!] !== epoch) detected[kept++] = detected[k]!;
        count = kept;
      }
    }

    // Stacked proxies: one edge per response.
    // 1. an edge provider (CDN, WAF proxy) owning the server IP (Fastly's address, Cloudflare
    //    headers passed through: Fastly answered);
    // 2. else the first edge provider in catalog order (Cloudflare in front of Render);
    // 3. else the first origin platform in catalog order: Vercel alone is the edge. Platforms and
    //    object stores precede the general-purpose clouds in the catalog, so Netlify on AWS
    //    addresses is Netlify's edge with AWS under it, and S3 beats the AWS umbrella entry.
    // Every other edge-capable provider is behind or under it (origin).
    // (Plain loops: this runs for every response.)
    let edge = -1;
    let firstEdge = -1;
    let firstOrigin = -1;
    for (let k = 0; k < count; k++) {
      const p = detected[k]!;
      const role = catalog[p]!.role;
      if (role === 'edge') {
        if (slots[p]!.ipOwner && edge < 0) edge = p;
        if (firstEdge < 0) firstEdge = p;
      } else if (role === 'origin' && firstOrigin < 0) firstOrigin = p;
    }
    if (edge < 0) edge = firstEdge >= 0 ? firstEdge : firstOrigin;

    const out: Detection[] = [];
    for (let k = 0; k < count; k++) {
      const p = detected[k]!;
      const provider = catalog[p]!;
      const hit = slots[p]!;
      flushPending(hit);
      const role: Role = provider.role === 'service' ? 'service' : p === edge ? 'edge' : 'origin';
      let pop: string | undefined;
      // No PoP header seen: nothing to read (and no empty list allocated for providers without
      // PoP rules).
      if (provider.pop !== undefined && popCount > 0) {
        for (const rule of provider.pop) {
          pop = readPop(rule, popSeen, popCount);
          if (pop) break;
        }
      }
      out.push(
        pop
          ? { providerId: provider.id, role, pop, evidence: evidenceOf(hit) }
          : { providerId: provider.id, role, evidence: evidenceOf(hit) },
      );
    }
    return out;
  }

  return { providers: catalog, classify };
}
