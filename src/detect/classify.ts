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
  weakRules: number[];
  evidence: Evidence[];
  ipOwner: boolean;
}

function clip(value: string, max: number): string {
  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** Extracts the hostname and path of a URL without throwing; lower-case host, no port. */
export function splitUrl(url: string): { host: string; path: string } {
  const scheme = url.indexOf('://');
  if (scheme < 0) return { host: '', path: '' };
  const rest = url.slice(scheme + 3);
  let end = rest.length;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    // '/', '?', '#'
    if (c === 47 || c === 63 || c === 35) {
      end = i;
      break;
    }
  }
  let authority = rest.slice(0, end);
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
  const path = end < rest.length && rest.charCodeAt(end) === 47 ? rest.slice(end) : '/';
  return { host: host.toLowerCase(), path };
}

function readPop(rule: PopRule, headers: ReadonlyMap<string, string[]>): string | undefined {
  const values = headers.get(rule.header);
  if (!values) return undefined;
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

  function hitFor(hits: Map<number, Hit>, p: number): Hit {
    let hit = hits.get(p);
    if (!hit) {
      hit = { strong: false, weakRules: [], evidence: [], ipOwner: false };
      hits.set(p, hit);
    }
    return hit;
  }

  function applyHeaderRule(
    hits: Map<number, Hit>,
    entry: IndexedHeaderRule,
    name: string,
    value: string,
  ): void {
    if (entry.spec.value && !entry.spec.value.test(value)) return;
    const hit = hitFor(hits, entry.provider);
    if (entry.spec.strength === 'strong') hit.strong = true;
    else if (!hit.weakRules.includes(entry.rule)) hit.weakRules.push(entry.rule);
    if (hit.evidence.length < MAX_EVIDENCE) {
      hit.evidence.push({ kind: 'header', name, value: clip(value, MAX_EVIDENCE_VALUE) });
    }
  }

  function classify(input: ResponseInput): Detection[] {
    const hits = new Map<number, Hit>();
    // All values per lower-case header name, in order (repeated headers are kept).
    const byName = new Map<string, string[]>();
    // Hostile or malformed input (a HAR file, another extension) must never throw.
    const headers: readonly HeaderLike[] = Array.isArray(input?.headers) ? input.headers : [];

    for (const header of headers) {
      if (typeof header?.name !== 'string') continue;
      const name = header.name.toLowerCase();
      const raw = typeof header.value === 'string' ? header.value : '';
      const value = raw.length > MAX_VALUE ? raw.slice(0, MAX_VALUE) : raw;
      const list = byName.get(name);
      if (list) list.push(value);
      else byName.set(name, [value]);

      const rules = headerIndex.get(name);
      if (rules) for (const entry of rules) applyHeaderRule(hits, entry, name, value);
      for (const entry of prefixRules) {
        if (name.startsWith(entry.spec.name)) applyHeaderRule(hits, entry, name, value);
      }
    }

    // Hostname: the longest suffix with a matching rule wins (`fonts.gstatic.com` is Google Fonts,
    // not the generic `gstatic.com`; `cdn.shopify.com/shopifycloud/shopify_pay/` is Shop Pay).
    const { host, path } = splitUrl(typeof input?.url === 'string' ? input.url : '');
    if (host) {
      let dot = -1;
      let matched = false;
      do {
        const suffix = host.slice(dot + 1);
        const rules = hostIndex.get(suffix);
        if (rules) {
          for (const rule of rules) {
            if (rule.path && !path.startsWith(rule.path)) continue;
            const hit = hitFor(hits, rule.provider);
            hit.strong = true;
            matched = true;
            if (hit.evidence.length < MAX_EVIDENCE) {
              hit.evidence.push({ kind: 'host', host, suffix: rule.path ? suffix + rule.path : suffix });
            }
          }
        }
        dot = host.indexOf('.', dot + 1);
      } while (!matched && dot >= 0);
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
        const hit = hitFor(hits, owner);
        hit.strong = true;
        hit.ipOwner = true;
        hit.evidence.push({ kind: 'ip', ip, range: m.cidr });
      }
    }

    let detected: number[] = [];
    for (const [p, hit] of hits) if (hit.strong || hit.weakRules.length >= 2) detected.push(p);
    if (detected.length === 0) return [];
    if (excludes.size > 0) {
      const dropped = new Set<number>();
      for (const p of detected) for (const x of excludes.get(p) ?? []) if (x !== p) dropped.add(x);
      if (dropped.size > 0) detected = detected.filter((p) => !dropped.has(p));
    }
    detected.sort((a, b) => a - b);

    // Stacked proxies: one edge per response.
    // 1. an edge provider (CDN, WAF proxy) owning the server IP (Fastly's address, Cloudflare
    //    headers passed through: Fastly answered);
    // 2. else the first edge provider in catalog order (Cloudflare in front of Render);
    // 3. else the first origin platform in catalog order: Vercel alone is the edge. Platforms and
    //    object stores precede the general-purpose clouds in the catalog, so Netlify on AWS
    //    addresses is Netlify's edge with AWS under it, and S3 beats the AWS umbrella entry.
    // Every other edge-capable provider is behind or under it (origin).
    const roleOf = (p: number): Role | undefined => catalog[p]?.role;
    let edge = detected.find((p) => hits.get(p)?.ipOwner && roleOf(p) === 'edge');
    edge ??= detected.find((p) => roleOf(p) === 'edge');
    edge ??= detected.find((p) => roleOf(p) === 'origin');

    const out: Detection[] = [];
    for (const p of detected) {
      const provider = catalog[p]!;
      const hit = hits.get(p)!;
      const role: Role = provider.role === 'service' ? 'service' : p === edge ? 'edge' : 'origin';
      let pop: string | undefined;
      for (const rule of provider.pop ?? []) {
        pop = readPop(rule, byName);
        if (pop) break;
      }
      out.push(
        pop
          ? { providerId: provider.id, role, pop, evidence: hit.evidence }
          : { providerId: provider.id, role, evidence: hit.evidence },
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
