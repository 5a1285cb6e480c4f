/**
 * The benchmark's heavy page, served by a bench-only HTTPS server (the e2e lab stays as it is):
 * one document and 300 subresources over 150 hosts, as a news site with its ad, analytics and
 * widget third parties fetches, each response with 15–25 realistic headers (the CDN headers of
 * e2e/lab/edges.ts, plus the caching, security and timing headers real servers send).
 *
 * The host list is fixed, not derived from the catalog, so that a change of the catalog does not
 * change the page: 20 first-party hosts behind Cloudflare, 50 real third-party hostnames (fonts,
 * tags, payments, widgets…) each with its usual CDN, 40 hosts of other companies on Fastly,
 * CloudFront or Akamai, 40 plain origins (nginx, Apache, envoy…) that name no provider.
 * Every answer is `no-store`, so every load fetches (and the extension sees) all 301 responses.
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { labCertificate } from '../../e2e/lab/cert.ts';
import {
  akamai,
  cloudflare,
  cloudfront,
  type EdgeProfile,
  fastly,
  type HeaderSet,
} from '../../e2e/lab/edges.ts';
import { HOSTNAMES, LAB_DIR } from '../../e2e/lab/index.ts';
import { prng } from '../prng.ts';

export const HEAVY_HOST = 'www.harbor-times.com';
export const HEAVY_PATH = '/';
/** Subresources of the heavy page, and the hosts they come from (the document's included). */
export const HEAVY_SUBRESOURCES = 300;
export const HEAVY_HOSTS = 150;

const THIRD_PARTIES: readonly [string, EdgeProfile][] = [
  ['fonts.googleapis.com', google()],
  ['fonts.gstatic.com', google()],
  ['www.googletagmanager.com', google()],
  ['www.google-analytics.com', google()],
  ['maps.googleapis.com', google()],
  ['www.gstatic.com', google()],
  ['i.ytimg.com', google()],
  ['securepubads.g.doubleclick.net', google()],
  ['pagead2.googlesyndication.com', google()],
  ['www.recaptcha.net', google()],
  ['ajax.googleapis.com', google()],
  ['js.stripe.com', plain('nginx')],
  ['m.stripe.network', plain('nginx')],
  ['cdn.jsdelivr.net', fastly(['cache-fra-etou8220087-FRA'])],
  ['cdnjs.cloudflare.com', cloudflare('CDG')],
  ['unpkg.com', cloudflare('CDG')],
  ['challenges.cloudflare.com', cloudflare('CDG')],
  ['static.cloudflareinsights.com', cloudflare('CDG')],
  ['static.hotjar.com', cloudfront('CDG50-P2')],
  ['script.hotjar.com', cloudfront('CDG50-P2')],
  ['connect.facebook.net', plain('proxygen-bolt')],
  ['www.facebook.com', plain('proxygen-bolt')],
  ['browser.sentry-cdn.com', fastly(['cache-par-lfpg1960033-PAR'])],
  ['o450000.ingest.sentry.io', plain('nginx')],
  ['js.hs-scripts.com', cloudflare('CDG')],
  ['js.hs-analytics.net', cloudflare('CDG')],
  ['cdn.segment.com', cloudfront('FRA56-P5')],
  ['api.segment.io', cloudfront('FRA56-P5')],
  ['widget.intercom.io', cloudfront('CDG50-P2')],
  ['js.intercomcdn.com', cloudfront('CDG50-P2')],
  ['player.vimeo.com', fastly(['cache-par-lfpg1960021-PAR'])],
  ['i.vimeocdn.com', fastly(['cache-par-lfpg1960021-PAR'])],
  ['cdn.shopify.com', cloudflare('CDG')],
  ['cdn.cookielaw.org', akamai()],
  ['geolocation.onetrust.com', akamai()],
  ['static.zdassets.com', cloudflare('CDG')],
  ['js.driftt.com', cloudfront('CDG50-P2')],
  ['cdn.optimizely.com', akamai()],
  ['snap.licdn.com', akamai()],
  ['platform.twitter.com', plain('tsa_b')],
  ['static.ads-twitter.com', plain('tsa_b')],
  ['s.pinimg.com', akamai()],
  ['cdn.amplitude.com', cloudfront('FRA56-P5')],
  ['js.braintreegateway.com', cloudfront('FRA56-P5')],
  ['www.paypalobjects.com', akamai()],
  ['cdn.auth0.com', cloudfront('CDG50-P2')],
  ['static.klaviyo.com', cloudflare('CDG')],
  ['cdn.mxpnl.com', plain('nginx')],
  ['rum.browser-intake-datadoghq.com', plain('envoy')],
  ['www.datadoghq-browser-agent.com', cloudfront('FRA56-P5')],
];

const BRANDS = [
  'adnexus',
  'clickwave',
  'metricly',
  'pixelhub',
  'trackside',
  'bidstream',
  'audienz',
  'engagio',
  'widgetry',
  'feedloop',
];
const SERVERS = [
  'nginx',
  'nginx/1.25.4',
  'Apache/2.4.62 (Debian)',
  'envoy',
  'openresty',
  'Caddy',
  'gunicorn',
];

function google(): EdgeProfile {
  return () => ({ server: 'ESF', 'x-xss-protection': '0' });
}

function plain(server: string): EdgeProfile {
  return () => ({ server });
}

interface HeavyHost {
  readonly host: string;
  readonly edge: EdgeProfile;
  /** Extra headers of this host (so a response carries 15–25 headers in all). */
  readonly extra: HeaderSet;
}

const OPTIONAL: readonly [string, string][] = [
  ['x-frame-options', 'SAMEORIGIN'],
  ['referrer-policy', 'strict-origin-when-cross-origin'],
  ['permissions-policy', 'interest-cohort=()'],
  ['cross-origin-resource-policy', 'cross-origin'],
  ['server-timing', 'cdn-cache;desc=HIT, edge;dur=1'],
  ['nel', '{"success_fraction":0,"report_to":"default","max_age":604800}'],
  ['report-to', '{"group":"default","max_age":604800,"endpoints":[{"url":"https://reports.example/r"}]}'],
  ['x-request-id', ''],
  ['expires', 'Thu, 01 Jan 1970 00:00:01 GMT'],
  ['pragma', 'no-cache'],
  ['x-powered-by', 'Express'],
  [
    'content-security-policy',
    "default-src 'self'; img-src * data:; script-src 'self' 'unsafe-inline' https:",
  ],
];

function heavyHosts(): HeavyHost[] {
  const rand = prng(18_2026);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const extra = (): HeaderSet => {
    const out: HeaderSet = {};
    // 2–6 optional headers on top of the edge's (1–6), the 10 common ones and Node's `date`,
    // `connection` and `keep-alive`: 16–25 headers a response.
    const n = 2 + Math.floor(rand() * 5);
    const shuffled = [...OPTIONAL].sort(() => rand() - 0.5);
    for (const [k, v] of shuffled.slice(0, n)) out[k] = v;
    return out;
  };
  const hosts: HeavyHost[] = [];
  const firstParty = ['www', 'static', 'img', 'images', 'cdn', 'assets', 'media', 'api', 'video', 'live'];
  for (let i = 0; i < 20; i++) {
    const sub = i < firstParty.length ? firstParty[i] : `${pick(firstParty)}${i}`;
    hosts.push({ host: `${sub}.harbor-times.com`, edge: cloudflare('CDG'), extra: extra() });
  }
  for (const [host, edge] of THIRD_PARTIES) hosts.push({ host, edge, extra: extra() });
  const cdns: EdgeProfile[] = [
    fastly(['cache-fra-etou8220087-FRA']),
    cloudfront('CDG50-P2'),
    akamai(),
    fastly(['cache-iad-kiad7000025-IAD', 'cache-lhr-egll1980047-LHR']),
    cloudfront('FRA56-P5'),
  ];
  for (let i = 0; i < 40; i++)
    hosts.push({
      host: `cdn${i}.${BRANDS[i % BRANDS.length]}.com`,
      edge: cdns[i % cdns.length]!,
      extra: extra(),
    });
  for (let i = 0; i < 40; i++)
    hosts.push({
      host: `s${i}.${BRANDS[i % BRANDS.length]}-media.net`,
      edge: plain(pick(SERVERS)),
      extra: extra(),
    });
  return hosts;
}

export const HEAVY_HOST_LIST: readonly HeavyHost[] = heavyHosts();

type Kind = 'img' | 'script' | 'css';

interface Sub {
  readonly url: string;
  readonly kind: Kind;
}

function subresources(): Sub[] {
  const subs: Sub[] = [];
  const kinds: Kind[] = ['img', 'img', 'img', 'script', 'css'];
  let k = 0;
  for (const h of HEAVY_HOST_LIST) {
    for (let j = 0; j < HEAVY_SUBRESOURCES / HEAVY_HOSTS; j++) {
      const kind = kinds[k++ % kinds.length]!;
      const ext = kind === 'img' ? 'svg' : kind === 'script' ? 'js' : 'css';
      subs.push({ url: `https://${h.host}/r/${j}.${ext}`, kind });
    }
  }
  return subs;
}

function document(): string {
  const subs = subresources();
  const css = subs.filter((s) => s.kind === 'css').map((s) => `<link rel="stylesheet" href="${s.url}">`);
  const scripts = subs
    .filter((s) => s.kind === 'script')
    .map((s) => `<script async src="${s.url}"></script>`);
  const imgs = subs
    .filter((s) => s.kind === 'img')
    .map((s) => `<img src="${s.url}" width="48" height="30" alt="">`);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>Harbor Times — the news</title>
${css.join('\n')}
${scripts.join('\n')}
</head><body><h1>Harbor Times</h1>
${imgs.join('\n')}
</body></html>
`;
}

const BODIES: Record<Kind | 'doc', [string, string]> = {
  doc: ['text/html; charset=utf-8', ''],
  img: [
    'image/svg+xml',
    '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="30"><rect width="48" height="30" fill="#888"/></svg>\n',
  ],
  script: ['text/javascript; charset=utf-8', 'window.__loaded = (window.__loaded || 0) + 1;\n'],
  css: ['text/css; charset=utf-8', '.x{color:#333}\n'],
};

let counter = 0;

function headersFor(def: HeavyHost, contentType: string, length: number): HeaderSet {
  const id = (++counter).toString(16).padStart(12, '0');
  const extra = { ...def.extra };
  if ('x-request-id' in extra) extra['x-request-id'] = `req-${id}`;
  return {
    ...def.edge(),
    'content-type': contentType,
    'content-length': String(length),
    'cache-control': 'no-store, max-age=0',
    etag: `"${id}"`,
    'last-modified': 'Mon, 30 Nov 2026 08:00:00 GMT',
    vary: 'Accept-Encoding',
    'access-control-allow-origin': '*',
    'timing-allow-origin': '*',
    'strict-transport-security': 'max-age=31536000; includeSubDomains',
    'x-content-type-options': 'nosniff',
    ...extra,
  };
}

export interface HeavyServer {
  readonly port: number;
  readonly url: string;
  /** The hostnames it answers (for the browser's resolver rules). */
  readonly hostnames: readonly string[];
  /** Responses served so far. */
  served(): number;
  stop(): Promise<void>;
}

/** Chromium's resolver rules: the heavy page's hosts to this server, every other name to the lab. */
export function resolverRules(heavy: HeavyServer, labPort: number): string {
  return [
    ...heavy.hostnames.map((h) => `MAP ${h} 127.0.0.1:${heavy.port}`),
    `MAP * 127.0.0.1:${labPort}`,
  ].join(',');
}

export async function startHeavyServer(): Promise<HeavyServer> {
  const { key, cert } = labCertificate(LAB_DIR, HOSTNAMES);
  const byHost = new Map(HEAVY_HOST_LIST.map((h) => [h.host, h]));
  const page = document();
  let served = 0;
  const server: Server = createServer({ key, cert }, (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const def = byHost.get(host);
    const path = new URL(request.url ?? '/', 'https://x.invalid').pathname;
    if (!def) {
      response.writeHead(404).end();
      return;
    }
    served++;
    let kind: Kind | 'doc' | undefined;
    if (host === HEAVY_HOST && path === HEAVY_PATH) kind = 'doc';
    else if (path.endsWith('.svg')) kind = 'img';
    else if (path.endsWith('.js')) kind = 'script';
    else if (path.endsWith('.css')) kind = 'css';
    if (!kind) {
      response.writeHead(404, headersFor(def, 'text/plain', 0)).end();
      return;
    }
    const [type, fixed] = BODIES[kind];
    const body = kind === 'doc' ? page : fixed;
    response.writeHead(200, headersFor(def, type, Buffer.byteLength(body)));
    response.end(body);
  });
  server.on('tlsClientError', () => {});
  server.on('clientError', (_e, socket) => socket.destroy());
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `https://${HEAVY_HOST}${HEAVY_PATH}`,
    hostnames: HEAVY_HOST_LIST.map((h) => h.host),
    served: () => served,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
