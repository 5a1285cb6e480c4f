/**
 * Steady-state cost of live-status polling: 10 providers in use, nothing changes, one simulated
 * hour, the real scheduler and checker (src/core/status/schedule.ts, poller.ts) over recorded
 * payloads. Counted twice: with servers that honour ETag/If-None-Match (304, no body) and with
 * servers that ignore validators (full body every time).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FeedSource, STATUS_SOURCES } from '../src/core/catalog/index.ts';
import { endpointsOf } from '../src/core/status/feeds.ts';
import type { ProviderStatus } from '../src/core/status/model.ts';
import { checkProvider, type Fetcher } from '../src/core/status/poller.ts';
import { dueNow, type FeedState, newFeedState } from '../src/core/status/schedule.ts';

const FIX = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'core', 'status', '__fixtures__');
const read = (path: string): Uint8Array => new Uint8Array(readFileSync(join(FIX, path)));

/** Approximate HTTP overhead per exchange (request + response headers), for the "on the wire" line. */
const HEADER_BYTES = 600;
const HOUR = 60 * 60_000;
/** The alarm fires every minute; due providers are checked then. */
const TICK = 60_000;

export const PROVIDERS = [
  'cloudflare',
  'fastly',
  'akamai',
  'github-pages',
  'vercel',
  'netlify',
  'shopify',
  'sentry',
  // A Google Cloud feed (Google Fonts has no public status).
  'recaptcha',
  'cloudfront',
] as const;

function payloadsFor(source: FeedSource): Map<string, Uint8Array> {
  const e = endpointsOf(source);
  const out = new Map<string, Uint8Array>();
  switch (source.kind) {
    case 'statuspage': {
      const summary = read('statuspage/anthropic-operational.json');
      const parsed = JSON.parse(new TextDecoder().decode(summary)) as { page: unknown; status: unknown };
      // status.json is the summary's `page` and `status` only (≈250 bytes).
      out.set(
        e.cheap!,
        new TextEncoder().encode(JSON.stringify({ page: parsed.page, status: parsed.status })),
      );
      out.set(e.detail, summary);
      break;
    }
    case 'rss':
      out.set(e.detail, read('rss/azure-quiet.rss'));
      break;
    case 'gcp':
      out.set(e.detail, read('gcp/incidents.json'));
      break;
    case 'aws':
      out.set(e.detail, new TextEncoder().encode('[]'));
      break;
    default:
      throw new Error(`no recorded payload for ${source.kind}`);
  }
  return out;
}

export interface PollingCost {
  providers: number;
  kinds: Record<string, number>;
  etag: { requests: number; bodyBytes: number; wireBytes: number };
  noEtag: { requests: number; bodyBytes: number; wireBytes: number };
}

async function simulate(honourEtag: boolean): Promise<{ requests: number; bodyBytes: number }> {
  const sources = PROVIDERS.map((id) => {
    const s = STATUS_SOURCES[id];
    if (!s) throw new Error(`no status source for ${id}`);
    return [id, s] as const;
  });
  const payloads = new Map<string, Uint8Array>();
  for (const [, s] of sources) for (const [url, body] of payloadsFor(s)) payloads.set(url, body);

  let counting = false;
  let requests = 0;
  let bodyBytes = 0;
  const fetcher: Fetcher = async (request) => {
    const body = payloads.get(request.url);
    if (!body) return { ok: false, reason: 'unreachable', detail: request.url };
    const etag = `"${body.length}"`;
    if (counting) requests++;
    if (honourEtag && request.headers['if-none-match'] === etag) return { ok: true, status: 304, etag };
    if (counting) bodyBytes += body.length;
    return { ok: true, status: 200, bytes: body, etag };
  };

  const statuses = new Map<string, ProviderStatus>();
  const feeds = new Map<string, FeedState>();
  const ids = sources.map(([id]) => id);
  for (const id of ids) feeds.set(id, newFeedState(id, 0));
  let random = 0.5;
  const nextRandom = (): number => {
    random = (random * 9301 + 49297) % 233280;
    return random / 233280;
  };
  // Warm-up hour (first checks fetch everything), then one counted hour.
  for (let now = 0; now < 2 * HOUR; now += TICK) {
    counting = now >= HOUR;
    for (const id of dueNow(feeds, ids, now)) {
      const source = STATUS_SOURCES[id]!;
      const out = await checkProvider(source, statuses.get(id), feeds.get(id)!, fetcher, {
        now,
        random: nextRandom(),
      });
      statuses.set(id, out.status);
      feeds.set(id, out.feed);
    }
  }
  return { requests, bodyBytes };
}

export async function pollingCost(): Promise<PollingCost> {
  const kinds: Record<string, number> = {};
  for (const id of PROVIDERS) {
    const k = STATUS_SOURCES[id]!.kind;
    kinds[k] = (kinds[k] ?? 0) + 1;
  }
  const a = await simulate(true);
  const b = await simulate(false);
  return {
    providers: PROVIDERS.length,
    kinds,
    etag: { ...a, wireBytes: a.bodyBytes + a.requests * HEADER_BYTES },
    noEtag: { ...b, wireBytes: b.bodyBytes + b.requests * HEADER_BYTES },
  };
}
