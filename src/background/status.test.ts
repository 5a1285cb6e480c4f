import { describe, expect, it } from 'vitest';
import type { FeedSource } from '../core/catalog/types.ts';
import type { Fetcher, FetchRequest } from '../core/status/poller.ts';
import { FakeStorage } from './__fixtures__/fake-storage.ts';
import { StatusService } from './status.ts';

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
});
