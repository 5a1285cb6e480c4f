import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Failure, Observation } from './types.ts';
import {
  BUCKET_MS,
  failedCount,
  MAX_BUCKETS,
  MAX_FAILURE_KINDS,
  newWindow,
  prune,
  record,
  siteOf,
  WINDOW_MS,
} from './window.ts';

const T0 = Date.UTC(2026, 8, 1, 12, 0, 0);
const MIN = 60_000;

function obs(host: string, providerIds: string[], failure?: Failure, pageHost = host): Observation {
  return { pageHost, host, providerIds, ...(failure ? { failure } : {}) };
}

describe('siteOf', () => {
  it('uses registrable domains, private suffixes included', () => {
    expect(siteOf('www.example.co.uk')).toBe('example.co.uk');
    expect(siteOf('d111abc.cloudfront.net')).toBe('d111abc.cloudfront.net');
    expect(siteOf('shop.vercel.app')).toBe('shop.vercel.app');
    expect(siteOf('192.0.2.7')).toBe('192.0.2.7');
    expect(siteOf('')).toBe('');
  });
});

describe('record', () => {
  it('aggregates one minute of one host into one bucket', () => {
    const w = newWindow();
    record(w, obs('cdn.example.com', ['cloudflare'], undefined, 'www.example.com'), T0);
    record(w, obs('cdn.example.com', ['cloudflare'], undefined, 'www.example.com'), T0 + 1_000);
    record(
      w,
      obs('cdn.example.com', ['cloudflare'], { kind: 'network', error: 'timeout' }, 'www.example.com'),
      T0 + 2_000,
    );
    expect(w.buckets).toHaveLength(1);
    const b = w.buckets[0]!;
    expect(b).toMatchObject({
      minute: T0,
      site: 'example.com',
      hostSite: 'example.com',
      host: 'cdn.example.com',
      providers: ['cloudflare'],
      ok: 2,
      okAt: T0 + 1_000,
    });
    expect(b.failures).toEqual([{ failure: { kind: 'network', error: 'timeout' }, n: 1, at: T0 + 2_000 }]);
    expect(failedCount(b)).toBe(1);
  });

  it('separates minutes, hosts, pages and provider chains', () => {
    const w = newWindow();
    record(w, obs('a.example', ['cloudflare']), T0);
    record(w, obs('a.example', ['cloudflare']), T0 + MIN);
    record(w, obs('b.example', ['cloudflare']), T0 + MIN);
    record(w, obs('a.example', ['cloudflare', 'vercel']), T0 + MIN);
    record(w, obs('a.example', ['cloudflare'], undefined, 'other.example'), T0 + MIN);
    expect(w.buckets).toHaveLength(5);
    expect(w.buckets.map((b) => b.minute)).toEqual([T0, T0 + MIN, T0 + MIN, T0 + MIN, T0 + MIN]);
  });

  it('counts identical failures together and different ones apart', () => {
    const w = newWindow();
    const f522: Failure = { kind: 'http', status: 522, blame: 'site', by: 'cloudflare' };
    record(w, obs('a.example', ['cloudflare'], f522), T0);
    record(w, obs('a.example', ['cloudflare'], { ...f522 }), T0);
    record(w, obs('a.example', ['cloudflare'], { kind: 'http', status: 502, blame: 'unclear' }), T0);
    expect(w.buckets[0]!.failures.map((t) => t.n)).toEqual([2, 1]);
  });

  it('bounds the failure kinds of a bucket', () => {
    const w = newWindow();
    for (let s = 500; s < 520; s++)
      record(w, obs('a.example', [], { kind: 'http', status: s, blame: 'unclear' }), T0);
    const b = w.buckets[0]!;
    expect(b.failures).toHaveLength(MAX_FAILURE_KINDS);
    expect(failedCount(b)).toBe(20);
  });

  it('keeps buckets sorted when an observation arrives late', () => {
    const w = newWindow();
    record(w, obs('a.example', []), T0 + 3 * MIN);
    record(w, obs('b.example', []), T0 + 3 * MIN);
    record(w, { ...obs('c.example', []), time: T0 + MIN }, T0 + 3 * MIN);
    expect(w.buckets.map((b) => b.host)).toEqual(['c.example', 'a.example', 'b.example']);
    expect(w.buckets[0]!.minute).toBe(T0 + MIN);
  });

  it('ignores observations older than the window and clamps future ones to now', () => {
    const w = newWindow();
    record(w, { ...obs('a.example', []), time: T0 - WINDOW_MS - 1 }, T0);
    expect(w.buckets).toHaveLength(0);
    record(w, { ...obs('a.example', []), time: T0 + 10 * MIN }, T0);
    expect(w.buckets[0]!.minute).toBe(T0);
    expect(w.buckets[0]!.okAt).toBe(T0);
  });

  it('dedupes and bounds the provider chain', () => {
    const w = newWindow();
    record(w, obs('a.example', ['cloudflare', 'cloudflare', 'vercel', 'a', 'b', 'c']), T0);
    expect(w.buckets[0]!.providers).toEqual(['cloudflare', 'vercel', 'a', 'b']);
  });
});

describe('prune', () => {
  it('drops buckets that left the 15-minute window', () => {
    const w = newWindow();
    record(w, obs('old.example', []), T0);
    record(w, obs('mid.example', []), T0 + 5 * MIN);
    record(w, obs('new.example', []), T0 + 14 * MIN);
    prune(w, T0 + 14 * MIN);
    expect(w.buckets).toHaveLength(3);
    // The minute starting at T0 ends at T0 + 1 min, which is 15 min before T0 + 16 min.
    prune(w, T0 + 16 * MIN);
    expect(w.buckets.map((b) => b.host)).toEqual(['mid.example', 'new.example']);
    prune(w, T0 + 60 * MIN);
    expect(w.buckets).toHaveLength(0);
  });

  it('keeps at most MAX_BUCKETS, dropping the oldest', () => {
    const w = newWindow();
    for (let i = 0; i < MAX_BUCKETS + 50; i++)
      record(w, obs(`h${i}.example`, []), T0 + Math.floor(i / 500) * BUCKET_MS);
    expect(w.buckets).toHaveLength(MAX_BUCKETS);
    expect(w.buckets[0]!.host).toBe('h50.example');
    expect(w.buckets.at(-1)!.host).toBe(`h${MAX_BUCKETS + 49}.example`);
  });

  it('stays JSON-serialisable', () => {
    const w = newWindow();
    record(w, obs('a.example', ['cloudflare'], { kind: 'http', status: 503, blame: 'unclear' }), T0);
    expect(JSON.parse(JSON.stringify(w))).toEqual(w);
  });
});

const failureArb: fc.Arbitrary<Failure | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.record({
    kind: fc.constant('network' as const),
    error: fc.constantFrom('refused', 'reset', 'timeout', 'dns', 'tls', 'offline', 'other' as const),
  }),
  fc.record({
    kind: fc.constant('http' as const),
    status: fc.integer({ min: 500, max: 599 }),
    blame: fc.constantFrom('site', 'provider', 'unclear' as const),
  }),
);

const obsArb = fc.record({
  dt: fc.integer({ min: -20 * MIN, max: 2 * MIN }),
  step: fc.integer({ min: 0, max: 3 * MIN }),
  host: fc.oneof(fc.domain(), fc.string({ maxLength: 300 }), fc.constantFrom('__proto__', '', '10.0.0.1')),
  pageHost: fc.oneof(fc.domain(), fc.constant('')),
  providerIds: fc.array(fc.constantFrom('cloudflare', 'fastly', 'vercel', 'akamai', 'x'), { maxLength: 6 }),
  failure: failureArb,
});

describe('window properties', () => {
  it('never throws, stays sorted, bounded and within the window', () => {
    fc.assert(
      fc.property(fc.array(obsArb, { maxLength: 300 }), (items) => {
        const w = newWindow();
        let now = T0;
        for (const it of items) {
          now += it.step;
          const o: Observation = {
            time: now + it.dt,
            host: it.host,
            pageHost: it.pageHost,
            providerIds: it.providerIds,
            ...(it.failure ? { failure: it.failure } : {}),
          };
          record(w, o, now);
          expect(w.buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
        }
        for (let i = 1; i < w.buckets.length; i++) {
          expect(w.buckets[i]!.minute).toBeGreaterThanOrEqual(w.buckets[i - 1]!.minute);
        }
        for (const b of w.buckets) {
          expect(b.minute + BUCKET_MS).toBeGreaterThan(now - WINDOW_MS);
          expect(b.failures.length).toBeLessThanOrEqual(MAX_FAILURE_KINDS);
          expect(b.host.length).toBeLessThanOrEqual(253);
        }
        expect(JSON.parse(JSON.stringify(w))).toEqual(w);
      }),
      { numRuns: 200 },
    );
  });

  it('never exceeds the cap under a flood of distinct hosts', () => {
    fc.assert(
      fc.property(fc.integer({ min: MAX_BUCKETS - 10, max: MAX_BUCKETS + 400 }), (n) => {
        const w = newWindow();
        for (let i = 0; i < n; i++) record(w, obs(`h${i}.example`, ['cloudflare']), T0 + i);
        expect(w.buckets.length).toBe(Math.min(n, MAX_BUCKETS));
      }),
      { numRuns: 5 },
    );
  });
});
