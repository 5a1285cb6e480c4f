import { readdirSync, readFileSync } from 'node:fs';
import type { Detection, HeaderLike, IpMatcher } from '../types.ts';

/** One recorded response and the exact set of detections it must yield. */
export interface FixtureCase {
  readonly name: string;
  readonly url: string;
  readonly headers: readonly HeaderLike[];
  readonly ip?: string;
  readonly expect: readonly { readonly id: string; readonly role: string; readonly pop?: string }[];
}

export interface FixtureFile {
  readonly file: string;
  readonly cases: readonly FixtureCase[];
}

const DIR = new URL('./', import.meta.url);

/** Every `*.json` fixture file in this folder, sorted by name. */
export function loadFixtureFiles(): FixtureFile[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, cases: loadFixture(file) }));
}

export function loadFixture(file: string): FixtureCase[] {
  const data: unknown = JSON.parse(readFileSync(new URL(file, DIR), 'utf8'));
  if (!Array.isArray(data)) throw new Error(`${file}: expected a list of cases`);
  return data as FixtureCase[];
}

/**
 * Test-only IP ranges. NOT real data for most sets: TEST-NET blocks stand in for providers whose
 * published ranges the tests should not depend on. The real matcher is built elsewhere from the
 * generated snapshot.
 */
const STUB_RANGES: readonly (readonly [string, string])[] = [
  ['104.16.0.0/13', 'cloudflare'],
  ['172.64.0.0/13', 'cloudflare'],
  ['151.101.0.0/16', 'fastly'],
  ['23.192.0.0/11', 'akamai'],
  ['13.32.0.0/15', 'cloudfront'],
  ['13.107.246.0/24', 'azure-fd'],
  ['142.250.0.0/15', 'google'],
  ['185.199.108.0/22', 'github-pages'],
  ['45.60.0.0/16', 'imperva'],
  ['54.0.0.0/8', 'aws'],
  ['34.0.0.0/9', 'gcp'],
  ['192.0.2.0/24', 'bunny'],
  ['198.51.100.0/24', 'oracle'],
  ['203.0.113.0/24', 'gocache'],
  ['100.64.0.0/24', 'arvancloud'],
  ['100.64.1.0/24', 'gcore'],
  ['100.64.2.0/24', 'azure'],
  ['100.64.3.0/24', 'linode'],
  ['100.64.4.0/24', 'alibaba'],
  ['100.64.5.0/24', 'backblaze'],
  ['100.64.6.0/24', 'digitalocean'],
  ['100.64.7.0/24', 'hetzner'],
  ['100.64.8.0/24', 'ovh'],
  ['100.64.9.0/24', 'github'],
  ['100.64.10.0/24', 'vercel'],
];

function v4(ip: string): number | undefined {
  const parts = ip.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const b = Number(p);
    if (b > 255) return undefined;
    n = n * 256 + b;
  }
  return n;
}

export const stubIpMatcher: IpMatcher = {
  match(ip: string) {
    const addr = v4(ip);
    if (addr === undefined) return undefined;
    for (const [cidr, set] of STUB_RANGES) {
      const [base, bits] = cidr.split('/');
      const start = v4(base ?? '');
      if (start === undefined) continue;
      const size = 2 ** (32 - Number(bits));
      if (addr >= start && addr < start + size) return { set, cidr };
    }
    return undefined;
  },
};

/** Detections reduced to what fixtures assert, in a stable order. */
export function summarize(detections: readonly Detection[]): { id: string; role: string; pop?: string }[] {
  return detections
    .map((d) => (d.pop ? { id: d.providerId, role: d.role, pop: d.pop } : { id: d.providerId, role: d.role }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

export function expected(c: FixtureCase): { id: string; role: string; pop?: string }[] {
  return c.expect
    .map((e) => (e.pop ? { id: e.id, role: e.role, pop: e.pop } : { id: e.id, role: e.role }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/**
 * The real-world corpus (`__fixtures__/real/`): facts transcribed from public captures (HAR files
 * of public repositories, each named with its commit), labelled host by host with the evidence.
 */
export interface RealResponse {
  readonly url: string;
  readonly status: number;
  readonly kind?: string;
  readonly ip?: string;
  /** `[name, value]` pairs in the capture's order and case. */
  readonly headers: readonly (readonly [string, string])[];
  /** Provider id → role, the labels of this response. */
  readonly expect: Readonly<Record<string, string>>;
  /** Provider id → PoP code the provider's own header names. */
  readonly pop?: Readonly<Record<string, string>>;
  /** The evidence for the labels, in words. */
  readonly why: string;
}

export interface RealPage {
  readonly file: string;
  readonly page: string;
  readonly captured: string;
  readonly tool: string;
  readonly source:
    | { readonly repo: string; readonly path: string; readonly commit: string }
    | { readonly url: string };
  readonly note?: string;
  readonly responses: readonly RealResponse[];
}

const REAL = new URL('./real/', import.meta.url);

export function loadRealCorpus(): RealPage[] {
  return readdirSync(REAL)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      ...(JSON.parse(readFileSync(new URL(file, REAL), 'utf8')) as Omit<RealPage, 'file'>),
    }));
}
