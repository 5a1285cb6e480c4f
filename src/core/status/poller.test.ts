import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedSource } from '../catalog/types.ts';
import type { ProviderStatus } from './model.ts';
import { checkProvider, type Fetcher, type FetchRequest, type FetchResult } from './poller.ts';
import { FETCH_TIMEOUT_MS, MAX_BACKOFF_MS, newFeedState, POLL_INTERVAL_MS } from './schedule.ts';

const FIX = join(import.meta.dirname, '__fixtures__');
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const summary = readFileSync(join(FIX, 'statuspage', 'anthropic-operational.json'), 'utf8');
const SOURCE: FeedSource = { kind: 'statuspage', url: 'https://status.example.com' };

function rollup(indicator: string, updatedAt: string): string {
  return JSON.stringify({
    page: { id: 'x', name: 'X', url: 'https://status.example.com', updated_at: updatedAt },
    status: { indicator, description: 'd' },
  });
}

/** A fake network answering from a table, recording every request. */
function network(answers: Record<string, FetchResult | ((r: FetchRequest) => FetchResult)>) {
  const calls: FetchRequest[] = [];
  const fetcher: Fetcher = async (request) => {
    calls.push(request);
    const a = answers[request.url];
    if (!a) return { ok: false, reason: 'unreachable', detail: 'no route' };
    return typeof a === 'function' ? a(request) : a;
  };
  return { calls, fetcher };
}

const STATUS = 'https://status.example.com/api/v2/status.json';
const SUMMARY = 'https://status.example.com/api/v2/summary.json';

describe('checkProvider', () => {
  it('checks the roll-up and fetches details the first time, with a 10 s timeout and a size cap', async () => {
    const { calls, fetcher } = network({
      [STATUS]: {
        ok: true,
        status: 200,
        bytes: bytes(rollup('none', '2026-09-03T17:51:06Z')),
        etag: 'W/"1"',
      },
      [SUMMARY]: { ok: true, status: 200, bytes: bytes(summary) },
    });
    const out = await checkProvider(SOURCE, undefined, newFeedState('x', 0), fetcher, {
      now: 1_000,
      random: 0,
    });
    expect(calls.map((c) => c.url)).toEqual([STATUS, SUMMARY]);
    expect(calls[0]!.timeoutMs).toBe(FETCH_TIMEOUT_MS);
    expect(out.status.level).toBe('operational');
    expect(out.status.okAt).toBe(1_000);
    expect(out.status.last?.components.length).toBeGreaterThan(0);
    expect(out.feed.etag).toBe('W/"1"');
    expect(out.feed.nextAt).toBe(1_000 + POLL_INTERVAL_MS);
    expect(out.changed).toBe(true);
  });

  it('sends the validators back; an unchanged roll-up costs one small request and no detail', async () => {
    const first = network({
      [STATUS]: {
        ok: true,
        status: 200,
        bytes: bytes(rollup('none', '2026-09-03T17:51:06Z')),
        etag: 'W/"1"',
      },
      [SUMMARY]: { ok: true, status: 200, bytes: bytes(summary) },
    });
    const a = await checkProvider(SOURCE, undefined, newFeedState('x', 0), first.fetcher, {
      now: 0,
      random: 0,
    });
    const second = network({
      [STATUS]: (r) =>
        r.headers['if-none-match'] === 'W/"1"'
          ? { ok: true, status: 304 }
          : { ok: false, reason: 'http_error', detail: 'x' },
    });
    const b = await checkProvider(SOURCE, a.status, a.feed, second.fetcher, { now: 60_000, random: 0 });
    expect(second.calls.map((c) => c.url)).toEqual([STATUS]);
    expect(b.status.level).toBe('operational');
    expect(b.status.last).toEqual(a.status.last);
    expect(b.changed).toBe(false);
    expect(b.bytes).toBe(0);
  });

  it('fetches details again when the roll-up changed', async () => {
    const first = network({
      [STATUS]: { ok: true, status: 200, bytes: bytes(rollup('none', '2026-09-03T17:51:06Z')) },
      [SUMMARY]: { ok: true, status: 200, bytes: bytes(summary) },
    });
    const a = await checkProvider(SOURCE, undefined, newFeedState('x', 0), first.fetcher, {
      now: 0,
      random: 0,
    });
    const second = network({
      [STATUS]: { ok: true, status: 200, bytes: bytes(rollup('minor', '2026-09-03T18:00:00Z')) },
      [SUMMARY]: { ok: true, status: 200, bytes: bytes(summary) },
    });
    await checkProvider(SOURCE, a.status, a.feed, second.fetcher, { now: 60_000, random: 0 });
    expect(second.calls.map((c) => c.url)).toEqual([STATUS, SUMMARY]);
  });

  it('a page that answers but has not changed for over a year is unknown (stale), without re-fetching details', async () => {
    const oldPage = summary.replace(
      '"updated_at": "2026-09-03T17:51:06.926Z"',
      '"updated_at": "2024-01-01T00:00:00.000Z"',
    );
    expect(oldPage).not.toBe(summary);
    const now = Date.parse('2026-09-12T06:00:00Z');
    const first = network({
      [STATUS]: { ok: true, status: 200, bytes: bytes(rollup('none', '2024-01-01T00:00:00Z')) },
      [SUMMARY]: { ok: true, status: 200, bytes: bytes(oldPage) },
    });
    const a = await checkProvider(SOURCE, undefined, newFeedState('x', 0), first.fetcher, { now, random: 0 });
    expect(a.status).toMatchObject({
      level: 'unknown',
      reason: 'stale',
      staleSince: Date.parse('2024-01-01T00:00:00.000Z'),
      okAt: now,
    });
    expect(a.status.last?.level).toBe('operational');
    // The roll-up has not moved: one small request, still stale.
    const second = network({
      [STATUS]: { ok: true, status: 200, bytes: bytes(rollup('none', '2024-01-01T00:00:00Z')) },
    });
    const b = await checkProvider(SOURCE, a.status, a.feed, second.fetcher, { now: now + 60_000, random: 0 });
    expect(second.calls.map((c) => c.url)).toEqual([STATUS]);
    expect(b.status).toMatchObject({ level: 'unknown', reason: 'stale' });
    expect(b.changed).toBe(false);
  });

  it('a failing feed is unknown with the reason, keeps the last known status, and backs off', async () => {
    const ok = network({
      [STATUS]: { ok: true, status: 200, bytes: bytes(rollup('none', '2026-09-03T17:51:06Z')) },
      [SUMMARY]: { ok: true, status: 200, bytes: bytes(summary) },
    });
    const a = await checkProvider(SOURCE, undefined, newFeedState('x', 0), ok.fetcher, { now: 0, random: 0 });
    let status: ProviderStatus = a.status;
    let feed = a.feed;
    const delays: number[] = [];
    for (let i = 1; i <= 6; i++) {
      const down = network({
        [STATUS]: { ok: false, reason: 'timed_out', detail: 'no answer within 10000 ms' },
      });
      const out = await checkProvider(SOURCE, status, feed, down.fetcher, { now: i * 1_000_000, random: 0 });
      delays.push(out.feed.nextAt - i * 1_000_000);
      status = out.status;
      feed = out.feed;
    }
    expect(status.level).toBe('unknown');
    expect(status.reason).toBe('timed_out');
    expect(status.last?.level).toBe('operational');
    expect(status.okAt).toBe(0);
    expect(delays[0]).toBe(2 * POLL_INTERVAL_MS);
    expect(delays[1]).toBe(4 * POLL_INTERVAL_MS);
    expect(delays.at(-1)).toBe(MAX_BACKOFF_MS);
  });

  it('an HTML error page instead of JSON is unparseable, an HTTP error is http_error', async () => {
    const html = network({
      [STATUS]: { ok: true, status: 200, bytes: bytes('<html><body>502 Bad Gateway</body></html>') },
    });
    const a = await checkProvider(SOURCE, undefined, newFeedState('x', 0), html.fetcher, {
      now: 0,
      random: 0,
    });
    expect(a.status.level).toBe('unknown');
    expect(a.status.reason).toBe('unparseable');
    const err = network({ [STATUS]: { ok: true, status: 503, bytes: bytes('down') } });
    const b = await checkProvider(SOURCE, undefined, newFeedState('x', 0), err.fetcher, {
      now: 0,
      random: 0,
    });
    expect(b.status.reason).toBe('http_error');
  });

  it('feeds without a roll-up go straight to the detailed feed', async () => {
    const rss = readFileSync(join(FIX, 'rss', 'fastly.xml'), 'utf8');
    const source: FeedSource = {
      kind: 'rss',
      url: 'https://www.fastlystatus.com',
      api: 'https://www.fastlystatus.com/rss/',
    };
    const { calls, fetcher } = network({
      'https://www.fastlystatus.com/rss/': { ok: true, status: 200, bytes: bytes(rss) },
    });
    const out = await checkProvider(source, undefined, newFeedState('fastly', 0), fetcher, {
      now: Date.parse('2026-09-12T00:00:00Z'),
      random: 0,
    });
    expect(calls).toHaveLength(1);
    expect(out.status.level).not.toBe('unknown');
  });
});
