import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultClassifier } from '../core/detect/index.ts';
import { decodeMinute } from '../core/observe/index.ts';
import { FakeStorage } from './__fixtures__/fake-storage.ts';
import { cloudflareDocument as doc } from './__fixtures__/responses.ts';
import {
  CHECK_INTERVAL_MS,
  type ErrorEvent,
  MAX_PARTS,
  OBSERVE_FLUSH_DELAY_MS,
  OBSERVE_KEYS,
  type ObservedResponse,
  Observer,
} from './observed.ts';
import { PageStore } from './store.ts';
import { Tracker } from './tracker.ts';

const T0 = Date.UTC(2026, 2, 14, 12, 0, 0);
/** One service-worker lifetime over a session area that outlives it. */
function worker(area: FakeStorage, clock: { now: number }) {
  const store = new PageStore(area);
  const tracker = new Tracker(store, defaultClassifier(), () => clock.now);
  const changes: number[] = [];
  const observer = new Observer(area, {
    classifier: defaultClassifier(),
    pageOf: (tabId, prerender) => store.ref(tabId, prerender),
    onChanged: () => changes.push(clock.now),
    now: () => clock.now,
  });
  const respond = async (event: ObservedResponse) => {
    const recorded = await tracker.onResponse(event);
    if (recorded) await observer.onResponse(event, recorded);
  };
  const fail = async (event: ErrorEvent) => {
    await store.ready;
    await observer.onError(event);
  };
  const flush = () => Promise.all([store.flush(), observer.flush()]);
  return { store, tracker, observer, respond, fail, flush, changes };
}

const timeout = (tabId: number, url: string): ErrorEvent => ({
  tabId,
  url,
  type: 'script',
  error: 'net::ERR_CONNECTION_TIMED_OUT',
});

/** Three Cloudflare-served sites whose scripts time out, and a plain site that works. */
async function cloudflareFailing(w: ReturnType<typeof worker>) {
  const sites = ['shop-a.com', 'blog-b.com', 'news-c.com'];
  for (const [i, site] of sites.entries()) await w.respond(doc(i + 1, `https://${site}/`));
  await w.respond(doc(4, 'https://plain-d.org/', { ip: '192.0.2.10', responseHeaders: [] }));
  for (const [i, site] of sites.entries()) {
    await w.fail(timeout(i + 1, `https://${site}/app.js`));
    await w.fail(timeout(i + 1, `https://${site}/vendor.js`));
  }
}

afterEach(() => {
  vi.useRealTimers();
});

describe('observer', () => {
  it('charges header-less failures to the providers that served the host, and sees Cloudflare failing here', async () => {
    const clock = { now: T0 };
    const w = worker(new FakeStorage(), clock);
    await cloudflareFailing(w);
    const sig = w.observer.signal();
    expect(sig.local).toBe('ok');
    expect(sig.perProvider.cloudflare).toMatchObject({
      state: 'failing_here',
      failingSites: 3,
      sites: 3,
    });
    // The failures are on the tabs' pages, as network errors under Cloudflare.
    const page = w.store.get(1)!;
    const observed = w.observer.forPage(1, page.startedAt, ['cloudflare']);
    expect(observed.providers.cloudflare?.state).toBe('failing_here');
    expect(observed.errors).toEqual([
      { host: 'shop-a.com', providerId: 'cloudflare', error: 'timeout', n: 2, at: T0 },
    ]);
  });

  it('ignores cancelled and blocked requests, and requests of no tab', async () => {
    const clock = { now: T0 };
    const w = worker(new FakeStorage(), clock);
    await w.respond(doc(1, 'https://shop-a.com/'));
    await w.fail({ ...timeout(1, 'https://shop-a.com/a.js'), error: 'net::ERR_ABORTED' });
    await w.fail({ ...timeout(1, 'https://ads.example/a.js'), error: 'net::ERR_BLOCKED_BY_CLIENT' });
    await w.fail({ ...timeout(-1, 'https://status.example/api') });
    expect(w.observer.signal().perProvider.cloudflare).toMatchObject({
      okSites: 1,
      failingSites: 0,
      state: 'ok',
    });
    expect(w.observer.forPage(1, w.store.get(1)!.startedAt, ['cloudflare']).errors).toEqual([]);
  });

  it('explains an error response of the page, with the PoP of the edge', async () => {
    const clock = { now: T0 };
    const w = worker(new FakeStorage(), clock);
    await w.respond(doc(1, 'https://shop-a.com/'));
    await w.respond({ ...doc(1, 'https://shop-a.com/api'), type: 'xmlhttprequest', statusCode: 522 });
    const observed = w.observer.forPage(1, w.store.get(1)!.startedAt, ['cloudflare']);
    expect(observed.errors).toHaveLength(1);
    expect(observed.errors[0]).toMatchObject({
      host: 'shop-a.com',
      providerId: 'cloudflare',
      status: 522,
      n: 1,
      explanation: { id: 'cf-522', blame: 'site', key: 'explainCf522', pop: 'CDG' },
    });
    // A 522 is the site's problem: it never counts against Cloudflare.
    expect(w.observer.signal().perProvider.cloudflare).toMatchObject({ failingSites: 0, siteErrorSites: 1 });
  });

  it('drops a page’s errors when the tab navigates or closes', async () => {
    const clock = { now: T0 };
    const w = worker(new FakeStorage(), clock);
    await w.respond(doc(1, 'https://shop-a.com/'));
    await w.respond({ ...doc(1, 'https://shop-a.com/api'), statusCode: 522, type: 'xmlhttprequest' });
    clock.now += 1_000;
    await w.respond(doc(1, 'https://blog-b.com/'));
    expect(w.observer.forPage(1, w.store.get(1)!.startedAt, ['cloudflare']).errors).toEqual([]);
    await w.respond({ ...doc(1, 'https://blog-b.com/x'), statusCode: 521, type: 'script' });
    expect(w.observer.forPage(1, w.store.get(1)!.startedAt, ['cloudflare']).errors).toHaveLength(1);
    await w.flush();
    await w.tracker.onRemoved(1);
    await w.observer.dropTab(1);
    await w.flush();
    expect(w.observer.forPage(1, w.store.get(1)?.startedAt ?? 0, ['cloudflare']).errors).toEqual([]);
  });

  it('keeps the window, the host memory and the page errors across a worker restart', async () => {
    const clock = { now: T0 };
    const area = new FakeStorage();
    const first = worker(area, clock);
    await cloudflareFailing(first);
    clock.now += 1_000;
    await first.respond({ ...doc(1, 'https://shop-a.com/api'), statusCode: 522, type: 'xmlhttprequest' });
    await first.flush();
    expect([...area.data.keys()].some((k) => k.startsWith(`${OBSERVE_KEYS.window}:`))).toBe(true);
    expect(area.data.has(OBSERVE_KEYS.hosts)).toBe(true);
    expect(area.data.has(OBSERVE_KEYS.pages)).toBe(true);

    // The worker is killed; a new one wakes up on a network error, before its state is read back.
    clock.now += 9_000;
    area.readDelayMs = 20;
    const second = worker(area, clock);
    const early = second.fail(timeout(2, 'https://blog-b.com/late.js'));
    await early;
    await second.flush();

    const sig = second.observer.signal();
    // Restored, and the late timeout was charged to Cloudflare through the restored host memory.
    expect(sig.perProvider.cloudflare).toMatchObject({ state: 'failing_here', failingSites: 3, sites: 3 });
    await second.store.load(1);
    const errors = second.observer.forPage(1, second.store.get(1)!.startedAt, ['cloudflare']).errors;
    // Most recent first; the page's record and its errors came back together.
    expect(errors.map((e) => [e.status ?? e.error, e.n])).toEqual([
      [522, 1],
      ['timeout', 2],
    ]);
    // What was written back holds both workers' observations.
    const third = worker(area, clock);
    await third.observer.ready;
    expect(third.observer.signal().perProvider.cloudflare?.failingSites).toBe(3);
  });

  it('reports a change once per check, and nothing when nothing changed', async () => {
    const clock = { now: T0 };
    const w = worker(new FakeStorage(), clock);
    await w.observer.ready;
    await cloudflareFailing(w);
    w.observer.check();
    expect(w.changes).toEqual([T0]);
    // Nothing new: nothing to recompute.
    w.observer.check();
    expect(w.changes).toHaveLength(1);
    // One more failure of a failing site changes nothing the badges say.
    await w.fail(timeout(1, 'https://shop-a.com/more.js'));
    w.observer.check();
    expect(w.changes).toHaveLength(1);
    // A fourth failing site changes the counts the tooltip quotes: one change.
    await w.respond(doc(5, 'https://cafe-e.com/'));
    await w.fail(timeout(5, 'https://cafe-e.com/app.js'));
    await w.fail(timeout(5, 'https://cafe-e.com/vendor.js'));
    w.observer.check();
    w.observer.check();
    expect(w.changes).toHaveLength(2);
    // Ten minutes later the failures have left the signal's span.
    clock.now += 10 * 60_000;
    w.observer.check();
    expect(w.changes).toEqual([T0, T0, T0 + 10 * 60_000]);
  });

  it('checks at most once per interval, however many events arrive', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const clock = { now: T0 };
    const w = worker(new FakeStorage(), clock);
    await w.observer.ready;
    const check = vi.spyOn(w.observer, 'check');
    await cloudflareFailing(w);
    await vi.advanceTimersByTimeAsync(0);
    expect(check).toHaveBeenCalledTimes(1);
    // A fourth site fails, then twenty more failures.
    await w.respond(doc(5, 'https://cafe-e.com/'));
    for (let i = 0; i < 20; i++) await w.fail(timeout(5, `https://cafe-e.com/${i}.js`));
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS / 2);
    expect(check).toHaveBeenCalledTimes(1);
    clock.now += CHECK_INTERVAL_MS;
    await vi.advanceTimersByTimeAsync(CHECK_INTERVAL_MS);
    expect(check).toHaveBeenCalledTimes(2);
    // Twenty-one events in between: one change for all of them.
    expect(w.changes).toEqual([T0, T0 + CHECK_INTERVAL_MS]);
  });
});

describe('observer writes', () => {
  it('batch a page load into one write per batch window, not one per response', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const area = new FakeStorage();
      const clock = { now: T0 };
      const observer = new Observer(area, {
        classifier: defaultClassifier(),
        pageOf: () => undefined,
        onChanged: () => {},
        now: () => clock.now,
      });
      await observer.ready;
      const recorded = { pageHost: 'shop.example', host: 'shop.example', detections: [] };
      for (let i = 0; i < 40; i++) {
        await observer.onResponse(doc(1, `https://shop.example/${i}.js`, { type: 'script' }), recorded);
      }
      await vi.advanceTimersByTimeAsync(OBSERVE_FLUSH_DELAY_MS / 2);
      expect(area.writes).toBe(0);
      await vi.advanceTimersByTimeAsync(OBSERVE_FLUSH_DELAY_MS);
      expect(area.writes).toBe(1);
      expect([...area.data.keys()].some((k) => k.startsWith(`${OBSERVE_KEYS.window}:`))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('observer storage', () => {
  it('writes the current minute of the window alone, and the host memory only when it learnt something', async () => {
    const area = new FakeStorage();
    const clock = { now: T0 };
    const w = worker(area, clock);
    await w.respond(doc(1, 'https://shop-a.com/'));
    await w.flush();
    clock.now += 2 * 60_000;
    await w.respond(doc(1, 'https://shop-a.com/'));
    await w.respond(doc(2, 'https://blog-b.com/'));
    area.written.length = 0;
    await w.flush();
    const observed = area.written
      .flatMap((items) => Object.keys(items))
      .filter((k) => k.startsWith('observe:'));
    // shop-a.com's providers were known and written a moment ago: only blog-b.com is news.
    expect(observed.sort()).toEqual(['observe:hosts', `observe:window:${T0 + 2 * 60_000}:0`]);
    clock.now += 1_000;
    await w.respond(doc(1, 'https://shop-a.com/'));
    area.written.length = 0;
    await w.flush();
    // The minute's second part: shop-a.com's bucket alone (blog-b.com's did not change).
    const written = area.written
      .flatMap((items) => Object.entries(items))
      .filter(([k]) => k.startsWith('observe:'));
    expect(written.map(([k]) => k)).toEqual([`observe:window:${T0 + 2 * 60_000}:1`]);
    const part = decodeMinute(T0 + 2 * 60_000, written[0]![1]);
    expect(part.map((b) => [b.host, b.ok])).toEqual([['shop-a.com', 2]]);
    // A fresh worker reads every minute back.
    const second = worker(area, clock);
    await second.observer.ready;
    expect(second.observer.signal().perProvider.cloudflare).toMatchObject({ sites: 2, okSites: 2 });
  });

  it('reads the window of the old single key, writes it by minute and removes the old one', async () => {
    const area = new FakeStorage();
    const clock = { now: T0 };
    const old = worker(area, clock);
    await cloudflareFailing(old);
    await old.flush();
    // As stored before: the whole window under one key, as an object.
    const minutes = [...area.data.keys()].filter((k) => k.startsWith('observe:window:'));
    const buckets = minutes.flatMap((k) => decodeMinute(Number(k.split(':')[2]), area.data.get(k)));
    for (const k of minutes) area.data.delete(k);
    area.data.set(OBSERVE_KEYS.window, { v: 1, buckets });
    const second = worker(area, clock);
    await second.observer.ready;
    expect(second.observer.signal().perProvider.cloudflare).toMatchObject({
      state: 'failing_here',
      failingSites: 3,
    });
    await second.respond(doc(5, 'https://plain-e.org/', { ip: '192.0.2.11', responseHeaders: [] }));
    await second.flush();
    expect(area.data.has(OBSERVE_KEYS.window)).toBe(false);
    expect([...area.data.keys()].filter((k) => k.startsWith('observe:window:'))).toEqual(minutes);
  });
});

describe('a request that fails after its response started', () => {
  it('is counted once, as the response it was', async () => {
    const clock = { now: T0 };
    const w = worker(new FakeStorage(), clock);
    await w.observer.ready;
    await w.respond(doc(1, 'https://shop-a.com/', { requestId: 'r1' }));
    expect(w.observer.wasAnswered('r1')).toBe(true);
    expect(w.observer.wasAnswered('r2')).toBe(false);
    expect(w.observer.wasAnswered(undefined)).toBe(false);
    await w.fail({ ...timeout(1, 'https://shop-a.com/'), type: 'main_frame', requestId: 'r1' });
    // Its one answered request: the site works.
    expect(w.observer.signal().perProvider.cloudflare).toMatchObject({
      state: 'ok',
      okSites: 1,
      failingSites: 0,
    });
    // Another request that never got a response still counts as a failure.
    await w.fail({ ...timeout(1, 'https://shop-a.com/x.js'), requestId: 'r2' });
    expect(w.observer.signal().perProvider.cloudflare).toMatchObject({ failingSites: 1, okSites: 0 });
  });
});

describe('the window in storage', () => {
  it('a minute written in parts comes back whole, a later part winning; past its bound it is written whole again', async () => {
    const area = new FakeStorage();
    const clock = { now: T0 };
    const w = worker(area, clock);
    await w.respond(doc(1, 'https://shop-a.com/'));
    await w.respond(doc(2, 'https://blog-b.com/'));
    await w.flush();
    for (let i = 1; i < MAX_PARTS; i++) {
      clock.now += 100;
      await w.respond(doc(1, 'https://shop-a.com/'));
      await w.flush();
    }
    const keys = () => [...area.data.keys()].filter((k) => k.startsWith('observe:window:')).sort();
    expect(keys()).toHaveLength(MAX_PARTS);
    const second = worker(area, clock);
    await second.observer.ready;
    expect(second.observer.signal().perProvider.cloudflare).toMatchObject({ okSites: 2 });
    // No room for another part: the minute is written whole as its part 0, the others removed.
    await second.respond(doc(2, 'https://blog-b.com/'));
    await second.flush();
    expect(keys()).toEqual([`observe:window:${T0}:0`]);
    const whole = decodeMinute(T0, area.data.get(`observe:window:${T0}:0`));
    expect(whole.map((b) => [b.host, b.ok]).sort()).toEqual([
      ['blog-b.com', 2],
      ['shop-a.com', MAX_PARTS],
    ]);
    // Minutes that leave the window leave storage.
    clock.now += 20 * 60_000;
    await second.respond(doc(1, 'https://shop-a.com/'));
    await second.flush();
    expect(keys()).toEqual([`observe:window:${T0 + 20 * 60_000}:0`]);
  });
});
