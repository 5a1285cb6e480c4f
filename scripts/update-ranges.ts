/**
 * `npm run update-ranges`: rebuilds the IP-range snapshot the classifier ships, from the
 * providers' official lists (online, the default) or from dated datasets on disk
 * (`--offline <dir>`, e.g. the reference data: `<dir>/cdncheck/sources_data.json` and
 * `<dir>/ipranges/<provider>/ipv{4,6}_merged.txt`). Every CIDR is validated, each set collapsed
 * (adjacent and nested prefixes merged), some sets cut out of others (CloudFront out of AWS,
 * Google Cloud's customer ranges out of Google's, GitHub Pages out of GitHub, Azure Front Door
 * out of Azure: its service tag, scripts/data/azure-front-door.json), and two files are written in
 * src/core/catalog/data/:
 *   ip-ranges.json          the readable snapshot: each set's prefixes, source, date and licence
 *   ip-ranges.packed.json   the same as the packed table the extension loads (detect/ip-pack.ts)
 * Never run by tests or CI (the parsers and the offline build are tested on samples).
 *
 * Online, a source that fails (timeout, HTTP error, unparsable, or suspiciously small) keeps its
 * previous prefixes and is named in the output; `--force` accepts a shrunken list anyway. Exit code
 * 1 when any source failed, 0 otherwise. `--out DIR` writes both files elsewhere.
 *
 * Where two sets still hold the same addresses, the more specific prefix wins, and for the very
 * same prefix the set listed first (ip-pack.ts).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  formatCidr,
  type IpRangeSet,
  type IpRangeSource,
  type IpRangesData,
  parseCidr,
} from '../src/core/detect/ip.ts';
import { cidrsOf, packIpRanges } from '../src/core/detect/ip-pack.ts';

const DATA = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core', 'catalog', 'data');
const READABLE = 'ip-ranges.json';
const PACKED = 'ip-ranges.packed.json';
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

type Spans = Record<4 | 6, [bigint, bigint][]>;

function spansOf(p: Prefixes): Spans {
  const out: Spans = { 4: [], 6: [] };
  for (const text of [...p.v4, ...p.v6]) {
    const c = parseCidr(text);
    if (c) out[c.family].push([c.start, c.end]);
  }
  return out;
}

/** Sorted, merged spans (overlapping and adjacent ones joined). */
function merged(spans: [bigint, bigint][]): [bigint, bigint][] {
  const sorted = [...spans].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + 1n) {
      if (e > last[1]) last[1] = e;
    } else out.push([s, e]);
  }
  return out;
}

/** Merges overlapping/adjacent spans and cuts them back into the fewest aligned CIDR blocks. */
function collapse(spans: [bigint, bigint][], family: 4 | 6): string[] {
  const width = family === 4 ? 32 : 128;
  const out: string[] = [];
  for (const [s, e] of merged(spans)) {
    for (const b of cidrsOf(s, e, width)) {
      out.push(formatCidr({ family, start: b.start, end: b.start, bits: b.bits }));
    }
  }
  return out;
}

/**
 * The blocks of `a` that are not wholly inside `taken`: a block another set already covers is
 * dropped, a block that holds some of `taken` is kept whole (its inner blocks win lookups, being
 * more specific).
 */
export function outside(a: Prefixes, taken: Prefixes): Prefixes {
  const covered = spansOf(taken);
  const spans = { 4: merged(covered[4]), 6: merged(covered[6]) };
  const inside = (text: string): boolean => {
    const c = parseCidr(text);
    if (!c) return false;
    const list = spans[c.family];
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const [s, e] = list[mid]!;
      if (e < c.start) lo = mid + 1;
      else if (s > c.start) hi = mid - 1;
      else return c.end <= e;
    }
    return false;
  };
  return { v4: a.v4.filter((t) => !inside(t)), v6: a.v6.filter((t) => !inside(t)) };
}

/**
 * The prefixes of `a` whose addresses are mostly (at least `share` of them) in `inner`'s: a
 * registry block that is really another network (Akamai's entries for Linode's networks).
 */
export function holding(a: Prefixes, inner: Prefixes, share = 0.5): Prefixes {
  const si = spansOf(inner);
  const keep = (list: readonly string[]): string[] =>
    list.filter((text) => {
      const c = parseCidr(text);
      if (!c) return false;
      let covered = 0n;
      for (const [s, e] of merged(si[c.family])) {
        // The part of [s, e] inside the block.
        let from = c.start;
        if (s > from) from = s;
        let to = c.end;
        if (e < to) to = e;
        if (from <= to) covered += to - from + 1n;
      }
      return Number(covered) / Number(c.end - c.start + 1n) >= share;
    });
  return { v4: keep(a.v4), v6: keep(a.v6) };
}

const union = (...parts: Prefixes[]): Prefixes => normalise(parts.flatMap((p) => [...p.v4, ...p.v6]));

// ---------------------------------------------------------------------------------------------
// Offline: dated datasets on disk

/** A dataset folder: its files, the day its data was taken and its licence. */
export interface Dataset {
  readonly name: string;
  readonly date: string;
  readonly licence: string;
  /** Prefixes of one list of the dataset (`akamai`, `cdn.cloudfront` …); empty when absent. */
  readonly list: (key: string) => Prefixes;
}

/** Reads `2026-08-16` and `commit 6fbcc53` out of a dataset README; the licence from its file. */
export function describeDataset(
  readme: string,
  licence: string,
): { date: string; commit?: string; licence: string } {
  const date = /\b(\d{4}-\d{2}-\d{2})\b/.exec(readme)?.[1] ?? '';
  const commit = /\bcommit ([0-9a-f]{7,40})\b/.exec(readme)?.[1];
  const spdx = /CC0 1\.0/.test(licence) ? 'CC0-1.0' : /^\s*MIT License/.test(licence) ? 'MIT' : 'see LICENSE';
  return { date, ...(commit ? { commit } : {}), licence: spdx };
}

/** projectdiscovery/cdncheck `sources_data.json`: `{ cdn | waf | cloud: { provider: [CIDR] } }`. */
export function parseCdncheck(json: unknown): (key: string) => string[] {
  return (key) => {
    const [group, provider] = key.split('.', 2) as [string, string];
    const g = isObject(json) ? json[group] : undefined;
    return isObject(g) ? strings(g[provider]) : [];
  };
}

/** Front Door's service tag (`scripts/data/azure-front-door.json`): its prefixes and source. */
export function readServiceTag(json: unknown): ServiceTag {
  if (!isObject(json)) return { source: '', prefixes: { v4: [], v6: [] } };
  const src = isObject(json.source) ? json.source : {};
  const where = [src.repo, src.path].filter((x) => typeof x === 'string').join(' ');
  const commit = typeof src.commit === 'string' ? ` @${src.commit.slice(0, 7)}` : '';
  const n = normalise(strings(json.addressPrefixes));
  return {
    source: `service tag ${String(json.tag ?? '')} (changeNumber ${String(json.changeNumber ?? '?')}) from ${where}${commit}`,
    prefixes: { v4: n.v4, v6: n.v6 },
  };
}

const FRONT_DOOR_TAG = join(dirname(fileURLToPath(import.meta.url)), 'data', 'azure-front-door.json');

function readDatasets(dir: string): OfflineInput {
  const read = (...parts: string[]): string => readFileSync(join(dir, ...parts), 'utf8');
  const optional = (...parts: string[]): string => (existsSync(join(dir, ...parts)) ? read(...parts) : '');
  const cc = describeDataset(read('cdncheck', 'README.md'), optional('cdncheck', 'LICENSE.md'));
  const ccList = parseCdncheck(JSON.parse(read('cdncheck', 'sources_data.json')));
  const ir = describeDataset(read('ipranges', 'README.md'), optional('ipranges', 'LICENSE'));
  return {
    frontDoor: readServiceTag(JSON.parse(readFileSync(FRONT_DOOR_TAG, 'utf8'))),
    cdncheck: {
      name: `projectdiscovery/cdncheck sources_data.json${cc.commit ? ` @${cc.commit}` : ''}`,
      date: cc.date,
      licence: cc.licence,
      list: (key) => normalise(ccList(key)),
    },
    ipranges: {
      name: `antonme/ipranges${ir.commit ? ` @${ir.commit}` : ''}`,
      date: ir.date,
      licence: ir.licence,
      list: (key) =>
        normalise([
          ...parseTextList(optional('ipranges', key, 'ipv4_merged.txt')),
          ...parseTextList(optional('ipranges', key, 'ipv6_merged.txt')),
        ]),
    },
  };
}

/** A service tag's prefixes as transcribed from Microsoft's ServiceTags_Public JSON, and where from. */
export interface ServiceTag {
  readonly source: string;
  readonly prefixes: Prefixes;
}

/** What the offline build reads: the two datasets and Front Door's service tag. */
export interface OfflineInput {
  readonly cdncheck: Dataset;
  readonly ipranges: Dataset;
  readonly frontDoor: ServiceTag;
}

/** A set the offline build makes, and the words that say where it comes from. */
interface OfflineSet {
  readonly set: string;
  readonly build: (d: OfflineInput) => Prefixes;
  /** Which dataset(s) the prefixes come from, and how. */
  readonly from: (d: OfflineInput) => { source: string; datasets: Dataset[] };
}

/**
 * CloudFront's IPv6 block: service CLOUDFRONT of ip-ranges.json, region GLOBAL. The datasets at
 * hand carry no CloudFront IPv6 (cdncheck's list is IPv4 only; antonme/ipranges mixes every AWS
 * service), so it is written here from AWS's file as other projects' test samples quote it.
 */
const CLOUDFRONT_V6: Prefixes = { v4: [], v6: ['2600:9000::/28'] };

/** GitHub Pages' addresses (github/pages-health-check `domain.rb`, the apex A / AAAA records). */
const GITHUB_PAGES: Prefixes = {
  v4: ['185.199.108.153/32', '185.199.109.153/32', '185.199.110.153/32', '185.199.111.153/32'],
  v6: [
    '2606:50c0:8000::153/128',
    '2606:50c0:8001::153/128',
    '2606:50c0:8002::153/128',
    '2606:50c0:8003::153/128',
  ],
};

/** The blocks of `a` wholly inside `b`'s addresses. */
export function within(a: Prefixes, b: Prefixes): Prefixes {
  const out = outside(a, b);
  const dropped = (list: readonly string[], kept: readonly string[]) => list.filter((t) => !kept.includes(t));
  return { v4: dropped(a.v4, out.v4), v6: dropped(a.v6, out.v6) };
}

/**
 * Linode's set out of Linode's own list and Akamai's registry list: Linode's blocks, and the Akamai
 * blocks they fill at least half of; not the Linode blocks inside an Akamai IPv4 block they fill
 * less than a quarter of. IPv4 only for that last cut: IPv6 blocks are sparsely used, so a share
 * says nothing there (Linode's 2600:3c00::/24 is all Linode's).
 */
export function linodeOf(own: Prefixes, akamai: Prefixes): Prefixes {
  const linodeShare = holding(akamai, own, 0.25);
  const edge: Prefixes = { v4: akamai.v4.filter((b) => !linodeShare.v4.includes(b)), v6: [] };
  const { v4, v6 } = union(outside(own, edge), holding(akamai, own));
  return { v4, v6 };
}

function ipranges(set: string, key: string, how = ''): OfflineSet {
  return {
    set,
    build: (d) => d.ipranges.list(key),
    from: (d) => ({
      source: `${d.ipranges.name} ${key}/ipv4_merged.txt + ipv6_merged.txt${how}`,
      datasets: [d.ipranges],
    }),
  };
}

function cdncheck(set: string, key: string): OfflineSet {
  return {
    set,
    build: (d) => d.cdncheck.list(key),
    from: (d) => ({ source: `${d.cdncheck.name} ${key}`, datasets: [d.cdncheck] }),
  };
}

/**
 * The offline snapshot, set by set, in order of precedence: an address belongs to the first set
 * that lists it, so every later set is built without the addresses of the sets before it
 * (CloudFront's out of AWS, Google Cloud's out of Google's, GitHub Pages' out of GitHub's…). Edge
 * networks with official lists come first: the registry- and route-derived lists of Google and
 * Backblaze hold single addresses inside Cloudflare's and CloudFront's ranges, which must not win.
 * Bunny (single addresses from its API) is not in the datasets. The Azure list names no service
 * tags: Azure Front Door's are the AzureFrontDoor.Frontend tag (scripts/data/azure-front-door.json),
 * kept where the dated Azure data still holds them, and come before the rest of Azure.
 */
const OFFLINE: readonly OfflineSet[] = [
  // Edge networks with official lists.
  ipranges('cloudflare', 'cloudflare'),
  ipranges('fastly', 'fastly'),
  {
    set: 'cloudfront',
    build: (d) => union(d.cdncheck.list('cdn.cloudfront'), CLOUDFRONT_V6),
    from: (d) => ({
      source: `${d.cdncheck.name} cdn.cloudfront (CloudFront's list-cloudfront-ips) + 2600:9000::/28 (ip-ranges.json service CLOUDFRONT)`,
      datasets: [d.cdncheck],
    }),
  },
  {
    set: 'azure-fd',
    build: (d) => within(d.frontDoor.prefixes, d.cdncheck.list('cloud.azure')),
    from: (d) => ({
      source: `${d.frontDoor.source}, the prefixes that ${d.cdncheck.name} cloud.azure (Azure's service tags) still holds`,
      datasets: [d.cdncheck],
    }),
  },
  cdncheck('imperva', 'waf.incapsula'),
  cdncheck('gcore', 'cdn.gcore'),
  ipranges('cachefly', 'cachefly'),
  ipranges('qrator', 'qrator'),
  cdncheck('arvancloud', 'cdn.arvancloud'),
  cdncheck('gocache', 'cdn.gocache'),
  cdncheck('cdnetworks', 'cdn.cdnetworks'),
  cdncheck('baidu', 'cdn.百度云加速'),
  cdncheck('tencent', 'cdn.腾讯云'),
  // Platforms with their own addresses.
  ipranges('vercel', 'vercel'),
  {
    set: 'github-pages',
    build: () => normalise([...GITHUB_PAGES.v4, ...GITHUB_PAGES.v6]),
    from: (d) => ({
      source: "github/pages-health-check domain.rb (GitHub Pages' apex addresses)",
      datasets: [d.ipranges],
    }),
  },
  // Akamai's registry entries also hold Linode's networks: those mostly filled by Linode's own
  // blocks go to Linode. The other way round, Linode's list holds a few blocks carved out of
  // Akamai's edge networks (104.64.0.0/16 inside 104.64.0.0/10): real captures show those
  // addresses as Akamai's edge (pagexray's expressen.se HAR of 2018: 104.64.74.82,
  // a104-64-74-82.deploy.static.akamaitechnologies.com), so they stay Akamai's.
  {
    set: 'linode',
    build: (d) => linodeOf(d.ipranges.list('linode'), d.ipranges.list('akamai')),
    from: (d) => ({
      source: `${d.ipranges.name} linode/, plus the akamai/ blocks Linode's blocks fill at least half of (Akamai's registry entries for Linode networks), without the Linode blocks inside an Akamai IPv4 block they fill less than a quarter of (Akamai's edge)`,
      datasets: [d.ipranges],
    }),
  },
  ipranges('akamai', 'akamai', " (ARIN organisation AKAMAI, AS12222, AS16625), without Linode's blocks"),
  // Clouds.
  ipranges('aws', 'amazon', ' (ip-ranges.json, every service), without CloudFront'),
  ipranges('gcp', 'googlecloud', " (cloud.json: Google Cloud customers' addresses)"),
  ipranges(
    'google',
    'google',
    " (goog.json and Google's netblocks), without Google Cloud's customer ranges: Google's front end",
  ),
  ipranges('azure', 'azure', " (Azure service tags, all tags), without Front Door's"),
  // GitHub's own networks; its services on Azure addresses stay Azure's.
  ipranges('github', 'github', " (without GitHub Pages' and Azure's addresses)"),
  ipranges('oracle', 'oracle'),
  // Hosts, then what is left.
  ipranges('digitalocean', 'digitalocean'),
  ipranges('hetzner', 'hetzner'),
  ipranges('ovh', 'ovh'),
  ipranges('alibaba', 'alibaba'),
  ipranges('backblaze', 'backblaze'),
  ipranges('edgecast', 'edgecast', ' (route objects of AS14153; Edgecast is wound down)'),
  none(
    'bunny',
    'Bunny publishes single edge addresses through its API (online mode); the datasets do not hold them',
  ),
];

/** A set the datasets cannot fill: kept empty, with the reason as its source. */
function none(set: string, why: string): OfflineSet {
  return { set, build: () => ({ v4: [], v6: [] }), from: () => ({ source: `none: ${why}`, datasets: [] }) };
}

/** Builds every offline set from the datasets: prefixes and where they come from. */
export function buildOffline(d: OfflineInput): {
  sets: Record<string, IpRangeSet>;
  sources: Record<string, IpRangeSource>;
} {
  const done = new Map<string, Prefixes>();
  const sources: Record<string, IpRangeSource> = {};
  let taken: Prefixes = { v4: [], v6: [] };
  for (const spec of OFFLINE) {
    const p = outside(spec.build(d), taken);
    done.set(spec.set, p);
    taken = union(taken, p);
    const { source, datasets } = spec.from(d);
    sources[spec.set] = {
      source,
      date: datasets.map((x) => x.date).sort()[0] ?? '',
      licence: [...new Set(datasets.map((x) => x.licence))].join(', '),
    };
  }
  return { sets: Object.fromEntries([...done].map(([k, v]) => [k, { v4: v.v4, v6: v.v6 }])), sources };
}

// ---------------------------------------------------------------------------------------------
// Online: the providers' official lists

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

function count(set: IpRangeSet | undefined): number {
  return (set?.v4?.length ?? 0) + (set?.v6?.length ?? 0);
}

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * Online: each official list replaces its sets; a failed or shrunken list keeps the previous
 * prefixes and source. Sets with no official list (Akamai, Azure, the hosts) keep theirs.
 */
async function online(
  previous: IpRangesData,
  force: boolean,
): Promise<{
  sets: Record<string, IpRangeSet>;
  sources: Record<string, IpRangeSource>;
  failures: string[];
  fetched: number;
}> {
  const sets: Record<string, IpRangeSet> = { ...previous.sets };
  const sources: Record<string, IpRangeSource> = { ...previous.sources };
  const failures: string[] = [];
  const results = await Promise.allSettled(SOURCES.map((s) => s.fetch()));
  let fetched = 0;
  SOURCES.forEach((source, k) => {
    const result = results[k]!;
    for (const set of source.sets) {
      const old = previous.sets[set] ?? { v4: [], v6: [] };
      if (result.status === 'rejected') {
        failures.push(
          `${set}: ${String(result.reason).split('\n')[0]} (kept ${count(old)} previous prefixes)`,
        );
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
        continue;
      }
      sets[set] = fresh;
      sources[set] = { source: source.url, date: today(), licence: "the provider's terms" };
      fetched++;
    }
  });
  // CloudFront's prefixes are listed under AWS too, Google Cloud's under Google: the wider set does
  // not keep them.
  if (sets.aws && sets.cloudfront) sets.aws = outside(prefixesOf(sets.aws), prefixesOf(sets.cloudfront));
  if (sets.google && sets.gcp) sets.google = outside(prefixesOf(sets.google), prefixesOf(sets.gcp));
  return { sets, sources, failures, fetched };
}

const prefixesOf = (s: IpRangeSet): Prefixes => ({ v4: [...(s.v4 ?? [])], v6: [...(s.v6 ?? [])] });

/** Sets whose blocks hold another set's blocks (the inner, more specific ones win), for the output. */
function nesting(sets: Readonly<Record<string, IpRangeSet>>): string[] {
  const blocks = (s: IpRangeSet) =>
    [...(s.v4 ?? []), ...(s.v6 ?? [])].map((t) => parseCidr(t)).filter((c) => c !== undefined);
  const out: string[] = [];
  for (const [outer, o] of Object.entries(sets)) {
    for (const [inner, i] of Object.entries(sets)) {
      if (inner === outer) continue;
      const held = blocks(i);
      const n = blocks(o).filter((b) =>
        held.some((h) => h.family === b.family && h.start >= b.start && h.end <= b.end),
      ).length;
      if (n > 0) out.push(`${outer}: ${n} blocks hold ${inner} blocks (${inner} wins those addresses)`);
    }
  }
  return out;
}

/** The two files of a snapshot. */
export function snapshotFiles(data: IpRangesData): {
  readable: string;
  packed: string;
  invalid: readonly string[];
} {
  const { packed, invalid } = packIpRanges(data);
  return { readable: `${JSON.stringify(data, null, 2)}\n`, packed: `${JSON.stringify(packed)}\n`, invalid };
}

async function main(argv: readonly string[]): Promise<number> {
  const force = argv.includes('--force');
  const option = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const offlineDir = option('--offline');
  if (argv.includes('--offline') && !offlineDir) throw new Error('--offline needs a directory');
  const outDir = option('--out') ?? DATA;
  const previous = JSON.parse(readFileSync(join(DATA, READABLE), 'utf8')) as IpRangesData;

  let sets: Record<string, IpRangeSet>;
  let sources: Record<string, IpRangeSource>;
  let failures: string[] = [];
  let note: string;
  if (offlineDir) {
    const built = buildOffline(readDatasets(offlineDir));
    sets = built.sets;
    sources = built.sources;
    note = `Built by \`npm run update-ranges -- --offline\` from the dated datasets named in "sources" (no network). Bunny publishes single addresses through an API that is not in the datasets: it is recognised by its headers and hostnames (or by an online build). Azure Front Door's addresses are its service tag's (scripts/data/azure-front-door.json), where Azure's dated data still holds them.`;
    for (const [set, old] of Object.entries(previous.sets)) {
      if (sets[set] || count(old) === 0) continue;
      sets[set] = old; // a set only the online build knows keeps its prefixes
      if (previous.sources?.[set]) sources[set] = previous.sources[set];
    }
  } else {
    const result = await online(previous, force);
    if (result.fetched === 0) {
      for (const f of result.failures) process.stderr.write(`update-ranges: ${f}\n`);
      process.stderr.write('update-ranges: every source failed; nothing written\n');
      return 1;
    }
    ({ sets, sources, failures } = result);
    note =
      'Built by `npm run update-ranges` from the official lists in "sources"; sets with no official list, or whose list failed, keep their previous prefixes (see the run output).';
  }

  // The snapshot is as old as its oldest data: what the options' About and the reports show.
  const dates = Object.entries(sets)
    .filter(([, r]) => count(r) > 0)
    .map(([set]) => sources[set]?.date ?? '')
    .filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
    .sort();
  const data: IpRangesData = { generated: dates[0] ?? today(), note, sources, sets };
  const files = snapshotFiles(data);
  if (files.invalid.length > 0) throw new Error(`invalid prefixes: ${files.invalid.slice(0, 5).join(', ')}`);
  writeFileSync(join(outDir, READABLE), files.readable);
  writeFileSync(join(outDir, PACKED), files.packed);

  for (const [set, r] of Object.entries(sets)) {
    process.stdout.write(
      `${set.padEnd(14)} ${String(r.v4?.length ?? 0).padStart(6)} v4 ${String(r.v6?.length ?? 0).padStart(6)} v6  ${sources[set]?.date ?? ''}\n`,
    );
  }
  for (const o of nesting(sets)) process.stdout.write(`${o}\n`);
  const kib = (t: string): string => `${(t.length / 1024).toFixed(0)} KiB`;
  process.stdout.write(
    `wrote ${join(outDir, READABLE)} (${kib(files.readable)}) and ${join(outDir, PACKED)} (${kib(files.packed)})\n`,
  );
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
