import type { HeaderRule, PopRule, Provider, Role } from '../catalog/types.ts';
import type { Detection, Evidence, HeaderLike, IpMatcher, ResponseInput } from './types.ts';

/** Header values longer than this are cut before any pattern runs: bounds time on hostile input. */
const MAX_VALUE = 2048;
/** Evidence values are shown to people; keep them readable. */
const MAX_EVIDENCE_VALUE = 200;

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
    if (provider.ipRanges) ipSetOwner.set(provider.ipRanges, p);
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
    if (hit.evidence.length < 6) {
      hit.evidence.push({ kind: 'header', name, value: clip(value, MAX_EVIDENCE_VALUE) });
    }
  }

  function classify(input: ResponseInput): Detection[] {
    const hits = new Map<number, Hit>();
    // All values per lower-case header name, in order (repeated headers are kept).
    const byName = new Map<string, string[]>();

    for (const header of input.headers) {
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

    const { host, path } = splitUrl(input.url);
    if (host) {
      let dot = -1;
      let suffix = host;
      do {
        suffix = host.slice(dot + 1);
        const rules = hostIndex.get(suffix);
        if (rules) {
          for (const rule of rules) {
            if (rule.path && !path.startsWith(rule.path)) continue;
            const hit = hitFor(hits, rule.provider);
            hit.strong = true;
            hit.evidence.push({ kind: 'host', host, suffix: rule.path ? suffix + rule.path : suffix });
          }
        }
        dot = host.indexOf('.', dot + 1);
      } while (dot >= 0);
    }

    if (ipMatcher && input.ip) {
      const m = ipMatcher.match(input.ip);
      const owner = m ? ipSetOwner.get(m.set) : undefined;
      if (m && owner !== undefined) {
        const hit = hitFor(hits, owner);
        hit.strong = true;
        hit.ipOwner = true;
        hit.evidence.push({ kind: 'ip', ip: input.ip, range: m.cidr });
      }
    }

    const detected: number[] = [];
    for (const [p, hit] of hits) if (hit.strong || hit.weakRules.length >= 2) detected.push(p);
    if (detected.length === 0) return [];
    detected.sort((a, b) => a - b);

    // Stacked proxies: one edge per response. The IP owner wins; otherwise the first edge-role
    // provider in catalog order; with no edge-role provider, the first origin platform answered
    // the browser itself. Every other edge-capable provider is behind it (origin).
    let edge = detected.find((p) => hits.get(p)?.ipOwner && catalog[p]?.role !== 'service');
    edge ??= detected.find((p) => catalog[p]?.role === 'edge');
    edge ??= detected.find((p) => catalog[p]?.role === 'origin');

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
