/**
 * `npm run update-ranges`: fetches the providers' published IP lists, validates every CIDR,
 * collapses adjacent/nested prefixes, and rewrites src/catalog/data/ip-ranges.json with today's
 * date. Needs the network; never run by tests or CI (the parsers below are tested on samples).
 *
 * A source that fails (timeout, HTTP error, unparsable, or suspiciously small) keeps its previous
 * prefixes and is named in the output; `--force` accepts a shrunken list anyway. Exit code 1 when
 * any source failed, 0 otherwise. `--out FILE` writes elsewhere (the input is always the shipped file).
 *
 * Order matters: where two sets list the same prefix the first set wins (cloudfront before aws,
 * gcp before google); otherwise the most specific prefix wins whatever the order.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatCidr, type IpRangeSet, type IpRangesData, parseCidr } from '../src/core/detect/ip.ts';

const OUT = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'src',
  'core',
  'catalog',
  'data',
  'ip-ranges.json',
);
const TIMEOUT_MS = 20_000;
const MAX_BYTES = 16 * 1024 * 1024;

export interface Prefixes {
  v4: string[];
  v6: string[];
}

// ---------------------------------------------------------------------------------------------
// Pure parsing and validation

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** One CIDR or address a line; blank lines and `#` comments ignored (Cloudflare, ArvanCloud, GoCache). */
export function parseTextList(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const t = line.replace(/#.*/, '').trim();
    if (t) out.push(...t.split(/[\s,;]+/).filter(Boolean));
  }
  return out;
}

/** api.fastly.com/public-ip-list: `{"addresses": [...], "ipv6_addresses": [...]}`. */
export function parseFastly(json: unknown): string[] {
  if (!isObject(json)) return [];
  return [...strings(json.addresses), ...strings(json.ipv6_addresses)];
}

/**
 * ip-ranges.amazonaws.com: `prefixes[{ip_prefix, service}]`, `ipv6_prefixes[{ipv6_prefix, service}]`.
 * Every prefix also appears under service "AMAZON"; CloudFront's go to `cloudfront` only.
 */
export function parseAws(json: unknown): { cloudfront: string[]; aws: string[] } {
  const cloudfront = new Set<string>();
  const all: string[] = [];
  if (!isObject(json)) return { cloudfront: [], aws: [] };
  const rows = [
    ...(Array.isArray(json.prefixes) ? json.prefixes : []).map((p: unknown) =>
      isObject(p) ? [p.ip_prefix, p.service] : [],
    ),
    ...(Array.isArray(json.ipv6_prefixes) ? json.ipv6_prefixes : []).map((p: unknown) =>
      isObject(p) ? [p.ipv6_prefix, p.service] : [],
    ),
  ];
  for (const [prefix, service] of rows) {
    if (typeof prefix !== 'string') continue;
    if (service === 'CLOUDFRONT') cloudfront.add(prefix);
    else all.push(prefix);
  }
  return { cloudfront: [...cloudfront], aws: all.filter((p) => !cloudfront.has(p)) };
}

/** gstatic.com/ipranges/goog.json and cloud.json: `prefixes[{ipv4Prefix | ipv6Prefix}]`. */
export function parseGoogle(json: unknown): string[] {
  if (!isObject(json) || !Array.isArray(json.prefixes)) return [];
  const out: string[] = [];
  for (const p of json.prefixes) {
    if (!isObject(p)) continue;
    if (typeof p.ipv4Prefix === 'string') out.push(p.ipv4Prefix);
    if (typeof p.ipv6Prefix === 'string') out.push(p.ipv6Prefix);
  }
  return out;
}

/** api.gcore.com/cdn/public-ip-list: `{"addresses": [...], "addresses_v6": [...]}`. */
export function parseGcore(json: unknown): string[] {
  if (!isObject(json)) return [];
  return [...strings(json.addresses), ...strings(json.addresses_v6), ...strings(json.ipv6_addresses)];
}

/** api.github.com/meta: `{"pages": [...]}`. */
export function parseGithubPages(json: unknown): string[] {
  return isObject(json) ? strings(json.pages) : [];
}

/** Oracle public_ip_ranges.json: `regions[{region, cidrs[{cidr, tags}]}]` (shape unconfirmed). */
export function parseOracle(json: unknown): string[] {
  if (!isObject(json) || !Array.isArray(json.regions)) return [];
  const out: string[] = [];
  for (const region of json.regions) {
    if (!isObject(region) || !Array.isArray(region.cidrs)) continue;
    for (const c of region.cidrs) if (isObject(c) && typeof c.cidr === 'string') out.push(c.cidr);
  }
  return out;
}

/** Imperva: JSON `{ipRanges, ipv6Ranges}` or, with `resp_format=text`, one CIDR a line. */
export function parseImperva(body: string): string[] {
  try {
    const json: unknown = JSON.parse(body);
    if (isObject(json)) return [...strings(json.ipRanges), ...strings(json.ipv6Ranges)];
  } catch {
    // text format
  }
  return parseTextList(body);
}

/** Bunny edgeserverlist: a JSON array of addresses, or the XML `<string>` list. */
export function parseBunny(body: string): string[] {
  try {
    const json: unknown = JSON.parse(body);
    if (Array.isArray(json)) return strings(json);
  } catch {
    // XML or plain text
  }
  const xml = [...body.matchAll(/<string>\s*([^<\s]+)\s*<\/string>/g)].map((m) => m[1]!);
  return xml.length > 0 ? xml : parseTextList(body);
}

/**
 * Validates, canonicalises, de-duplicates and collapses a list into sorted v4/v6 CIDRs (bare
 * addresses become /32 or /128). Returns what was rejected too.
 */
export function normalise(list: readonly string[]): Prefixes & { invalid: string[] } {
  const invalid: string[] = [];
  const spans: Record<4 | 6, [bigint, bigint][]> = { 4: [], 6: [] };
  for (const text of list) {
    const c = parseCidr(text);
    if (!c) invalid.push(text);
    else spans[c.family].push([c.start, c.end]);
  }
  return { v4: collapse(spans[4], 4), v6: collapse(spans[6], 6), invalid };
}

/** Merges overlapping/adjacent spans and cuts them back into the fewest aligned CIDR blocks. */
function collapse(spans: [bigint, bigint][], family: 4 | 6): string[] {
  const width = family === 4 ? 32 : 128;
  spans.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const merged: [bigint, bigint][] = [];
  for (const [s, e] of spans) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1] + 1n) {
      if (e > last[1]) last[1] = e;
    } else merged.push([s, e]);
  }
  const out: string[] = [];
  for (const [s0, e] of merged) {
    let s = s0;
    while (s <= e) {
      let bits = width;
      // Grow the block while it stays aligned and inside [s, e].
      while (bits > 0) {
        const size = 1n << BigInt(width - bits + 1);
        if (s % size !== 0n || s + size - 1n > e) break;
        bits--;
      }
      out.push(formatCidr({ family, start: s, end: s + (1n << BigInt(width - bits)) - 1n, bits }));
      s += 1n << BigInt(width - bits);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sources

interface Source {
  readonly sets: readonly string[];
  readonly url: string;
  readonly fetch: () => Promise<Record<string, string[]>>;
}

async function get(url: string, init: RequestInit = {}): Promise<string> {
  const res = await fetch(url, {
    ...init,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    headers: {
      accept: 'application/json, text/plain, */*',
      'user-agent': 'faultline-update-ranges',
      ...init.headers,
    },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = await res.text();
  if (body.length > MAX_BYTES) throw new Error(`response larger than ${MAX_BYTES} bytes`);
  return body;
}

const getJson = async (url: string): Promise<unknown> => JSON.parse(await get(url));

const SOURCES: readonly Source[] = [
  {
    sets: ['cloudflare'],
    url: 'https://www.cloudflare.com/ips-v4 https://www.cloudflare.com/ips-v6',
    fetch: async () => ({
      cloudflare: [
        ...parseTextList(await get('https://www.cloudflare.com/ips-v4')),
        ...parseTextList(await get('https://www.cloudflare.com/ips-v6')),
      ],
    }),
  },
  {
    sets: ['fastly'],
    url: 'https://api.fastly.com/public-ip-list',
    fetch: async () => ({ fastly: parseFastly(await getJson('https://api.fastly.com/public-ip-list')) }),
  },
  {
    sets: ['cloudfront', 'aws'],
    url: 'https://ip-ranges.amazonaws.com/ip-ranges.json',
    fetch: async () => parseAws(await getJson('https://ip-ranges.amazonaws.com/ip-ranges.json')),
  },
  {
    sets: ['gcp', 'google'],
    url: 'https://www.gstatic.com/ipranges/cloud.json https://www.gstatic.com/ipranges/goog.json',
    fetch: async () => ({
      // goog.json covers cloud.json; gcp is listed first, so its (more specific or equal)
      // prefixes win over google's.
      gcp: parseGoogle(await getJson('https://www.gstatic.com/ipranges/cloud.json')),
      google: parseGoogle(await getJson('https://www.gstatic.com/ipranges/goog.json')),
    }),
  },
  {
    sets: ['gcore'],
    url: 'https://api.gcore.com/cdn/public-ip-list',
    fetch: async () => ({ gcore: parseGcore(await getJson('https://api.gcore.com/cdn/public-ip-list')) }),
  },
  {
    sets: ['github-pages'],
    url: 'https://api.github.com/meta',
    fetch: async () => ({ 'github-pages': parseGithubPages(await getJson('https://api.github.com/meta')) }),
  },
  {
    sets: ['imperva'],
    url: 'https://my.incapsula.com/api/integration/v1/ips',
    fetch: async () => ({
      imperva: parseImperva(
        await get('https://my.incapsula.com/api/integration/v1/ips', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'resp_format=text',
        }),
      ),
    }),
  },
  {
    sets: ['bunny'],
    url: 'https://bunnycdn.com/api/system/edgeserverlist https://bunnycdn.com/api/system/edgeserverlist/IPv6',
    fetch: async () => ({
      bunny: [
        ...parseBunny(await get('https://bunnycdn.com/api/system/edgeserverlist')),
        ...parseBunny(await get('https://bunnycdn.com/api/system/edgeserverlist/IPv6')),
      ],
    }),
  },
  {
    sets: ['arvancloud'],
    url: 'https://www.arvancloud.ir/fa/ips.txt',
    fetch: async () => ({ arvancloud: parseTextList(await get('https://www.arvancloud.ir/fa/ips.txt')) }),
  },
  {
    sets: ['gocache'],
    url: 'https://gocache.com.br/ips',
    fetch: async () => ({ gocache: parseTextList(await get('https://gocache.com.br/ips')) }),
  },
  {
    sets: ['oracle'],
    url: 'https://docs.oracle.com/en-us/iaas/tools/public_ip_ranges.json',
    fetch: async () => ({
      oracle: parseOracle(await getJson('https://docs.oracle.com/en-us/iaas/tools/public_ip_ranges.json')),
    }),
  },
];

/**
 * Sets that are not fetched (no usable official list: Azure's Service Tags file changes its URL
 * weekly; Akamai publishes none) keep whatever the file has.
 */
const NOT_FETCHED: Readonly<Record<string, string>> = {
  'azure-fd':
    'Azure Service Tags JSON (AzureFrontDoor.Frontend), download id 56519 — not fetched automatically',
  azure: 'Azure Service Tags JSON, download id 56519 — not fetched automatically',
  akamai: 'no official list (ASN-based only) — not fetched',
};

function count(set: IpRangeSet | undefined): number {
  return (set?.v4?.length ?? 0) + (set?.v6?.length ?? 0);
}

async function main(argv: readonly string[]): Promise<number> {
  const force = argv.includes('--force');
  const outAt = argv.indexOf('--out');
  const out = outAt >= 0 && argv[outAt + 1] ? argv[outAt + 1]! : OUT;
  const previous = JSON.parse(readFileSync(OUT, 'utf8')) as IpRangesData;
  const sets: Record<string, IpRangeSet> = {};
  const sources: Record<string, string> = {};
  const failures: string[] = [];

  const results = await Promise.allSettled(SOURCES.map((s) => s.fetch()));
  SOURCES.forEach((source, k) => {
    const result = results[k]!;
    for (const set of source.sets) {
      sources[set] = source.url;
      const old = previous.sets[set] ?? { v4: [], v6: [] };
      if (result.status === 'rejected') {
        failures.push(
          `${set}: ${String(result.reason).split('\n')[0]} (kept ${count(old)} previous prefixes)`,
        );
        sets[set] = old;
        continue;
      }
      const n = normalise(result.value[set] ?? []);
      if (n.invalid.length > 0) {
        process.stderr.write(
          `update-ranges: ${set}: skipped ${n.invalid.length} invalid: ${n.invalid.slice(0, 5).join(', ')}\n`,
        );
      }
      const fresh = { v4: n.v4, v6: n.v6 };
      if (count(fresh) === 0 || (!force && count(fresh) < count(old) / 2)) {
        failures.push(
          `${set}: got ${count(fresh)} prefixes, had ${count(old)} (kept previous; --force to accept)`,
        );
        sets[set] = old;
        continue;
      }
      sets[set] = fresh;
    }
  });
  // Sets not fetched, or named in the old file only, stay as they were.
  for (const [set, url] of Object.entries(NOT_FETCHED)) {
    sources[set] = url;
    sets[set] = previous.sets[set] ?? { v4: [], v6: [] };
  }
  for (const [set, ranges] of Object.entries(previous.sets)) {
    sets[set] ??= ranges;
    sources[set] ??= previous.sources?.[set] ?? '';
  }

  if (results.every((r) => r.status === 'rejected')) {
    for (const f of failures) process.stderr.write(`update-ranges: ${f}\n`);
    process.stderr.write('update-ranges: every source failed; nothing written\n');
    return 1;
  }

  const data: IpRangesData = {
    generated: new Date().toISOString().slice(0, 10),
    note: 'Generated by `npm run update-ranges` from the official lists in "sources". Sets that failed to update keep their previous prefixes (see the run output).',
    sources,
    sets,
  };
  const text = `${JSON.stringify(data, null, 2)}\n`;
  writeFileSync(out, text);

  for (const [set, r] of Object.entries(sets)) {
    process.stdout.write(
      `${set.padEnd(14)} ${String(r.v4?.length ?? 0).padStart(6)} v4 ${String(r.v6?.length ?? 0).padStart(6)} v6\n`,
    );
  }
  process.stdout.write(`wrote ${out} (${(text.length / 1024).toFixed(0)} KiB)\n`);
  for (const f of failures) process.stderr.write(`update-ranges: ${f}\n`);
  return failures.length > 0 ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`update-ranges: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
