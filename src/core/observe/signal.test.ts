import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { networkFailure } from './errors.ts';
import { responseFailure } from './explanations.ts';
import messages from './messages.json' with { type: 'json' };
import {
  chargeFailure,
  describeLocal,
  describeObserved,
  failingHere,
  MIN_FAILING_SITES,
  type ProviderSignal,
  SITE_SPAN_MS,
  type Signal,
  signal,
  VISIT_MS,
} from './signal.ts';
import type { Failure } from './types.ts';
import { newWindow, type ObservationWindow, record } from './window.ts';

const T0 = Date.UTC(2026, 8, 1, 12, 0, 0);
const SEC = 1_000;
const MIN = 60_000;

const TIMEOUT: Failure = { kind: 'network', error: 'timeout' };
const REFUSED: Failure = { kind: 'network', error: 'refused' };
/** Cloudflare's plain 502 page: the extension cannot read it, so the table cannot tell. */
const CF_502: Failure = { kind: 'http', status: 502, blame: 'unclear' };
const CF_522 = responseFailure({ status: 522, headers: [], providerIds: ['cloudflare'] }).failure!;

/**
 * One page visit as the browser makes it: `ok` requests that worked and `failed` that failed,
 * a few hundred milliseconds apart, starting at `at` with the page's document (the first failed
 * request if any, else the first that worked; `document: false` for requests of a page left
 * open). The window is read at the visit's end.
 */
function visit(
  w: ObservationWindow,
  host: string,
  providerIds: string[],
  at: number,
  {
    ok = 0,
    failed = 0,
    failure = CF_502,
    document = true,
  }: { ok?: number; failed?: number; failure?: Failure; document?: boolean } = {},
): number {
  let t = at;
  let first = document;
  const next = (f?: Failure) => {
    record(w, { time: t, pageHost: host, host, providerIds, failure: f, document: first }, t);
    first = false;
    t += 200;
  };
  for (let i = 0; i < failed; i++) next(failure);
  for (let i = 0; i < ok; i++) next();
  return t;
}

const cf = (sig: Signal): ProviderSignal | undefined => sig.perProvider.cloudflare;

/** Healthy browsing: `n` Cloudflare sites of 30 requests each and a Fastly one, over `span`. */
function healthyBrowsing(w: ObservationWindow, from: number, n: number, span: number): void {
  for (let i = 0; i < n; i++)
    visit(w, `www.healthy-${i}.example`, ['cloudflare'], from + (i * span) / n, { ok: 30 });
  visit(w, 'static.fastly-news.example', ['fastly'], from + span / 2, { ok: 12 });
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
    expect(chargeFailure(['cloudflare'], CF_522)).toEqual({ charged: [], siteOf: ['cloudflare'] });
  });
});

describe('timelines: sites are judged, not requests', () => {
  it('healthy browsing, then an outage: warns at the third failing site', () => {
    const w = newWindow();
    // Ten minutes of normal browsing: eight healthy Cloudflare sites (240 requests) and a Fastly one.
    healthyBrowsing(w, T0, 8, 4 * MIN);
    // The outage starts at T0 + 4 min 30 s. Each failing site gives one request: its error page.
    const outage = T0 + 4 * MIN + 30 * SEC;
    const first = visit(w, 'www.shop-a.example', ['cloudflare'], outage + 10 * SEC, { failed: 1 });
    expect(cf(signal(w, first))?.state).toBe('site_problem');
    const second = visit(w, 'app.tool-b.example', ['cloudflare'], outage + 30 * SEC, { failed: 1 });
    expect(cf(signal(w, second))?.state).toBe('site_problem');
    const third = visit(w, 'news-c.example', ['cloudflare'], outage + 50 * SEC, { failed: 1 });
    const s = cf(signal(w, third))!;
    // At once: the healthy sites answered before the failures began, they say nothing about now.
    expect(s).toMatchObject({
      state: 'failing_here',
      failingSites: 3,
      healthySites: 0,
      // The healthy sites of the last SITE_SPAN_MS (three of the eight), none since the outage.
      okSites: 3,
      sites: 6,
      failingSince: outage + 10 * SEC,
    });
    expect(failingHere(signal(w, third))).toEqual(['cloudflare']);
    // The Fastly page was read 3 min 20 s earlier, out of the span: Cloudflare's own error pages
    // show the connection works.
    expect(signal(w, third).perProvider.fastly).toBeUndefined();
  });

  it('healthy browsing right up to the outage, within the same minute: still warns at the third site', () => {
    const w = newWindow();
    // The same three sites were browsed healthily seconds before failing (same minute buckets).
    const sites = ['www.shop-a.example', 'app.tool-b.example', 'news-c.example'];
    for (const [i, host] of sites.entries()) visit(w, host, ['cloudflare'], T0 + i * 5 * SEC, { ok: 25 });
    visit(w, 'static.fastly-news.example', ['fastly'], T0 + 16 * SEC, { ok: 8 });
    // A reload seconds after a healthy load that fails counts as failing (same minute's tally).
    let end = visit(w, sites[0]!, ['cloudflare'], T0 + 12 * SEC, { failed: 1 });
    expect(cf(signal(w, end))).toMatchObject({ failingSites: 1 });
    for (const [i, host] of sites.entries()) {
      end = visit(w, host, ['cloudflare'], T0 + 30 * SEC + i * 8 * SEC + VISIT_MS, { failed: 1 });
    }
    expect(cf(signal(w, end))).toMatchObject({ state: 'failing_here', failingSites: 3, healthySites: 0 });
  });

  it('sites browsed healthily a second before they fail: their new documents start new visits', () => {
    const w = newWindow();
    // Four Cloudflare sites of 30 requests each; the outage starts and three of them, reloaded
    // a second after their healthy load finished, fail: what the healthy page answered is older
    // than the failing document, so it does not count.
    const sites = ['www.shop-a.example', 'app.tool-b.example', 'news-c.example', 'd.example'];
    let t = visit(w, sites[3]!, ['cloudflare'], T0, { ok: 30 });
    t = visit(w, 'static.fastly-news.example', ['fastly'], t, { ok: 8 });
    for (const host of sites.slice(0, 3)) {
      t = visit(w, host, ['cloudflare'], t, { ok: 30 });
      t = visit(w, host, ['cloudflare'], t + SEC, { failed: 1 });
    }
    expect(cf(signal(w, t))).toMatchObject({
      state: 'failing_here',
      failingSites: 3,
      healthySites: 0,
      okSites: 1,
    });
    // Reloaded a second later and fine again: that site works.
    t = visit(w, sites[0]!, ['cloudflare'], t + SEC, { ok: 30 });
    expect(cf(signal(w, t))).toMatchObject({ failingSites: 2, healthySites: 1 });
  });

  it('a healthy site visited during the outage is judged against it', () => {
    const w = newWindow();
    healthyBrowsing(w, T0, 3, 2 * MIN);
    const outage = T0 + 3 * MIN;
    visit(w, 'a.example', ['cloudflare'], outage, { failed: 1 });
    visit(w, 'b.example', ['cloudflare'], outage + 10 * SEC, { failed: 1 });
    // Four Cloudflare sites answer fine after the failures began: Cloudflare works for most.
    for (let i = 0; i < 4; i++)
      visit(w, `fine-${i}.example`, ['cloudflare'], outage + (15 + i * 5) * SEC, { ok: 20 });
    const end = visit(w, 'c.example', ['cloudflare'], outage + 40 * SEC, { failed: 1 });
    const s = cf(signal(w, end))!;
    expect(s).toMatchObject({ state: 'site_problem', failingSites: 3, healthySites: 4 });
    expect(describeObserved(s, 'Cloudflare').key).toBe('observedSiteProblemShare');
  });

  it('one site down among healthy ones never warns, however often it is reloaded', () => {
    const w = newWindow();
    let now = T0;
    for (let step = 0; step < 30; step++) {
      now = visit(w, `www.healthy-${step % 6}.example`, ['cloudflare'], T0 + step * 20 * SEC, { ok: 15 });
      now = visit(w, 'broken-shop.example', ['cloudflare'], now + 2 * SEC, { failed: 1 });
      visit(w, 'static.fastly-news.example', ['fastly'], now + SEC, { ok: 3 });
      const s = cf(signal(w, now + 2 * SEC))!;
      expect(s.state, `step ${step}`).toBe('site_problem');
      expect(s.failingSites).toBe(1);
    }
    expect(describeObserved(cf(signal(w, now + 2 * SEC))!, 'Cloudflare').key).toBe('observedSiteProblemOne');
  });

  it('recovery with nothing reloaded: each failure stops counting SITE_SPAN_MS after it', () => {
    const w = newWindow();
    visit(w, 'static.fastly-news.example', ['fastly'], T0, { ok: 10 });
    const at: number[] = [];
    for (const [i, host] of ['a.example', 'b.example', 'c.example', 'd.example'].entries()) {
      at.push(T0 + (i + 1) * 10 * SEC);
      visit(w, host, ['cloudflare'], at[i]!, { failed: 1 });
    }
    expect(cf(signal(w, at[3]! + SEC))?.state).toBe('failing_here');
    // The outage ends and nothing is reloaded: three failures still count until the second one
    // is SITE_SPAN_MS old, then the warning is gone.
    expect(cf(signal(w, at[1]! + SITE_SPAN_MS - SEC))?.state).toBe('failing_here');
    expect(cf(signal(w, at[1]! + SITE_SPAN_MS + SEC))).toMatchObject({
      state: 'site_problem',
      failingSites: 2,
    });
    const later = signal(w, at[3]! + SITE_SPAN_MS + SEC);
    expect(cf(later)).toBeUndefined();
    expect(failingHere(later)).toEqual([]);
  });

  it('recovery with the sites reloaded: clears as soon as they answer again', () => {
    const w = newWindow();
    visit(w, 'static.fastly-news.example', ['fastly'], T0, { ok: 10 });
    const hosts = ['a.example', 'b.example', 'c.example', 'd.example'];
    let t = T0;
    for (const [i, host] of hosts.entries())
      t = visit(w, host, ['cloudflare'], T0 + (i + 1) * 10 * SEC, { failed: 1 });
    expect(cf(signal(w, t))?.state).toBe('failing_here');
    // Two of the four reload fine 30 s later: two failing sites are no longer a pattern.
    t = visit(w, 'a.example', ['cloudflare'], t + 30 * SEC, { ok: 20 });
    expect(cf(signal(w, t))?.state).toBe('failing_here');
    t = visit(w, 'b.example', ['cloudflare'], t + 5 * SEC, { ok: 20 });
    expect(cf(signal(w, t))).toMatchObject({ state: 'site_problem', failingSites: 2, okSites: 2 });
  });

  it('flapping: one site flipping between failing and working never warns', () => {
    const w = newWindow();
    healthyBrowsing(w, T0, 4, MIN);
    for (let i = 0; i < 20; i++) {
      const end = visit(w, 'flaky.example', ['cloudflare'], T0 + MIN + i * 25 * SEC, {
        ...(i % 2 === 0 ? { failed: 1 } : { ok: 12 }),
      });
      expect(cf(signal(w, end))?.state).not.toBe('failing_here');
    }
  });

  it('flapping: an intermittent outage is not cleared by one good answer', () => {
    const w = newWindow();
    visit(w, 'static.fastly-news.example', ['fastly'], T0, { ok: 10 });
    const hosts = ['a.example', 'b.example', 'c.example', 'd.example', 'e.example'];
    // The provider fails for 40 s, works for 20 s, over and over; a site is opened every 10 s.
    const states: string[] = [];
    for (let step = 0; step < 24; step++) {
      const at = T0 + SEC + step * 10 * SEC;
      const bad = step % 6 < 4;
      const end = visit(w, hosts[step % hosts.length]!, ['cloudflare'], at, bad ? { failed: 1 } : { ok: 15 });
      states.push(cf(signal(w, end))!.state);
    }
    // Once warned (the third failing site), every good spell of two answers leaves it on.
    const firstWarning = states.indexOf('failing_here');
    expect(firstWarning).toBe(MIN_FAILING_SITES - 1);
    expect(states.slice(firstWarning).every((s) => s === 'failing_here')).toBe(true);
  });

  it('a user whose only traffic is one failing site: a site problem, no comparison', () => {
    const w = newWindow();
    let t = T0;
    for (let i = 0; i < 5; i++)
      t = visit(w, 'only-site.example', ['cloudflare'], T0 + i * 15 * SEC, { failed: 1 });
    const s = signal(w, t);
    expect(cf(s)).toMatchObject({ state: 'site_problem', failingSites: 1, okSites: 0, sites: 1 });
    expect(s.local).toBe('ok');
  });

  it('three sites timing out with nothing but that provider answering are not blamed on it', () => {
    const w = newWindow();
    // Only Cloudflare sites were browsed: no other provider's traffic to compare with.
    let t = visit(w, 'www.healthy.example', ['cloudflare'], T0, { ok: 30 });
    for (const host of ['a.example', 'b.example'])
      t = visit(w, host, ['cloudflare'], t + SEC, { failed: 1, failure: TIMEOUT });
    t = visit(w, 'c.example', ['cloudflare'], t + SEC, { failed: 1, failure: REFUSED });
    const sig = signal(w, t);
    expect(sig.local).toBe('ok');
    const s = cf(sig)!;
    expect(s).toMatchObject({ state: 'insufficient', reason: 'no_comparison', failingSites: 3 });
    expect(describeObserved(s, 'Cloudflare').key).toBe('observedNoComparison');
  });

  it('a connection that drops after healthy browsing: what answered before the failures compares with nothing', () => {
    const w = newWindow();
    // Healthy browsing a few seconds earlier: three Cloudflare sites and a Fastly one.
    for (const [i, host] of ['a.example', 'b.example', 'c.example'].entries())
      visit(w, host, ['cloudflare'], T0 + i * SEC, { ok: 20 });
    visit(w, 'news.example', ['fastly'], T0 + 4 * SEC, { ok: 12 });
    // The connection drops: each of them reloaded gets no answer at all.
    let t = T0 + 20 * SEC;
    for (const host of ['a.example', 'b.example', 'c.example'])
      t = visit(w, host, ['cloudflare'], t + SEC, { failed: 1, failure: TIMEOUT });
    t = visit(w, 'news.example', ['fastly'], t + SEC, { failed: 1, failure: TIMEOUT });
    const dropped = signal(w, t);
    // Too many answers in the last two minutes for the connection check, yet not Cloudflare's fault.
    expect(dropped.local).toBe('ok');
    expect(cf(dropped)).toMatchObject({ state: 'insufficient', reason: 'no_comparison', failingSites: 3 });
    expect(failingHere(dropped)).toEqual([]);
    // Something else answering once the failures began is the comparison.
    t = visit(w, 'other.example', ['akamai'], t + SEC, { ok: 3 });
    expect(cf(signal(w, t))).toMatchObject({ state: 'failing_here', failingSites: 3 });
  });

  it('three sites timing out and nothing else at all: the user’s own connection', () => {
    const w = newWindow();
    let t = T0;
    for (const host of ['a.example', 'b.example', 'c.example'])
      t = visit(w, host, ['cloudflare'], t + SEC, { failed: 1, failure: TIMEOUT });
    expect(signal(w, t).local).toBe('connection_problem');
    expect(cf(signal(w, t))).toMatchObject({ state: 'insufficient', reason: 'connection' });
  });

  it('three error pages from the provider itself need no comparison: its servers answered', () => {
    const w = newWindow();
    let t = T0;
    for (const host of ['a.example', 'b.example', 'c.example'])
      t = visit(w, host, ['cloudflare'], t + SEC, { failed: 1 });
    expect(cf(signal(w, t))).toMatchObject({ state: 'failing_here', failingSites: 3 });
  });

  it('errors the table blames on the sites never make the provider fail', () => {
    const w = newWindow();
    let t = T0;
    for (const host of ['a.example', 'b.example', 'c.example', 'd.example'])
      t = visit(w, host, ['cloudflare'], t + SEC, { failed: 5, failure: CF_522 });
    visit(w, 'e.example', ['fastly'], t, { ok: 5 });
    expect(cf(signal(w, t + SEC))).toMatchObject({
      state: 'site_problem',
      failingSites: 0,
      siteErrorSites: 4,
    });
  });

  it('a page with one failing image among many answers is a working site', () => {
    const w = newWindow();
    let t = T0;
    for (const host of ['a.example', 'b.example', 'c.example']) {
      // Thirty answers, then one image failing as the page's very last request.
      t = visit(w, host, ['cloudflare'], t + SEC, { ok: 30 });
      t = visit(w, host, ['cloudflare'], t, { failed: 1, document: false });
    }
    visit(w, 'e.example', ['fastly'], t, { ok: 5 });
    expect(cf(signal(w, t + SEC))).toMatchObject({ state: 'ok', okSites: 3, failingSites: 0 });
  });
});

describe('your own connection', () => {
  it('everything failing → connection problem and no provider failing', () => {
    const w = newWindow();
    visit(w, 'a.example', ['cloudflare'], T0, { failed: 4, failure: TIMEOUT });
    visit(w, 'b.example', ['fastly'], T0 + SEC, { failed: 4, failure: { kind: 'network', error: 'dns' } });
    visit(w, 'c.example', ['akamai'], T0 + 2 * SEC, { failed: 4, failure: TIMEOUT });
    visit(w, 'd.example', [], T0 + 3 * SEC, { failed: 4, failure: REFUSED });
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
    visit(w, 'a.example', ['cloudflare'], T0, { failed: 10, failure: TIMEOUT });
    visit(w, 'b.example', ['fastly'], T0, { failed: 10, failure: TIMEOUT });
    visit(w, 'c.example', ['akamai'], T0, { failed: 10, failure: TIMEOUT });
    expect(signal(w, T0 + 3 * SEC).local).toBe('connection_problem');
    visit(w, 'd.example', [], T0 + 4 * SEC, { ok: 1 });
    expect(signal(w, T0 + 5 * SEC).local).toBe('ok');
  });

  it('the browser saying it is offline is a connection problem until something answers', () => {
    const w = newWindow();
    visit(w, 'a.example', ['cloudflare'], T0, { ok: 20 });
    visit(w, 'b.example', ['cloudflare'], T0 + 5 * SEC, {
      failed: 1,
      failure: { kind: 'network', error: 'offline' },
    });
    const s = signal(w, T0 + 6 * SEC);
    expect(s.local).toBe('connection_problem');
    // Offline errors are the user's, never the provider's.
    expect(s.perProvider.cloudflare?.failingSites).toBe(0);
    visit(w, 'a.example', ['cloudflare'], T0 + 7 * SEC, { ok: 1 });
    expect(signal(w, T0 + 8 * SEC).local).toBe('ok');
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
    sites: 4,
    failingSites: 1,
    siteErrorSites: 0,
    okSites: 3,
    healthySites: 3,
    spanMinutes: 3,
  };

  it('counts sites in the order of its substitutions', () => {
    expect(
      describeObserved({ ...base, state: 'failing_here', failingSites: 3, healthySites: 1 }, 'Cloudflare'),
    ).toEqual({
      key: 'observedFailingHere',
      subs: ['3', '4', 'Cloudflare', '3', '3', '3'],
    });
  });

  it('picks the singular forms', () => {
    expect(describeObserved(base, 'Fastly').key).toBe('observedSiteProblemOne');
    expect(describeObserved({ ...base, state: 'ok', failingSites: 0, okSites: 1 }, 'Fastly').key).toBe(
      'observedOkOne',
    );
  });

  it('uses the language’s plural rules and number format when given', () => {
    const fr = new Intl.PluralRules('fr');
    const nf = new Intl.NumberFormat('fr');
    const ref = describeObserved({ ...base, state: 'ok', failingSites: 0, okSites: 1234 }, 'Fastly', {
      plural: (n) => fr.select(n),
      num: (n) => nf.format(n),
    });
    expect(ref.key).toBe('observedOkOther');
    expect(ref.subs[4]).toBe(nf.format(1234));
  });

  it('only names keys present in both languages', () => {
    const states: ProviderSignal[] = [
      { ...base, state: 'failing_here' },
      base,
      { ...base, siteErrorSites: 2 },
      { ...base, failingSites: 3, healthySites: 5 },
      { ...base, state: 'ok', okSites: 1 },
      { ...base, state: 'ok' },
      { ...base, state: 'insufficient', reason: 'connection' },
      { ...base, state: 'insufficient', reason: 'no_comparison' },
    ];
    for (const s of states) {
      const { key, subs } = describeObserved(s, 'Fastly');
      expect(messages.en).toHaveProperty(key);
      expect(messages.fr).toHaveProperty(key);
      expect(subs).toHaveLength(6);
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
            expect(p.failingSites + p.siteErrorSites + p.okSites).toBe(p.sites);
            expect(p.healthySites).toBeLessThanOrEqual(p.okSites);
            if (liveProblem) expect(p.state).toBe('insufficient');
            if (p.state === 'failing_here') expect(p.failingSites).toBeGreaterThanOrEqual(MIN_FAILING_SITES);
            if (p.failingSites > 0) expect(p.failingSince).toBeLessThanOrEqual(p.lastFailureAt!);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
