import type { FeedSource } from '../catalog/types.ts';
import { decodeBody } from './decode.ts';
import { endpointsOf, originsOf } from './feeds.ts';
import { freshStatus } from './freshness.ts';
import type { ProviderStatus, UnknownReason } from './model.ts';
import { parseStatuspageRollup } from './parsers/index.ts';
import { parseBody } from './read.ts';
import {
  DETAIL_MAX_AGE_MS,
  delayAfter,
  FETCH_TIMEOUT_MS,
  type FeedState,
  FULL_FEED_INTERVAL_MS,
  MAX_BODY_BYTES,
  POLL_INTERVAL_MS,
} from './schedule.ts';

/**
 * One status check of one provider, with the network injected: the background passes the real
 * `fetch`-based fetcher, tests and the polling benchmark pass recorded payloads and a clock.
 * No browser API here.
 */

export interface FetchRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  /** The only origins (`https://host[:port]`) this request may go to: its source's (originsOf). */
  readonly origins: readonly string[];
}

export type FetchResult =
  | {
      readonly ok: true;
      readonly status: number;
      readonly bytes?: Uint8Array | undefined;
      readonly etag?: string | undefined;
      readonly lastModified?: string | undefined;
    }
  | { readonly ok: false; readonly reason: UnknownReason; readonly detail: string };

export type Fetcher = (request: FetchRequest) => Promise<FetchResult>;

export interface CheckOutcome {
  readonly status: ProviderStatus;
  readonly feed: FeedState;
  /** The level, incidents or maintenances changed (badges must be recomputed). */
  readonly changed: boolean;
  /** Requests made and body bytes received by this check (for the polling-cost benchmark). */
  readonly requests: number;
  readonly bytes: number;
}

function conditional(etag?: string, lastModified?: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (etag) headers['if-none-match'] = etag;
  if (lastModified) headers['if-modified-since'] = lastModified;
  return headers;
}

function fingerprint(s: ProviderStatus | undefined): string {
  if (!s) return '';
  const last = s.last;
  return JSON.stringify([
    s.level,
    last?.level,
    last?.incidents.map((e) => [e.id, e.impact, e.state, e.updatedAt]),
    last?.maintenances.map((e) => [e.id, e.state, e.active]),
    last?.components.filter((c) => c.level !== 'operational').map((c) => [c.id, c.level]),
  ]);
}

export interface CheckOptions {
  readonly now: number;
  readonly random: number;
  /** Fetch details even if the roll-up did not change (a popup is open and wants them). */
  readonly wantDetail?: boolean;
}

/**
 * Checks one provider: the cheap roll-up when the feed has one, the detailed feed only when the
 * roll-up changed (or details are missing, stale or wanted). A failed check keeps the last known
 * status (with its time) and reports `unknown` with the reason; back-off grows with failures.
 */
export async function checkProvider(
  source: FeedSource,
  previous: ProviderStatus | undefined,
  feed: FeedState,
  fetcher: Fetcher,
  options: CheckOptions,
): Promise<CheckOutcome> {
  const { now } = options;
  const endpoints = endpointsOf(source);
  const origins = originsOf(source);
  const period = endpoints.cheap ? POLL_INTERVAL_MS : FULL_FEED_INTERVAL_MS;
  let requests = 0;
  let bytes = 0;
  const base = {
    providerId: feed.providerId,
    pageUrl: source.url,
    last: previous?.last,
    okAt: previous?.okAt,
  };

  function fail(reason: UnknownReason, detail: string): CheckOutcome {
    const failures = feed.failures + 1;
    const status: ProviderStatus = { ...base, level: 'unknown', reason, detail, checkedAt: now };
    return {
      status,
      feed: { ...feed, failures, checkedAt: now, nextAt: now + delayAfter(failures, options.random, period) },
      changed: fingerprint(status) !== fingerprint(previous),
      requests,
      bytes,
    };
  }

  let nextFeed: FeedState = feed;
  // The roll-up's change token (indicator + page.updated_at) moves on any component, incident or
  // maintenance change, so details are only fetched when it moved, when they are missing or stale
  // after a failure, or when a popup wants them (and then at most once per DETAIL_MAX_AGE_MS).
  let needDetail =
    !previous?.last ||
    (previous.level === 'unknown' && previous.reason !== 'stale') ||
    (options.wantDetail === true && now - (feed.detailAt ?? 0) >= DETAIL_MAX_AGE_MS);

  if (endpoints.cheap) {
    requests++;
    const res = await fetcher({
      url: endpoints.cheap,
      headers: conditional(feed.etag, feed.lastModified),
      timeoutMs: FETCH_TIMEOUT_MS,
      maxBytes: MAX_BODY_BYTES,
      origins,
    });
    if (!res.ok) return fail(res.reason, res.detail);
    bytes += res.bytes?.length ?? 0;
    if (res.status === 304) {
      // Unchanged since the last roll-up.
    } else if (res.status >= 200 && res.status < 300 && res.bytes) {
      const rollup = parseStatuspageRollup(decodeBody(res.bytes));
      if (!rollup.ok) return fail('unparseable', rollup.detail);
      const token = `${rollup.indicator}|${rollup.updatedAt ?? ''}`;
      if (token !== feed.token) needDetail = true;
      nextFeed = { ...nextFeed, etag: res.etag, lastModified: res.lastModified, token };
    } else {
      return fail('http_error', `HTTP ${res.status} from ${endpoints.cheap}`);
    }
  } else {
    needDetail = true;
  }

  let status: ProviderStatus = {
    ...base,
    level: previous?.last?.level ?? 'unknown',
    checkedAt: now,
    okAt: now,
  };
  if (needDetail) {
    requests++;
    const res = await fetcher({
      url: endpoints.detail,
      // Without a kept body a 304 would be useless: ask unconditionally then.
      headers: previous?.last ? conditional(nextFeed.detailEtag, nextFeed.detailLastModified) : {},
      timeoutMs: FETCH_TIMEOUT_MS,
      maxBytes: MAX_BODY_BYTES,
      origins,
    });
    if (!res.ok) return fail(res.reason, res.detail);
    bytes += res.bytes?.length ?? 0;
    if (res.status === 304 && previous?.last) {
      status = { ...status, last: previous.last, level: previous.last.level };
    } else if (res.status >= 200 && res.status < 300 && res.bytes) {
      const parsed = parseBody(source, res.bytes, now);
      if (!parsed.ok) return fail('unparseable', parsed.detail);
      status = { ...status, level: parsed.status.level, last: parsed.status };
    } else {
      return fail('http_error', `HTTP ${res.status} from ${endpoints.detail}`);
    }
    nextFeed = {
      ...nextFeed,
      detailEtag: res.etag ?? nextFeed.detailEtag,
      detailLastModified: res.lastModified ?? nextFeed.detailLastModified,
      detailAt: now,
    };
  }
  nextFeed = {
    ...nextFeed,
    failures: 0,
    checkedAt: now,
    nextAt: now + delayAfter(0, options.random, period),
  };
  // A feed that answers but whose own time has stopped is unknown, never operational.
  status = freshStatus(status, source, now);
  return { status, feed: nextFeed, changed: fingerprint(status) !== fingerprint(previous), requests, bytes };
}
