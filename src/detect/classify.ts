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

/** The first three characters of a name, ASCII case folded, as one number. */
function headOf(name: string): number {
  return (fold(name.charCodeAt(0)) << 16) | (fold(name.charCodeAt(1)) << 8) | fold(name.charCodeAt(2));
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
 * a second one. A value matching neither skips every rule of the header.
 */
interface Prefilter {
  readonly anchored?: RegExp | undefined;
  readonly floating?: RegExp | undefined;
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

function buildPrefilter(sources: readonly string[]): Prefilter {
  const anchored = sources.filter(isAnchored).map((src) => `(?:${src.slice(1)})`);
  const floating = sources.filter((src) => !isAnchored(src)).map((src) => `(?:${src})`);
  return {
    anchored: anchored.length > 0 ? new RegExp(`^(?:${anchored.join('|')})`, 'i') : undefined,
    floating: floating.length > 0 ? new RegExp(floating.join('|'), 'i') : undefined,
  };
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
 * Finds the host of a URL in place (into spanStart/spanEnd) when it needs no rewriting: no user
 * info, no IPv6 brackets, no upper case, no trailing dot. Returns false otherwise.
 */
function plainHostSpan(url: string): boolean {
  const scheme = url.indexOf('://');
  if (scheme < 0) return false;
  const start = scheme + 3;
  let end = url.length;
  for (let i = start; i < url.length; i++) {
    const c = url.charCodeAt(i);
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

function byIndex(a: number, b: number): number {
  return a - b;
}

function readPop(rule: PopRule, seen: readonly string[]): string | undefined {
  // `seen` holds name, value, name, value… of the headers PoP rules read, in order.
  const values: string[] = [];
  for (let i = 0; i < seen.length; i += 2) if (seen[i] === rule.header) values.push(seen[i + 1]!);
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

  function buildPlan(name: string): NamePlan {
    const rules = [
      ...(headerIndex.get(name) ?? []),
      ...prefixRules.filter((e) => name.startsWith(e.spec.name)),
    ];
    let prefilter: Prefilter | undefined;
    if (
      rules.length >= PREFILTER_MIN_RULES &&
      rules.every((e) => e.spec.value && !/\\\d/.test(e.spec.value.source))
    ) {
      prefilter = buildPrefilter(rules.map((e) => e.spec.value!.source));
    }
    return { name, rules, prefilter, popHeader: popHeaders.has(name) };
  }

  // Header names with exact rules sit in a small table addressed by a cheap case-insensitive key
  // (length and three characters): the common header with no rule (date, content-type…) is
  // dismissed without hashing or lower-casing the whole name. Header names reach the listener as
  // fresh strings, so a Map would hash every one of them.
  const table: (NamePlan[] | undefined)[] = new Array(NAME_TABLE_SIZE).fill(undefined);
  for (const name of new Set([...headerIndex.keys(), ...popHeaders])) {
    const k = nameKey(name);
    table[k] = [...(table[k] ?? []), buildPlan(name)];
  }
  // Prefix rules (x-akamai-…) indexed by their first three characters.
  const prefixesByHead = new Map<number, string[]>();
  const shortPrefixes: string[] = [];
  /** First characters (lower-case) of any prefix: other names skip the prefix check at once. */
  const prefixFirst = new Uint8Array(128);
  for (const prefix of new Set(prefixRules.map((e) => e.spec.name))) {
    const first = prefix.charCodeAt(0);
    if (first < 128) prefixFirst[first] = 1;
    if (first >= 65 && first <= 90) prefixFirst[first | 32] = 1;
    if (prefix.length < 3) shortPrefixes.push(prefix);
    else {
      const key = headOf(prefix);
      prefixesByHead.set(key, [...(prefixesByHead.get(key) ?? []), prefix]);
    }
  }
  const prefixPlans = new Map<string, NamePlan>();

  function planFor(raw: string): NamePlan | undefined {
    const len = raw.length;
    if (len === 0) return undefined;
    const bucket = table[nameKey(raw)];
    if (bucket !== undefined) {
      for (const plan of bucket) {
        if (plan.name.length === len && (plan.name === raw || plan.name === raw.toLowerCase())) return plan;
      }
    }
    const first = fold(raw.charCodeAt(0));
    if (first >= 128 || prefixFirst[first] === 0) return undefined;
    const candidates = len >= 3 ? prefixesByHead.get(headOf(raw)) : undefined;
    for (const prefix of candidates ?? shortPrefixes) {
      if (len > prefix.length && startsWithFolded(raw, prefix)) {
        const name = raw.toLowerCase();
        let plan = prefixPlans.get(name);
        if (!plan) {
          plan = buildPlan(name);
          if (prefixPlans.size >= MAX_NAME_PLANS) prefixPlans.clear();
          prefixPlans.set(name, plan);
        }
        return plan;
      }
    }
    return undefined;
  }

  // Hostname suffixes with rules, addressed by a key of (length, first and last character) so
  // that the suffixes of a host without rules are dismissed without slicing or hashing them.
  const hostTable: (string[] | undefined)[] = new Array(NAME_TABLE_SIZE).fill(undefined);
  for (const suffix of hostIndex.keys()) {
    const k = suffixKey(suffix, 0, suffix.length);
    hostTable[k] = [...(hostTable[k] ?? []), suffix];
  }

  /** The hostname rules at each suffix of a host, longest first (no allocation when none). */
  function hostLevels(
    text: string,
    from: number,
    to: number,
  ): { suffix: string; rules: readonly IndexedHostRule[] }[] | undefined {
    let levels: { suffix: string; rules: readonly IndexedHostRule[] }[] | undefined;
    let start = from;
    for (;;) {
      const bucket = hostTable[suffixKey(text, start, to)];
      if (bucket !== undefined) {
        for (const candidate of bucket) {
          if (candidate.length === to - start && text.startsWith(candidate, start)) {
            levels ??= [];
            levels.push({ suffix: candidate, rules: hostIndex.get(candidate)! });
          }
        }
      }
      const dot = text.indexOf('.', start);
      if (dot < 0 || dot >= to) break;
      start = dot + 1;
    }
    return levels;
  }

  // Scratch space reused across calls (classify is synchronous): which providers the current
  // response touched, without allocating a Map per response.
  const epochOf = new Int32Array(catalog.length);
  const slots: (Hit | undefined)[] = new Array(catalog.length);
  let epoch = 0;
  const touched: number[] = [];
  const popSeen: string[] = [];

  function hitFor(p: number): Hit {
    if (epochOf[p] === epoch) return slots[p]!;
    epochOf[p] = epoch;
    const hit: Hit = { strong: false, weak: 0, evidence: NO_EVIDENCE, ipOwner: false };
    slots[p] = hit;
    touched.push(p);
    return hit;
  }

  function applyHeaderRule(entry: IndexedHeaderRule, name: string, value: string): void {
    if (entry.spec.value && !entry.spec.value.test(value)) return;
    const hit = hitFor(entry.provider);
    if (entry.spec.strength === 'strong') hit.strong = true;
    else {
      if (hit.weak === 0 && !hit.strong && hit.evidence.length === 0 && hit.pendingName === undefined) {
        hit.weak |= 1 << (entry.rule % 31);
        hit.pendingName = name;
        hit.pendingValue = value;
        return;
      }
      hit.weak |= 1 << (entry.rule % 31);
    }
    flushPending(hit);
    if (hit.evidence.length < MAX_EVIDENCE) {
      if (hit.evidence === NO_EVIDENCE) hit.evidence = [];
      hit.evidence.push({ kind: 'header', name, value: clip(value, MAX_EVIDENCE_VALUE) });
    }
  }

  function classify(input: ResponseInput): Detection[] {
    epoch = epoch === 0x7fffffff ? 1 : epoch + 1;
    if (epoch === 1) epochOf.fill(0);
    touched.length = 0;
    // All values of the headers PoP rules read, in order (repeated headers are kept).
    // Name and value of each header a PoP rule reads (scratch, reused): no Map per response.
    popSeen.length = 0;
    // Hostile or malformed input (a HAR file, another extension) must never throw.
    const headers: readonly HeaderLike[] = Array.isArray(input?.headers) ? input.headers : [];

    for (const header of headers) {
      if (typeof header?.name !== 'string') continue;
      const plan = planFor(header.name);
      if (!plan) continue;
      const raw = typeof header.value === 'string' ? header.value : '';
      const value = raw.length > MAX_VALUE ? raw.slice(0, MAX_VALUE) : raw;
      if (plan.popHeader) {
        popSeen.push(plan.name, value);
      }
      const pre = plan.prefilter;
      if (pre && !(pre.anchored?.test(value) || pre.floating?.test(value))) continue;
      for (const entry of plan.rules) applyHeaderRule(entry, plan.name, value);
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
      levels = host ? hostLevels(host, 0, host.length) : undefined;
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

    if (touched.length === 0) return [];
    let detected: number[] = [];
    for (const p of touched) {
      const hit = slots[p]!;
      // Two different weak rules: more than one bit set.
      if (hit.strong || (hit.weak & (hit.weak - 1)) !== 0) detected.push(p);
    }
    if (detected.length === 0) return [];
    if (excludes.size > 0) {
      const dropped = new Set<number>();
      for (const p of detected) for (const x of excludes.get(p) ?? []) if (x !== p) dropped.add(x);
      if (dropped.size > 0) detected = detected.filter((p) => !dropped.has(p));
    }
    if (detected.length > 1) detected.sort(byIndex);

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
    for (const p of detected) {
      const role = catalog[p]!.role;
      if (role === 'edge') {
        if (slots[p]!.ipOwner && edge < 0) edge = p;
        if (firstEdge < 0) firstEdge = p;
      } else if (role === 'origin' && firstOrigin < 0) firstOrigin = p;
    }
    if (edge < 0) edge = firstEdge >= 0 ? firstEdge : firstOrigin;

    const out: Detection[] = [];
    for (const p of detected) {
      const provider = catalog[p]!;
      const hit = slots[p]!;
      flushPending(hit);
      const role: Role = provider.role === 'service' ? 'service' : p === edge ? 'edge' : 'origin';
      let pop: string | undefined;
      for (const rule of provider.pop ?? []) {
        pop = popSeen.length > 0 ? readPop(rule, popSeen) : undefined;
        if (pop) break;
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

/** Header lists in HAR files and webRequest share the {name, value} shape. */
export function headersFromRecord(
  record: Readonly<Record<string, string | readonly string[]>>,
): HeaderLike[] {
  const out: HeaderLike[] = [];
  for (const [name, value] of Object.entries(record)) {
    if (Array.isArray(value)) for (const v of value) out.push({ name, value: v });
    else out.push({ name, value: value as string });
  }
  return out;
}
