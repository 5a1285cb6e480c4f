import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networkFailure } from './errors.ts';
import { responseFailure } from './explanations.ts';
import messages from './messages.json' with { type: 'json' };
import {
  chargeFailure,
  describeLocal,
  describeObserved,
  FAILING_WINDOW_MS,
  failingHere,
  MIN_FAILING_SITES,
  type ProviderSignal,
  signal,
} from './signal.ts';
import type { Failure } from './types.ts';
import { newWindow, type ObservationWindow, record } from './window.ts';

const T0 = Date.UTC(2026, 8, 1, 12, 0, 0);
const SEC = 1_000;
const MIN = 60_000;

const TIMEOUT: Failure = { kind: 'network', error: 'timeout' };
const REFUSED: Failure = { kind: 'network', error: 'refused' };
const CF_502: Failure = { kind: 'http', status: 502, blame: 'unclear' };

/** Records `n` requests of one host at `time`, `failed` of them with `failure`. */
function load(
  w: ObservationWindow,
  host: string,
  providerIds: string[],
  n: number,
  failed: number,
  failure: Failure,
  time: number,
  now = time,
): void {
  for (let i = 0; i < n; i++) {
    record(w, { time, pageHost: host, host, providerIds, ...(i < failed ? { failure } : {}) }, now);
  }
}

describe('chargeFailure', () => {
  it('charges network errors to the edge, never an offline browser', () => {
    expect(chargeFailure(['cloudflare', 'vercel'], TIMEOUT)).toEqual({ charged: ['cloudflare'], siteOf: [] });
    expect(chargeFailure(['cloudflare'], { kind: 'network', error: 'offline' })).toEqual({
      charged: [],
      siteOf: [],
    });
    expect(chargeFailure([], TIMEOUT)).toEqual({ charged: [], siteOf: [] });
  });

  it('charges provider-blamed errors to that provider, unexplained ones to the innermost layer', () => {
    expect(
      chargeFailure(['cloudflare', 'vercel'], { kind: 'http', status: 500, blame: 'provider', by: 'vercel' }),
    ).toEqual({ charged: ['vercel'], siteOf: [] });
    expect(chargeFailure(['cloudflare', 'render'], CF_502)).toEqual({ charged: ['render'], siteOf: [] });
    expect(chargeFailure(['cloudflare'], CF_502)).toEqual({ charged: ['cloudflare'], siteOf: [] });
  });

  it('charges nobody for site-blamed errors', () => {
    expect(
      chargeFailure(['cloudflare'], { kind: 'http', status: 522, blame: 'site', by: 'cloudflare' }),
    ).toEqual({
      charged: [],
      siteOf: ['cloudflare'],
    });
  });
});

describe('signal thresholds', () => {
  it('one site failing is a site problem, not a provider signal', () => {
    const w = newWindow();
    load(w, 'cdn.broken.example', ['cloudflare'], 6, 6, TIMEOUT, T0);
    load(w, 'www.fine-a.example', ['cloudflare'], 5, 0, TIMEOUT, T0 + SEC);
    load(w, 'www.fine-b.example', ['cloudflare'], 5, 0, TIMEOUT, T0 + 2 * SEC);
    load(w, 'static.other.example', ['fastly'], 4, 0, TIMEOUT, T0 + 3 * SEC);
    const s = signal(w, T0 + 10 * SEC);
    expect(s.local).toBe('ok');
    expect(s.perProvider.cloudflare).toEqual({
      state: 'site_problem',
      sites: 3,
      failingSites: 1,
      problemSites: 1,
      requests: 16,
      failed: 6,
      siteFailed: 0,
      windowMinutes: 5,
    });
    expect(s.perProvider.fastly?.state).toBe('ok');
    expect(failingHere(s)).toEqual([]);
  });

  it('many sites on one provider failing while others work → failing_here', () => {
    const w = newWindow();
    // 4 Cloudflare-served sites, 14 of 20 requests failing.
    load(w, 'www.alpha.example', ['cloudflare'], 5, 4, CF_502, T0);
    load(w, 'cdn.beta.example', ['cloudflare'], 5, 4, TIMEOUT, T0 + 20 * SEC);
    load(w, 'gamma.example', ['cloudflare'], 5, 3, REFUSED, T0 + 40 * SEC);
    load(w, 'api.delta.example', ['cloudflare'], 5, 3, CF_502, T0 + 60 * SEC);
    // Fastly and a plain origin keep working.
    load(w, 'static.epsilon.example', ['fastly'], 10, 0, TIMEOUT, T0 + 70 * SEC);
    load(w, 'plain.example', [], 3, 0, TIMEOUT, T0 + 80 * SEC);
    const s = signal(w, T0 + 90 * SEC);
    expect(s.local).toBe('ok');
    expect(s.perProvider.cloudflare).toMatchObject({
      state: 'failing_here',
      sites: 4,
      failingSites: 4,
      requests: 20,
      failed: 14,
    });
    expect(s.perProvider.fastly?.state).toBe('ok');
    expect(failingHere(s)).toEqual(['cloudflare']);
    expect(describeObserved(s.perProvider.cloudflare!, 'Cloudflare')).toEqual({
      key: 'observedFailingHere',
      subs: ['14', '20', 'Cloudflare', '5', '4'],
    });
  });

  it('the same pattern with nothing else loading is not blamed on the provider', () => {
    const w = newWindow();
    for (const host of ['a.example', 'b.example', 'c.example'])
      load(w, host, ['cloudflare'], 4, 3, CF_502, T0);
    const s = signal(w, T0 + SEC);
    expect(s.perProvider.cloudflare).toMatchObject({ state: 'insufficient', reason: 'no_comparison' });
    expect(describeObserved(s.perProvider.cloudflare!, 'Cloudflare').key).toBe('observedNoComparison');
  });

  it('everything failing → connection problem and no provider failing', () => {
    const w = newWindow();
    load(w, 'a.example', ['cloudflare'], 4, 4, TIMEOUT, T0);
    load(w, 'b.example', ['fastly'], 4, 4, { kind: 'network', error: 'dns' }, T0 + SEC);
    load(w, 'c.example', ['akamai'], 4, 4, TIMEOUT, T0 + 2 * SEC);
    load(w, 'd.example', [], 4, 4, REFUSED, T0 + 3 * SEC);
    const s = signal(w, T0 + 5 * SEC);
    expect(s.local).toBe('connection_problem');
    expect(failingHere(s)).toEqual([]);
    for (const id of ['cloudflare', 'fastly', 'akamai']) {
      expect(s.perProvider[id]).toMatchObject({ state: 'insufficient', reason: 'connection' });
    }
    expect(describeLocal(s.local)).toEqual({ key: 'localConnectionProblem', subs: [] });
    expect(describeObserved(s.perProvider.fastly!, 'Fastly').key).toBe('observedConnection');
  });

  it('an answer after the failures means the connection is back', () => {
    const w = newWindow();
    load(w, 'a.example', ['cloudflare'], 10, 10, TIMEOUT, T0);
    load(w, 'b.example', ['fastly'], 10, 10, TIMEOUT, T0);
    load(w, 'c.example', ['akamai'], 10, 10, TIMEOUT, T0);
    expect(signal(w, T0 + SEC).local).toBe('connection_problem');
    load(w, 'd.example', [], 1, 0, TIMEOUT, T0 + 2 * SEC);
    expect(signal(w, T0 + 3 * SEC).local).toBe('ok');
  });

  it('the browser saying it is offline is a connection problem until something answers', () => {
    const w = newWindow();
    load(w, 'a.example', ['cloudflare'], 20, 0, TIMEOUT, T0);
    load(w, 'b.example', ['cloudflare'], 1, 1, { kind: 'network', error: 'offline' }, T0 + SEC);
    const s = signal(w, T0 + 2 * SEC);
    expect(s.local).toBe('connection_problem');
    // Offline errors are the user's, never the provider's.
    expect(s.perProvider.cloudflare?.failed).toBe(0);
    load(w, 'a.example', ['cloudflare'], 1, 0, TIMEOUT, T0 + 3 * SEC);
    expect(signal(w, T0 + 4 * SEC).local).toBe('ok');
  });

  it('below thresholds: two failing sites, or a low failure ratio, are site problems', () => {
    const two = newWindow();
    load(two, 'a.example', ['cloudflare'], 3, 3, TIMEOUT, T0);
    load(two, 'b.example', ['cloudflare'], 3, 3, TIMEOUT, T0);
    load(two, 'c.example', ['fastly'], 3, 0, TIMEOUT, T0);
    expect(MIN_FAILING_SITES).toBe(3);
    expect(signal(two, T0 + SEC).perProvider.cloudflare?.state).toBe('site_problem');

    const lowRatio = newWindow();
    for (const host of ['a.example', 'b.example', 'c.example'])
      load(lowRatio, host, ['cloudflare'], 10, 1, TIMEOUT, T0);
    load(lowRatio, 'd.example', ['fastly'], 3, 0, TIMEOUT, T0);
    const s = signal(lowRatio, T0 + SEC);
    expect(s.perProvider.cloudflare).toMatchObject({
      state: 'site_problem',
      failed: 3,
      requests: 30,
      failingSites: 3,
    });
    // Enough sites, too low a ratio: the wording says so rather than "too few sites".
    expect(describeObserved(s.perProvider.cloudflare!, 'Cloudflare')).toEqual({
      key: 'observedSiteProblemRatio',
      subs: ['3', '30', 'Cloudflare', '5', '3'],
    });
    expect(describeObserved(signal(two, T0 + SEC).perProvider.cloudflare!, 'Cloudflare').key).toBe(
      'observedSiteProblemOther',
    );
  });

  it('no failures at all → ok', () => {
    const w = newWindow();
    load(w, 'a.example', ['cloudflare'], 7, 0, TIMEOUT, T0);
    load(w, 'b.example', ['cloudflare'], 1, 0, TIMEOUT, T0);
    const s = signal(w, T0 + SEC);
    expect(s.perProvider.cloudflare).toMatchObject({ state: 'ok', sites: 2, requests: 8, failed: 0 });
    expect(describeObserved(s.perProvider.cloudflare!, 'Cloudflare')).toEqual({
      key: 'observedOkOther',
      subs: ['0', '8', 'Cloudflare', '5', '2'],
    });
  });

  it('errors the table blames on the sites never make the provider fail', () => {
    const w = newWindow();
    const now = T0 + SEC;
    for (const host of ['a.example', 'b.example', 'c.example', 'd.example']) {
      const { failure } = responseFailure({ status: 522, headers: [], providerIds: ['cloudflare'] });
      load(w, host, ['cloudflare'], 5, 5, failure!, T0);
    }
    load(w, 'e.example', ['fastly'], 5, 0, TIMEOUT, T0);
    const s = signal(w, now);
    expect(s.perProvider.cloudflare).toMatchObject({
      state: 'site_problem',
      failed: 0,
      siteFailed: 20,
      failingSites: 0,
      problemSites: 4,
    });
    expect(describeObserved(s.perProvider.cloudflare!, 'Cloudflare').subs[0]).toBe('20');
  });

  it('only the last FAILING_WINDOW counts', () => {
    const w = newWindow();
    for (const host of ['a.example', 'b.example', 'c.example'])
      load(w, host, ['cloudflare'], 3, 3, CF_502, T0);
    load(w, 'd.example', ['fastly'], 3, 0, TIMEOUT, T0);
    expect(signal(w, T0 + SEC).perProvider.cloudflare?.state).toBe('failing_here');
    load(
      w,
      'a.example',
      ['cloudflare'],
      3,
      0,
      TIMEOUT,
      T0 + FAILING_WINDOW_MS + MIN,
      T0 + FAILING_WINDOW_MS + MIN,
    );
    const later = signal(w, T0 + FAILING_WINDOW_MS + MIN);
    expect(later.perProvider.cloudflare).toMatchObject({ state: 'ok', requests: 3 });
    expect(later.perProvider.fastly).toBeUndefined();
  });

  it('aborted and blocked requests are ignored entirely', () => {
    const w = newWindow();
    const errors = ['net::ERR_ABORTED', 'net::ERR_BLOCKED_BY_CLIENT', 'NS_BINDING_ABORTED', 'NS_ERROR_ABORT'];
    for (const [i, host] of ['a.example', 'b.example', 'c.example', 'd.example'].entries()) {
      for (const e of errors) {
        const failure = networkFailure(e);
        if (failure) record(w, { pageHost: host, host, providerIds: ['cloudflare'], failure }, T0 + i);
      }
    }
    expect(w.buckets).toHaveLength(0);
    expect(signal(w, T0 + SEC)).toEqual({ perProvider: {}, local: 'ok' });
  });
});

describe('describeObserved', () => {
  const base: ProviderSignal = {
    state: 'site_problem',
    sites: 3,
    failingSites: 1,
    problemSites: 1,
    requests: 9,
    failed: 2,
    siteFailed: 0,
    windowMinutes: 5,
  };

  it('picks the singular forms', () => {
    expect(describeObserved(base, 'Fastly').key).toBe('observedSiteProblemOne');
    expect(
      describeObserved({ ...base, state: 'ok', failed: 0, problemSites: 0, requests: 1 }, 'Fastly').key,
    ).toBe('observedOkOne');
  });

  it('uses the language’s plural rules and number format when given', () => {
    const fr = new Intl.PluralRules('fr');
    const nf = new Intl.NumberFormat('fr');
    const ref = describeObserved({ ...base, state: 'ok', failed: 0, requests: 1234 }, 'Fastly', {
      plural: (n) => fr.select(n),
      num: (n) => nf.format(n),
    });
    expect(ref.key).toBe('observedOkOther');
    expect(ref.subs[1]).toBe(nf.format(1234));
  });

  it('only names keys present in both languages', () => {
    const states: ProviderSignal[] = [
      { ...base, state: 'failing_here' },
      base,
      { ...base, problemSites: 2 },
      { ...base, state: 'ok', requests: 1 },
      { ...base, state: 'ok' },
      { ...base, state: 'insufficient', reason: 'connection' },
      { ...base, state: 'insufficient', reason: 'no_comparison' },
    ];
    for (const s of states) {
      const { key, subs } = describeObserved(s, 'Fastly');
      expect(messages.en).toHaveProperty(key);
      expect(messages.fr).toHaveProperty(key);
      expect(subs).toHaveLength(5);
    }
  });
});

describe('signal properties', () => {
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
      by: fc.option(fc.constantFrom('cloudflare', 'fastly', 'nowhere'), { nil: undefined }),
    }),
  );

  it('never throws and keeps its counts consistent', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            step: fc.integer({ min: 0, max: 90 * SEC }),
            host: fc.constantFrom(
              'a.example',
              'b.example',
              'c.example',
              'd.test',
              'x.vercel.app',
              '10.0.0.1',
            ),
            providerIds: fc.array(fc.constantFrom('cloudflare', 'fastly', 'vercel'), { maxLength: 3 }),
            failure: failureArb,
          }),
          { maxLength: 200 },
        ),
        (items) => {
          const w = newWindow();
          let now = T0;
          for (const it of items) {
            now += it.step;
            record(
              w,
              { pageHost: it.host, host: it.host, providerIds: it.providerIds, failure: it.failure },
              now,
            );
          }
          const s = signal(w, now);
          const liveProblem = s.local === 'connection_problem';
          for (const p of Object.values(s.perProvider)) {
            expect(p.failed + p.siteFailed).toBeLessThanOrEqual(p.requests);
            expect(p.failingSites).toBeLessThanOrEqual(p.problemSites);
            expect(p.problemSites).toBeLessThanOrEqual(p.sites);
            if (liveProblem) expect(p.state).toBe('insufficient');
            if (p.state === 'failing_here') expect(p.failingSites).toBeGreaterThanOrEqual(MIN_FAILING_SITES);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
