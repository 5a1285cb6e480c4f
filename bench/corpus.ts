/**
 * The benchmark corpus: the recorded fixture cases (repeated to make a quarter of it) and
 * generated plain-origin responses, shuffled so that batches mix both. Deterministic: the same
 * corpus on every run and for every benchmark that builds it in a fresh process.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import readableRanges from '../src/core/catalog/data/ip-ranges.json' with { type: 'json' };
import {
  type HeaderLike,
  type IpRangesData,
  parseCidr,
  type ResponseInput,
} from '../src/core/detect/index.ts';
import { prng } from './prng.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = join(ROOT, 'src', 'core', 'detect', '__fixtures__');
export const CORPUS_SIZE = 12_000;

const rand = prng(20260816);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));

/** Every object with a string `url` and a `headers` list, wherever it sits in the fixture files. */
export function loadFixtureResponses(): { responses: ResponseInput[]; files: number } {
  if (!existsSync(FIXTURES)) return { responses: [], files: 0 };
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'));
  const out: ResponseInput[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x);
      return;
    }
    if (typeof v !== 'object' || v === null) return;
    const o = v as Record<string, unknown>;
    if (typeof o.url === 'string' && Array.isArray(o.headers)) {
      const headers = (o.headers as unknown[]).filter(
        (h): h is HeaderLike =>
          typeof h === 'object' && h !== null && typeof (h as HeaderLike).name === 'string',
      );
      // One object shape for every response and header, as the browser hands them over.
      out.push({
        url: o.url,
        headers: headers.map((h) => ({ name: h.name, value: h.value })),
        ip: typeof o.ip === 'string' ? o.ip : undefined,
      });
      return;
    }
    for (const x of Object.values(o)) walk(x);
  };
  for (const f of files) {
    try {
      walk(JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')));
    } catch {
      // a file being written by someone else: skip it
    }
  }
  return { responses: out, files: files.length };
}

const TLDS = ['com', 'org', 'net', 'de', 'fr', 'co.uk', 'io', 'jp', 'com.br', 'nl', 'dev', 'app'];
const WORDS = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'vandelay', 'stark', 'wayne', 'tyrell'];
const SUBS = ['www', 'cdn', 'static', 'api', 'img', 'assets', 'shop', 'app', 'media', 'auth'];
const SERVERS = [
  'nginx',
  'nginx/1.25.4',
  'Apache',
  'Apache/2.4.62 (Debian)',
  'Microsoft-IIS/10.0',
  'openresty',
  'LiteSpeed',
  'Caddy',
  'gunicorn',
  'envoy',
  'Kestrel',
];
const TYPES = [
  'text/html; charset=utf-8',
  'application/javascript',
  'text/css',
  'image/webp',
  'image/png',
  'application/json',
  'font/woff2',
  'image/svg+xml',
];

/** A plain origin's response: 15–25 typical headers, a few generic CDN-ish ones on purpose. */
function plainHeaders(): HeaderLike[] {
  const all: [string, () => string][] = [
    ['date', () => 'Sat, 16 Aug 2026 09:12:03 GMT'],
    ['content-type', () => pick(TYPES)],
    ['content-length', () => String(int(100, 900_000))],
    [
      'cache-control',
      () => pick(['public, max-age=31536000, immutable', 'no-cache', 'private, max-age=0', 'max-age=600']),
    ],
    ['etag', () => `"${int(1e6, 9e6).toString(16)}-${int(1e3, 9e3).toString(16)}"`],
    ['last-modified', () => 'Mon, 11 Aug 2026 14:00:00 GMT'],
    ['server', () => pick(SERVERS)],
    ['vary', () => pick(['Accept-Encoding', 'Origin, Accept-Encoding', 'Cookie'])],
    ['x-powered-by', () => pick(['Express', 'PHP/8.3.9', 'Next.js', 'ASP.NET'])],
    ['strict-transport-security', () => 'max-age=63072000; includeSubDomains; preload'],
    [
      'content-security-policy',
      () =>
        "default-src 'self'; script-src 'self' https://cdnjs.cloudflare.com https://www.google.com/recaptcha/; img-src * data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    ],
    ['x-frame-options', () => 'SAMEORIGIN'],
    ['x-content-type-options', () => 'nosniff'],
    ['referrer-policy', () => 'strict-origin-when-cross-origin'],
    ['permissions-policy', () => 'camera=(), microphone=(), geolocation=()'],
    ['set-cookie', () => `session=${int(1e9, 9e9).toString(36)}; Path=/; Secure; HttpOnly; SameSite=Lax`],
    ['access-control-allow-origin', () => '*'],
    ['x-request-id', () => `${int(1e9, 9e9).toString(16)}-${int(1e9, 9e9).toString(16)}`],
    ['age', () => String(int(0, 90_000))],
    ['accept-ranges', () => 'bytes'],
    ['expires', () => 'Sun, 16 Aug 2027 09:12:03 GMT'],
    ['content-encoding', () => pick(['br', 'gzip', 'zstd'])],
    ['x-xss-protection', () => '0'],
    ['alt-svc', () => 'h3=":443"; ma=86400'],
    ['x-cache', () => pick(['HIT', 'MISS', 'HIT, MISS'])],
    ['via', () => pick(['1.1 varnish', '1.1 google', '2.0 proxy'])],
    [
      'x-served-by',
      () => `cache-${pick(['fra', 'ams', 'lhr'])}${int(1000, 9999)}-${pick(['FRA', 'AMS', 'LHR'])}`,
    ],
    ['timing-allow-origin', () => '*'],
    ['cross-origin-resource-policy', () => 'cross-origin'],
    [
      'report-to',
      () =>
        '{"group":"default","max_age":10886400,"endpoints":[{"url":"https://example.report-uri.com/a/t/g"}]}',
    ],
  ];
  const n = int(15, 25);
  const chosen = [...all].sort(() => rand() - 0.5).slice(0, n);
  return chosen.map(([name, value]) => ({
    name: rand() < 0.3 ? name.replace(/\b\w/g, (c) => c.toUpperCase()) : name,
    value: value(),
  }));
}

/** Published prefixes to draw "inside a range" addresses from. */
const INSIDE = Object.values((readableRanges as IpRangesData).sets)
  .flatMap((s) => [...(s.v4 ?? []), ...(s.v6 ?? [])])
  .map((t) => parseCidr(t))
  .filter((c) => c !== undefined);

function addressIn(start: bigint, end: bigint, family: 4 | 6): string {
  const span = end - start + 1n;
  const offset = BigInt(Math.floor(rand() * Number(span > 2n ** 50n ? 2n ** 50n : span)));
  const v = start + offset;
  if (family === 4) {
    const n = Number(v);
    return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  const groups: string[] = [];
  for (let k = 7; k >= 0; k--) groups.push(((v >> BigInt(k * 16)) & 0xffffn).toString(16));
  return groups.join(':');
}

function plainIp(): string | undefined {
  const r = rand();
  if (r < 0.3 && INSIDE.length > 0) {
    const c = pick(INSIDE);
    return addressIn(c.start, c.end, c.family);
  }
  if (r < 0.85) return `${int(1, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`;
  if (r < 0.95) return `2a0${int(0, 9)}:${int(0, 0xffff).toString(16)}::${int(1, 0xffff).toString(16)}`;
  return undefined;
}

function plainResponse(): ResponseInput {
  const host = `${pick(SUBS)}.${pick(WORDS)}${int(1, 400)}.${pick(TLDS)}`;
  const path = pick([
    '/',
    '/index.html',
    '/assets/app.js',
    '/img/hero.webp',
    '/api/v1/items?page=2',
    '/fonts/inter.woff2',
  ]);
  return { url: `https://${host}${path}`, headers: plainHeaders(), ip: plainIp() };
}

export interface Corpus {
  readonly responses: readonly ResponseInput[];
  /** The recorded fixture cases (each once). */
  readonly recorded: readonly ResponseInput[];
  /** Fixture files read. */
  readonly files: number;
  /** Responses of the corpus that are recorded cases (with repeats). */
  readonly recordedShare: number;
}

/** Builds the corpus; call once per process (the generator's seed is the module's). */
export function buildCorpus(size = CORPUS_SIZE): Corpus {
  const fixtures = loadFixtureResponses();
  const corpus: ResponseInput[] = [];
  // Recorded cases first (repeated to be ~25% of the corpus), generated plain origins for the rest.
  const recordedShare =
    fixtures.responses.length > 0 ? Math.max(fixtures.responses.length, Math.floor(size / 4)) : 0;
  for (let i = 0; i < recordedShare; i++) corpus.push(fixtures.responses[i % fixtures.responses.length]!);
  while (corpus.length < size) corpus.push(plainResponse());
  // Interleave so batches mix providers and plain origins.
  for (let i = corpus.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [corpus[i], corpus[j]] = [corpus[j]!, corpus[i]!];
  }
  return { responses: corpus, recorded: fixtures.responses, files: fixtures.files, recordedShare };
}
