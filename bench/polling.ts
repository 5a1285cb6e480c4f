/**
 * Cost of live-status polling, with the real scheduler, budget and checker
 * (src/core/status/schedule.ts, poller.ts) over recorded payloads; nothing changes.
 * - Steady state: 10 providers in use, one simulated hour after a warm-up hour, counted twice:
 *   with servers that honour ETag/If-None-Match (304, no body) and with servers that ignore
 *   validators (full body every time).
 * - The polling budget: one visit to a page bearing every catalog feed's signature, then the
 *   24 hours of polling it starts (tab closed), with the budget and without it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FeedSource, STATUS_SOURCES } from '../src/core/catalog/index.ts';
import { endpointsOf } from '../src/core/status/feeds.ts';
import type { ProviderStatus } from '../src/core/status/model.ts';
import { checkProvider, type Fetcher } from '../src/core/status/poller.ts';
import {
  dueNow,
  type FeedState,
  NO_BUDGET,
  newFeedState,
  POLL_BUDGET,
  type PollBudget,
  pollPlan,
  SEEN_WINDOW_MS,
} from '../src/core/status/schedule.ts';

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
    case 'heroku':
      out.set(e.detail, read('heroku/current-status.json'));
      break;
    case 'instatus':
      out.set(e.detail, read('instatus/perplexity-summary.json'));
      break;
    case 'incidentio':
      out.set(e.detail, read('incidentio/summary.json'));
      break;
    case 'statusio':
      out.set(e.detail, read('statusio/gitlab-status.json'));
      break;
    case 'stripe':
      out.set(e.detail, read('stripe/current-ok.json'));
      break;
    case 'paypal':
      out.set(e.detail, read('paypal/components.json'));
      break;
  }
  return out;
}

export interface Traffic {
  requests: number;
  bodyBytes: number;
  wireBytes: number;
}

export interface PollingCost {
  providers: number;
  kinds: Record<string, number>;
  etag: Traffic;
  noEtag: Traffic;
  /** One visit to a page with every catalog feed, then 24 h of polling (servers honour ETag). */
  budget: {
    feeds: number;
    budget: PollBudget;
    with: Traffic;
    without: Traffic;
  };
}

/** One feed per distinct source (CloudFront and S3 share AWS's), keyed as the worker keys them. */
function feedsOf(ids: readonly string[]): Map<string, FeedSource> {
  const out = new Map<string, FeedSource>();
  for (const id of ids) {
    const s = STATUS_SOURCES[id];
    if (!s) throw new Error(`no status source for ${id}`);
    out.set(`${s.kind} ${s.api ?? s.url}`, s);
  }
  return out;
}

interface Run {
  readonly feeds: ReadonlyMap<string, FeedSource>;
  readonly honourEtag: boolean;
  readonly budget: PollBudget;
  /** Requests from this time on are counted… */
  readonly countFrom: number;
  /** …until this one. */
  readonly until: number;
}

async function simulate(run: Run): Promise<Traffic> {
  const payloads = new Map<string, Uint8Array>();
  for (const s of run.feeds.values()) for (const [url, body] of payloadsFor(s)) payloads.set(url, body);

  let counting = false;
  let requests = 0;
  let bodyBytes = 0;
  const fetcher: Fetcher = async (request) => {
    const body = payloads.get(request.url);
    if (!body) return { ok: false, reason: 'unreachable', detail: request.url };
    const etag = `"${body.length}"`;
    if (counting) requests++;
    if (run.honourEtag && request.headers['if-none-match'] === etag) return { ok: true, status: 304, etag };
    if (counting) bodyBytes += body.length;
    return { ok: true, status: 200, bytes: body, etag };
  };

  let random = 0.5;
  const nextRandom = (): number => {
    random = (random * 9301 + 49297) % 233280;
    return random / 233280;
  };
  const statuses = new Map<string, ProviderStatus>();
  const feeds = new Map<string, FeedState>();
  // All seen on one page at t=0; the Statuspage feeds (a roll-up every 3 minutes, the costliest)
  // a moment later, so that they rank first for the budget: its worst case.
  for (const [key, source] of run.feeds) {
    feeds.set(key, newFeedState(key, source.kind === 'statuspage' ? 1 : 0));
  }
  const check = async (key: string, now: number): Promise<void> => {
    const out = await checkProvider(run.feeds.get(key)!, statuses.get(key), feeds.get(key)!, fetcher, {
      now,
      random: nextRandom(),
    });
    // A recorded payload that failed would back off and understate the cost.
    if (out.status.level === 'unknown' && out.status.reason !== 'stale') {
      throw new Error(`${key}: ${out.status.reason} ${out.status.detail ?? ''}`);
    }
    statuses.set(key, out.status);
    feeds.set(key, out.feed);
  };
  // The page is seen: every feed new to the worker is checked at once (StatusService.seen).
  counting = run.countFrom === 0;
  for (const key of run.feeds.keys()) await check(key, 0);
  // Then the alarm, every minute; the tab is closed: the feeds are polled because they were seen.
  const open = new Set<string>();
  for (let now = TICK; now < run.until; now += TICK) {
    counting = now >= run.countFrom;
    const plan = pollPlan(feeds.values(), open, now, run.budget);
    for (const key of dueNow(feeds, plan, now, run.budget)) await check(key, now);
  }
  return { requests, bodyBytes, wireBytes: bodyBytes + requests * HEADER_BYTES };
}

export async function pollingCost(): Promise<PollingCost> {
  const kinds: Record<string, number> = {};
  for (const id of PROVIDERS) {
    const k = STATUS_SOURCES[id]!.kind;
    kinds[k] = (kinds[k] ?? 0) + 1;
  }
  const ten = feedsOf(PROVIDERS);
  const steady = { feeds: ten, budget: POLL_BUDGET, countFrom: HOUR, until: 2 * HOUR };
  const all = feedsOf(Object.keys(STATUS_SOURCES));
  const day = { feeds: all, honourEtag: true, countFrom: 0, until: SEEN_WINDOW_MS };
  return {
    providers: PROVIDERS.length,
    kinds,
    etag: await simulate({ ...steady, honourEtag: true }),
    noEtag: await simulate({ ...steady, honourEtag: false }),
    budget: {
      feeds: all.size,
      budget: POLL_BUDGET,
      with: await simulate({ ...day, budget: POLL_BUDGET }),
      without: await simulate({ ...day, budget: NO_BUDGET }),
    },
  };
}
