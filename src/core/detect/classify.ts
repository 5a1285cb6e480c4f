/**
 * The classifier: which catalog providers one HTTP response shows, and in which role.
 *
 * A response brings three kinds of evidence, each found in a plain index built once from the
 * catalog (buildIndex): its header names and values, its URL's hostname (suffixes on label
 * boundaries, longest first) and its server IP (the published ranges of ip.ts). Headers and the
 * hostname are read first: they say which product answered, and the IP is read in their light
 * (readIp).
 *
 * Strong evidence (a header only that provider sends, its hostname, its address) detects a
 * provider on its own. Weak evidence (a value format another server could share) counts only
 * when a second, different weak rule of the same provider matches the same response: Fastly's
 * `x-served-by` format plus its `x-timer` format. Generic headers (`x-cache: HIT`) are no rules.
 *
 * Providers stack (Cloudflare in front of Render): one of them is the edge that answered the
 * browser (edgeOf), every other edge-capable one is behind or under it, an origin; third-party
 * services keep their role. The PoP, the location that answered, comes from the provider's own
 * header when it sends one (readPop).
 *
 * Input can be hostile or malformed (a HAR file, another extension): nothing throws, values are
 * cut before any pattern runs, evidence is clipped and capped, a host of any length costs a few
 * lookups.
 */
import type { HeaderRule, PopRule, Provider, Role } from '../catalog/types.ts';
import type { Detection, Evidence, HeaderLike, IpMatcher, ResponseInput } from './types.ts';

/** Header values longer than this are cut before any pattern runs: bounds time on hostile input. */
const MAX_VALUE = 2048;
/** Evidence values are shown to people; keep them readable. */
const MAX_EVIDENCE_VALUE = 200;
/** Header and hostname evidence kept per provider and response. */
const MAX_EVIDENCE = 6;

/** The compiled catalog. `classify` keeps nothing from one response to the next. */
export interface Classifier {
  readonly providers: readonly Provider[];
  classify(input: ResponseInput): Detection[];
}

/** A header rule, its provider (catalog index) and its index among that provider's rules. */
type HeaderEntry = { readonly provider: number; readonly rule: number; readonly spec: HeaderRule };

/** Everything that applies to one header name of the catalog. */
interface NameEntry {
  /** Lower case, as in the catalog. */
  readonly name: string;
  /** Its own rules in catalog order, then those of the prefixes it starts with. */
  readonly rules: readonly HeaderEntry[];
  /** See unionOf. */
  readonly union: RegExp | undefined;
  /** A PoP rule reads this header: its values are kept. */
  readonly pop: boolean;
}

/**
 * A hostname rule's provider, its role (index in ROLES) and the path prefix that must also match
 * (`/recaptcha/`).
 */
type HostEntry = { readonly provider: number; readonly role: number; readonly path?: string | undefined };

const ROLES: readonly Role[] = ['edge', 'origin', 'service'];

/** The catalog compiled into plain lookup tables (each explained where it is built). */
type Index = ReturnType<typeof buildIndex>;

/** What one response showed of one provider, by catalog index. */
type Hits = Map<number, Hit>;
interface Hit {
  strong: boolean;
  /** The distinct weak rules that matched, one bit per rule: two of them detect the provider. */
  weakRules: number;
  evidence: Evidence[];
  /** The server IP is in this provider's published ranges. */
  ownsIp: boolean;
}

/** The values of the headers PoP rules read on one response, by lower-case name, in order. */
type PopValues = Map<string, string[]>;

const NO_NAMES: readonly NameEntry[] = [];
const NO_RULES: readonly HeaderEntry[] = [];
const NO_HOSTS: readonly HostEntry[] = [];
const NO_INDEXES: readonly number[] = [];

export function compile(catalog: readonly Provider[], ipMatcher?: IpMatcher): Classifier {
  const index = buildIndex(catalog, ipMatcher);
  return {
    providers: catalog,
    classify(input: ResponseInput): Detection[] {
      const hits: Hits = new Map();
      const popValues = readHeaders(index, Array.isArray(input?.headers) ? input.headers : [], hits);
      readHost(index, typeof input?.url === 'string' ? input.url : '', hits);
      readIp(index, typeof input?.ip === 'string' ? input.ip : '', hits);
      return detections(index, hits, popValues);
    },
  };
}

function buildIndex(catalog: readonly Provider[], ipMatcher: IpMatcher | undefined) {
  const ownRules = new Map<string, HeaderEntry[]>();
  /** The rules that name a prefix (`x-akamai-`), tried on the names the catalog does not list. */
  const prefixRules: HeaderEntry[] = [];
  /**
   * Hostname suffix → its rules. Every shorter suffix of a rule suffix is a key too, with no rules
   * of its own (`net` and `cloudfront.net` for `d111111abcdef8.cloudfront.net`): a host is read
   * from its last label leftwards, and stops at the first suffix that is no key.
   */
  const rulesBySuffix = new Map<string, HostEntry[]>();
  const popHeaders = new Set<string>();
  /** Range-set id → the provider that owns it: the first in catalog order to name it. */
  const ipSetOwner = new Map<string, number>();
  /** Provider → the providers its detection overrides on the same response. */
  const excludes = new Map<number, readonly number[]>();
  const indexById = new Map<string, number>();
  catalog.forEach((provider, p) => {
    if (!indexById.has(provider.id)) indexById.set(provider.id, p);
  });
  catalog.forEach((provider, p) => {
    // A weak rule is one bit of Hit.weakRules.
    if ((provider.headers?.length ?? 0) > 31) throw new Error(`${provider.id}: more than 31 header rules`);
    provider.headers?.forEach((spec, rule) => {
      if (spec.prefix) prefixRules.push({ provider: p, rule, spec });
      else add(ownRules, spec.name, { provider: p, rule, spec });
    });
    const role = ROLES.indexOf(provider.role);
    for (const { suffix, path } of provider.hosts ?? [])
      add(rulesBySuffix, suffix, { provider: p, role, path });
    for (const rule of provider.pop ?? []) popHeaders.add(rule.header);
    if (provider.ipRanges && !ipSetOwner.has(provider.ipRanges)) ipSetOwner.set(provider.ipRanges, p);
    const overridden = (provider.excludes ?? []).flatMap((id) => indexById.get(id) ?? []);
    if (overridden.length > 0) excludes.set(p, overridden);
  });
  for (const suffix of [...rulesBySuffix.keys()]) {
    for (let dot = suffix.indexOf('.'); dot >= 0; dot = suffix.indexOf('.', dot + 1)) {
      if (!rulesBySuffix.has(suffix.slice(dot + 1))) rulesBySuffix.set(suffix.slice(dot + 1), []);
    }
  }
  /** The first characters of the prefixes, by code: most names start with none of them. */
  const prefixFirsts: (true | undefined)[] = [];
  for (const { spec } of prefixRules) prefixFirsts[spec.name.charCodeAt(0)] = true;
  /**
   * The catalog's header names by shape (length and last character, see shapeOf). Header names
   * reach the classifier as fresh strings, and a Map by name would lower-case and hash every one
   * of them: on the benchmark machine, that was half of a response's time. Here a name meets
   * the one or two catalog names of its shape, and most names meet none.
   */
  const namesByShape: (NameEntry[] | undefined)[] = [];
  for (const name of new Set([...ownRules.keys(), ...popHeaders])) {
    const rules = [...(ownRules.get(name) ?? []), ...prefixRulesOf(prefixRules, prefixFirsts, name)];
    const entry = { name, rules, union: unionOf(rules), pop: popHeaders.has(name) };
    namesByShape[shapeOf(name)] = [...(namesByShape[shapeOf(name)] ?? []), entry];
  }
  return { catalog, namesByShape, prefixRules, prefixFirsts, rulesBySuffix, ipMatcher, ipSetOwner, excludes };
}

/** Header evidence. Returns the values of the headers PoP rules read. */
function readHeaders(index: Index, headers: readonly HeaderLike[], hits: Hits): PopValues | undefined {
  let popValues: PopValues | undefined;
  for (const header of headers) {
    const raw = header?.name;
    if (typeof raw !== 'string') continue;
    const known = catalogName(index, raw);
    const rules = known ? known.rules : prefixRulesOf(index.prefixRules, index.prefixFirsts, raw);
    if (rules.length === 0 && !known?.pop) continue;
    const name = known ? known.name : raw.toLowerCase();
    const value = typeof header.value === 'string' ? header.value.slice(0, MAX_VALUE) : '';
    if (known?.pop) {
      popValues ??= new Map();
      add(popValues, name, value);
    }
    if (known?.union && !known.union.test(value)) continue;
    for (const entry of rules) {
      if (entry.spec.value && !entry.spec.value.test(value)) continue;
      const hit = hitFor(hits, entry.provider);
      if (entry.spec.strength === 'strong') hit.strong = true;
      else hit.weakRules |= 1 << entry.rule;
      if (hit.evidence.length < MAX_EVIDENCE) {
        hit.evidence.push({ kind: 'header', name, value: clip(value, MAX_EVIDENCE_VALUE) });
      }
    }
  }
  return popValues;
}

/** The catalog header name that `raw` is, ignoring case. */
function catalogName(index: Index, raw: string): NameEntry | undefined {
  for (const known of index.namesByShape[shapeOf(raw)] ?? NO_NAMES) {
    if (known.name.length === raw.length && startsWithFolded(raw, known.name, true)) return known;
  }
  return undefined;
}

/** The rules of the prefixes a header name starts with and goes on after (usually none). */
function prefixRulesOf(
  prefixRules: readonly HeaderEntry[],
  prefixFirsts: readonly (true | undefined)[],
  raw: string,
): readonly HeaderEntry[] {
  const first = raw.charCodeAt(0);
  if (first < 128 && !prefixFirsts[foldAscii(first)]) return NO_RULES;
  return prefixRules.filter((e) => raw.length > e.spec.name.length && startsWithFolded(raw, e.spec.name));
}

/**
 * Hostname evidence: for each role, the longest suffix with a matching rule wins. One hostname can
 * name the service a page calls and the edge that serves it (`fonts.gstatic.com`: Google Fonts on
 * Google's front end; `ds-aksb-a.akamaihd.net`: Akamai's bot protection on Akamai's edge;
 * `cdn.shopify.com/shopifycloud/shopify_pay/`: Shop Pay on Shopify). Within one role the most
 * specific suffix wins: `bucket.s3.amazonaws.com` is S3, not the `amazonaws.com` of AWS. Suffixes
 * start at label boundaries only: `cloudfront.net` matches `d111.cloudfront.net`, never
 * `evilcloudfront.net`.
 */
function readHost(index: Index, url: string, hits: Hits): void {
  const { host, path } = splitUrl(url);
  // The longest matching suffix of each role, by ROLES index; made when a first rule matches.
  let longest: ({ suffix: string; rules: readonly HostEntry[] } | undefined)[] | undefined;
  // From the last label leftwards (`net`, `cloudfront.net`, `d111.cloudfront.net`…) as long as the
  // index knows the suffix: a host of a thousand labels stops at the first suffix no rule ends with.
  for (let start = host.length; start > 0; ) {
    start = start > 1 ? host.lastIndexOf('.', start - 2) + 1 : 0;
    const suffix = host.slice(start);
    const rules = index.rulesBySuffix.get(suffix);
    if (rules === undefined) break;
    for (const rule of rules) {
      if (rule.path && !path.startsWith(rule.path)) continue;
      longest ??= [undefined, undefined, undefined];
      longest[rule.role] = { suffix, rules };
    }
  }
  if (!longest) return;
  longest.forEach((found, role) => {
    for (const rule of found?.rules ?? NO_HOSTS) {
      if (rule.role !== role || (rule.path && !path.startsWith(rule.path))) continue;
      const hit = hitFor(hits, rule.provider);
      hit.strong = true;
      if (hit.evidence.length < MAX_EVIDENCE) {
        hit.evidence.push({
          kind: 'host',
          host,
          suffix: rule.path ? found!.suffix + rule.path : found!.suffix,
        });
      }
    }
  });
}

/**
 * Server-IP evidence, read after the headers and the hostname. An edge network's range (Akamai,
 * Cloudflare, Fastly, CloudFront…) names that edge: it answered. A cloud's or a host's range (AWS,
 * Azure, Google Cloud, Hetzner…) names where the site runs, unless the response says who answered
 * from that address:
 * - a product of the same company (CloudFront or S3 on an AWS address, Front Door on Azure's,
 *   Google's front end on Google Cloud's): the address is that product's, the cloud is not added;
 * - another company's edge, by its own header or hostname (Bunny on a Hetzner address): the
 *   address is where that edge's server runs, not the site's host. A platform delivered by that
 *   edge (GitHub Pages by Fastly) keeps its address.
 */
function readIp(index: Index, ip: string, hits: Hits): void {
  if (!index.ipMatcher || ip === '') return;
  let m: ReturnType<IpMatcher['match']>;
  try {
    m = index.ipMatcher.match(ip);
  } catch {
    return;
  }
  let owner = m ? index.ipSetOwner.get(m.set) : undefined;
  if (!m || owner === undefined) return;
  const provider = index.catalog[owner]!;
  if (provider.role === 'origin' && hits.size > 0 && !isDetected(hits.get(owner))) {
    let sibling: number | undefined;
    let otherEdge = false;
    hits.forEach((hit, p) => {
      const q = index.catalog[p]!;
      if (p === owner || !isDetected(hit)) return;
      if (q.company === provider.company) {
        if (sibling === undefined || (q.role === 'edge' && index.catalog[sibling]!.role !== 'edge'))
          sibling = p;
      } else if (q.role === 'edge' && q.id !== provider.deliveredBy) otherEdge = true;
    });
    if (sibling !== undefined) owner = sibling;
    else if (otherEdge) return;
  }
  const hit = hitFor(hits, owner);
  hit.strong = true;
  hit.ownsIp = true;
  hit.evidence.push({ kind: 'ip', ip, range: m.cidr });
}

/** Strong evidence, or two different weak rules: the provider is on the response. */
function isDetected(hit: Hit | undefined): boolean {
  // Two bits or more: clearing the lowest set bit leaves some.
  return hit !== undefined && (hit.strong || (hit.weakRules & (hit.weakRules - 1)) !== 0);
}

function detections(index: Index, hits: Hits, popValues: PopValues | undefined): Detection[] {
  let detected: number[] = [];
  hits.forEach((hit, p) => {
    if (isDetected(hit)) detected.push(p);
  });
  if (detected.length === 0) return [];
  if (detected.length > 1) detected.sort((a, b) => a - b);
  // A provider overrides another one on the same response: `github` (its API and raw hosts send
  // `x-github-request-id` too) excludes `github-pages`.
  let dropped: Set<number> | undefined;
  for (const p of detected) {
    for (const x of index.excludes.get(p) ?? NO_INDEXES) {
      if (x === p) continue;
      dropped ??= new Set();
      dropped.add(x);
    }
  }
  if (dropped) detected = detected.filter((p) => !dropped.has(p));
  const edge = edgeOf(index.catalog, detected, hits);
  return detected.map((p) => {
    const provider = index.catalog[p]!;
    const role: Role = provider.role === 'service' ? 'service' : p === edge ? 'edge' : 'origin';
    let pop: string | undefined;
    for (const rule of provider.pop ?? []) {
      const values = popValues?.get(rule.header);
      pop = values ? readPop(rule, values) : undefined;
      if (pop) break;
    }
    const evidence = hits.get(p)!.evidence;
    return pop
      ? { providerId: provider.id, role, pop, evidence }
      : { providerId: provider.id, role, evidence };
  });
}

/**
 * The edge of a response: the one layer that answered the browser.
 * 1. an edge provider (CDN, WAF proxy) owning the server IP (Fastly's address with Cloudflare
 *    headers passed through: Fastly answered; Akamai's address with S3's headers: Akamai in front
 *    of a bucket);
 * 2. else the first edge provider in catalog order (Cloudflare in front of Render);
 * 3. else the first origin platform in catalog order: Vercel alone is the edge. Platforms and
 *    object stores precede the general-purpose clouds in the catalog, so Netlify on AWS addresses
 *    is Netlify's edge with AWS under it, and S3 beats the AWS umbrella entry.
 */
function edgeOf(catalog: readonly Provider[], detected: readonly number[], hits: Hits) {
  return (
    detected.find((p) => catalog[p]!.role === 'edge' && hits.get(p)!.ownsIp) ??
    detected.find((p) => catalog[p]!.role === 'edge') ??
    detected.find((p) => catalog[p]!.role === 'origin')
  );
}

/**
 * The PoP code a rule reads from the values of its header on one response (in order, repeated
 * headers kept). The serving edge is the first or the last entry, as the rule says: when that
 * entry is not in the expected format the answer is unknown, never an inner entry (of Fastly's
 * shielding list `cache-jfk…-JFK, cache-fra…-FRA`, only FRA answered the browser).
 */
function readPop(rule: PopRule, values: readonly string[]): string | undefined {
  const entries = rule.splitComma ? values.flatMap((v) => v.split(',')) : [...values];
  if (rule.pick === 'last') entries.reverse();
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    const code = rule.pattern.exec(entry)?.[1];
    return code ? (rule.take ? code.slice(0, rule.take) : code).toUpperCase() : undefined;
  }
  return undefined;
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
    // '/', '?', '#' end the authority.
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
  if (authority.startsWith('[')) {
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

/**
 * One case-insensitive pattern that matches every value any of `rules` matches, or undefined when
 * it cannot be built faithfully (a rule without a value pattern, a flag other than `i`, a
 * backreference or named group that the union would renumber or repeat). A value it rejects can
 * skip every rule of the header: `server: nginx` is one test instead of fifty-one.
 */
function unionOf(rules: readonly HeaderEntry[]): RegExp | undefined {
  const patterns = rules.map((e) => e.spec.value);
  const faithful = (re: RegExp | undefined): re is RegExp =>
    re !== undefined && (re.flags === '' || re.flags === 'i') && !/\\[1-9k]|\(\?</.test(re.source);
  if (patterns.length < 2 || !patterns.every(faithful)) return undefined;
  return new RegExp(patterns.map((re) => `(?:${re!.source})`).join('|'), 'i');
}

/**
 * Length and last character of a header name, the same for every case of it: names that
 * `toLowerCase` makes equal have the same shape (outside ASCII it decides: U+212A KELVIN SIGN is
 * a `k`).
 */
function shapeOf(name: string): number {
  const last = name.charCodeAt(name.length - 1);
  return name.length * 128 + (last < 128 ? foldAscii(last) : name.slice(-1).toLowerCase().charCodeAt(0));
}

/**
 * Whether `raw` starts with (`whole`: is) the lower-case ASCII `lower`, ignoring case as
 * `raw.toLowerCase()` would, without making that copy.
 */
function startsWithFolded(raw: string, lower: string, whole = false): boolean {
  for (let i = 0; i < lower.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 128) return whole ? raw.toLowerCase() === lower : raw.toLowerCase().startsWith(lower);
    if (foldAscii(c) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

function foldAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function hitFor(hits: Hits, p: number): Hit {
  let hit = hits.get(p);
  if (!hit) {
    hit = { strong: false, weakRules: 0, evidence: [], ownsIp: false };
    hits.set(p, hit);
  }
  return hit;
}

function add<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}
