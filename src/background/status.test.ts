import { describe, expect, it, vi } from 'vitest';
import type { FeedSource } from '../core/catalog/types.ts';
import type { ProviderStatus } from '../core/status/model.ts';
import type { Fetcher, FetchRequest } from '../core/status/poller.ts';
import { FULL_FEED_INTERVAL_MS, POLL_BUDGET } from '../core/status/schedule.ts';
import { FakeStorage } from './__fixtures__/fake-storage.ts';
import { boundedStatus, MAX_STORED_STATUS, StatusService } from './status.ts';

const AWS: FeedSource = { kind: 'aws', url: 'https://health.aws.amazon.com/health/status' };
const CF: FeedSource = { kind: 'statuspage', url: 'https://www.cloudflarestatus.com' };
const ok = (text: string) => ({ ok: true as const, status: 200, bytes: new TextEncoder().encode(text) });

function service(fetcher: Fetcher, area = new FakeStorage()) {
  let changes = 0;
  const s = new StatusService(
    { cloudfront: AWS, s3: AWS, cloudflare: CF },
    () => {
      changes++;
    },
    () => {},
    area,
    fetcher,
  );
  return { s, area, changes: () => changes };
}

describe('StatusService', () => {
  it('polls a feed shared by several providers once, and answers for each provider', async () => {
    const calls: FetchRequest[] = [];
    const { s } = service(async (r) => {
      calls.push(r);
      return ok('[]');
    });
    await s.seen(['cloudfront', 's3']);
    expect(calls.map((c) => c.url)).toEqual(['https://health.aws.amazon.com/public/currentevents']);
    expect(s.get('cloudfront')).toMatchObject({ providerId: 'cloudfront', level: 'operational' });
    expect(s.get('s3')).toMatchObject({ providerId: 's3', level: 'operational' });
    await s.refresh(['cloudfront', 's3'], true);
    expect(calls).toHaveLength(2);
  });

  it('a provider never checked is unknown (not_checked), never operational; unknown ids have no status', async () => {
    const { s } = service(async () => ok('[]'));
    await s.ready;
    expect(s.get('cloudflare')).toMatchObject({ level: 'unknown', reason: 'not_checked' });
    expect(s.get('nope')).toBeUndefined();
  });

  it('keeps the last known status across a worker restart, and a throwing fetcher gives unknown', async () => {
    const area = new FakeStorage();
    const first = service(async () => ok('[]'), area);
    await first.s.seen(['cloudfront']);
    await new Promise((r) => setTimeout(r, 250)); // the batched save
    const second = service(async () => {
      throw new Error('boom');
    }, area);
    await second.s.ready;
    expect(second.s.get('s3')).toMatchObject({ level: 'operational' });
    await second.s.refresh(['s3'], true);
    expect(second.s.get('s3')).toMatchObject({ level: 'unknown', reason: 'unparseable' });
    expect(second.s.get('s3')?.last?.level).toBe('operational');
    expect(second.changes()).toBe(1);
  });

  it('keeps one key per feed, and writes only the feeds whose status or schedule changed', async () => {
    const area = new FakeStorage();
    const { s } = service(async () => ok('[]'), area);
    await s.seen(['cloudfront']);
    await new Promise((r) => setTimeout(r, 250));
    const key = 'status:aws https://health.aws.amazon.com/health/status';
    expect([...area.data.keys()]).toEqual([key]);
    expect(area.data.get(key)).toMatchObject({ status: { level: 'operational' }, feed: { failures: 0 } });
    // Seen again a moment later: nothing to remember, nothing written.
    const writes = area.writes;
    await s.seen(['cloudfront', 's3']);
    await new Promise((r) => setTimeout(r, 250));
    expect(area.writes).toBe(writes);
  });

  it('the alarm does nothing when no check is due', async () => {
    const calls: string[] = [];
    const area = new FakeStorage();
    const { s } = service(async (r) => {
      calls.push(r.url);
      return ok('[]');
    }, area);
    await s.seen(['cloudfront']);
    let asked = 0;
    const open = async () => {
      asked++;
      return new Set<string>();
    };
    await s.tick(open);
    expect(calls).toHaveLength(1);
    expect(asked).toBe(0);
  });

  it('past the polling budget, the alarm asks for the open tabs: their feeds rank first', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.UTC(2026, 11, 1, 12));
      // Ten feeds, one more than two past the budget's full cadence (8), all seen at once.
      const sources = Object.fromEntries(
        Array.from({ length: 10 }, (_, i) => [
          `p${i}`,
          { kind: 'aws', url: `https://health.aws.amazon.com/health/status?p=${i}` } as FeedSource,
        ]),
      );
      const calls: string[] = [];
      const s = new StatusService(
        sources,
        () => {},
        () => {},
        new FakeStorage(),
        async (r) => {
          calls.push(r.url);
          return ok('[]');
        },
      );
      await s.seen(Object.keys(sources));
      calls.length = 0;
      // Past every feed's next check (the AWS feed is read in full every 10 min, ±20 %), within
      // the slowed feeds' 30 min.
      vi.setSystemTime(Date.now() + 1.5 * FULL_FEED_INTERVAL_MS);
      let asked = 0;
      await s.tick(async () => {
        asked++;
        return new Set(['p9']);
      });
      expect(asked).toBe(1);
      // Eight at full cadence; p9, last by id, is among them because a tab shows it.
      expect(calls).toHaveLength(POLL_BUDGET.full);
      expect(s.get('p9')?.checkedAt).toBe(Date.now());
      expect(s.get('p8')?.checkedAt).toBeLessThan(Date.now());
    } finally {
      vi.useRealTimers();
    }
  });

  it('moves the statuses of the old single key to their own keys, and removes it', async () => {
    const area = new FakeStorage();
    const feed = 'statuspage https://www.cloudflarestatus.com';
    area.data.set('faultline:status:v2', {
      statuses: { [feed]: { providerId: feed, level: 'degraded', pageUrl: CF.url, checkedAt: 1 } },
      feeds: { [feed]: { providerId: feed, failures: 0, nextAt: 0, seenAt: Date.now() } },
    });
    const { s } = service(async () => ok('[]'), area);
    await s.ready;
    expect(s.get('cloudflare')).toMatchObject({ level: 'degraded' });
    await new Promise((r) => setTimeout(r, 250));
    expect([...area.data.keys()]).toEqual([`status:${feed}`]);
  });

  it('stores a status within its bound, cutting what is too large and keeping the level', () => {
    const component = (i: number) => ({
      id: `c${i}`,
      name: `Component ${'n'.repeat(200)} ${i}`,
      level: 'operational' as const,
    });
    const huge: ProviderStatus = {
      providerId: 'x',
      level: 'degraded',
      pageUrl: 'https://status.example.com',
      checkedAt: 5,
      last: {
        level: 'degraded',
        components: Array.from({ length: 5_000 }, (_, i) => component(i)),
        incidents: [],
        maintenances: [],
      },
    };
    const kept = boundedStatus(huge);
    expect(JSON.stringify(kept).length).toBeLessThanOrEqual(MAX_STORED_STATUS);
    expect(kept).toMatchObject({ level: 'degraded', checkedAt: 5, pageUrl: 'https://status.example.com' });
    expect(kept.last?.components.length).toBeLessThan(5_000);
    const small = { ...huge, last: { ...huge.last!, components: [component(1)] } };
    expect(boundedStatus(small)).toBe(small);
  });
});
