import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedSource } from '../core/catalog/types.ts';
import { defaultClassifier } from '../core/detect/index.ts';
import { SHOP_RESPONSES } from '../core/page/__fixtures__/pages.ts';
import { reportedPage } from '../core/page-state.ts';
import { fakeDoh, nsAnswer } from '../core/resilience/__fixtures__/fake-doh.ts';
import { translator } from '../core/resilience/__fixtures__/translator.ts';
import { dohFetcher } from '../core/resilience/lookup.ts';
import { DEFAULT_SETTINGS, SETTINGS_KEY } from '../core/settings.ts';
import type { Fetcher, FetchRequest } from '../core/status/poller.ts';
import { answerOf, dispatch, REQUEST_TYPES, type Request, type RequestType } from '../messages.ts';
import { FakeStorage } from './__fixtures__/fake-storage.ts';
import { DnsLookups } from './dns.ts';
import { messageHandlers } from './handlers.ts';
import { historyHandlers } from './history.ts';
import { Incidents } from './incidents.ts';
import { userSites } from './notifications.ts';
import { Observer } from './observed.ts';
import { Resilience } from './resilience.ts';
import { SettingsStore } from './settings.ts';
import { SitesOff } from './sites.ts';
import { StatusService } from './status.ts';
import { PageStore } from './store.ts';
import { Tracker } from './tracker.ts';
import { WatchList } from './watch.ts';

const CLOUDFLARE: FeedSource = { kind: 'statuspage', url: 'https://www.cloudflarestatus.com' };
const SUMMARY = readFileSync(
  join(import.meta.dirname, '..', 'core', 'status', '__fixtures__', 'statuspage', 'cloudflare-colos.json'),
);

/**
 * The background's managers and handler table as index.ts wires them, over fake storage areas,
 * a recorded Cloudflare status feed, fake DoH resolvers and a fake `tabs.get`.
 */
function background(tabs: Record<number, { url?: string }> = {}) {
  const session = new FakeStorage();
  const local = new FakeStorage();
  const feeds: FetchRequest[] = [];
  const fetcher: Fetcher = async (request) => {
    feeds.push(request);
    return { ok: true, status: 200, bytes: new Uint8Array(SUMMARY) };
  };
  const store = new PageStore(session);
  const sites = new SitesOff(local);
  const tracker = new Tracker(store, defaultClassifier(), Date.now, (host) => sites.isOff(host));
  const statuses = new StatusService(
    { cloudflare: CLOUDFLARE },
    () => {},
    () => {},
    local,
    fetcher,
  );
  const observer = new Observer(session, {
    classifier: defaultClassifier(),
    pageOf: (tabId, prerender) => (prerender ? store.getPrerender(tabId) : store.get(tabId)),
  });
  const doh = fakeDoh({
    'cloudflare maple-shop.com NS': {
      body: nsAnswer('maple-shop.com', ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com']),
    },
    'cloudflare *': 'network',
  });
  const resilience = new Resilience({
    page: async (tabId) => {
      await store.ready;
      return reportedPage(store.get(tabId));
    },
    dns: new DnsLookups({ local, fetcher: dohFetcher(doh.fetch, { timeoutMs: 50 }) }),
    t: translator('en'),
    home: async () => undefined,
  });
  const settings = new SettingsStore(local);
  const watch = new WatchList(local, () => {});
  const shown: { id: string; title: string; message: string }[] = [];
  const changes = { n: 0 };
  const incidents = new Incidents({
    area: local,
    sites: userSites({ store, statuses, observer, watch }),
    failing: () => false,
    held: () => new Set(),
    offline: () => false,
    enabled: () => settings.current().notifications,
    statusPageOf: () => CLOUDFLARE.url,
    notifications: {
      create: async (id, o) => {
        shown.push({ id, title: o.title, message: o.message });
        return id;
      },
      clear: async () => true,
    },
    iconUrl: 'icon.png',
    t: translator('en'),
    log: () => {},
    onChanged: () => changes.n++,
  });
  const handlers = {
    ...messageHandlers({
      store,
      statuses,
      observer,
      resilience,
      settings,
      sites,
      clearAll: async () => {
        local.data.clear();
        return { ...DEFAULT_SETTINGS };
      },
      tab: async (tabId) => {
        const tab = tabs[tabId];
        if (!tab) throw new Error(`No tab with id: ${tabId}.`);
        return tab;
      },
    }),
    ...historyHandlers({
      incidents,
      watch,
      page: async (tabId) => {
        await store.load(tabId);
        return reportedPage(store.get(tabId));
      },
      dnsProviders: async () => ['route53'],
      statusOf: (id) => statuses.get(id),
      seen: (ids) => void statuses.seen(ids),
    }),
  };
  const visitShop = async (tabId: number) => {
    for (const r of SHOP_RESPONSES)
      await tracker.onResponse({
        tabId,
        url: r.url,
        type: r.type,
        statusCode: 200,
        ip: r.ip,
        responseHeaders: r.headers,
      });
  };
  /** A message as runtime.onMessage delivers it, the answer checked as the popup checks it. */
  const ask = async <K extends RequestType>(type: K, request: Request) =>
    answerOf(type, await dispatch(handlers, request));
  return {
    handlers,
    ask,
    visitShop,
    feeds,
    local,
    doh,
    store,
    statuses,
    incidents,
    settings,
    shown,
    changes,
    sites,
    watch,
  };
}

/** One well-formed request of each type. */
const SAMPLES: { readonly [K in RequestType]: Request & { type: K } } = {
  getPage: { type: 'getPage', tabId: 1 },
  refreshStatus: { type: 'refreshStatus', tabId: 1 },
  getResilience: { type: 'getResilience', tabId: 1 },
  getSettings: { type: 'getSettings' },
  setSettings: { type: 'setSettings', settings: { badgeCount: false } },
  getHistory: { type: 'getHistory' },
  clearHistory: { type: 'clearHistory' },
  getTabHistory: { type: 'getTabHistory', tabId: 1 },
  watchSite: { type: 'watchSite', tabId: 1 },
  unwatchSite: { type: 'unwatchSite', host: 'www.maple-shop.com' },
  getSitesOff: { type: 'getSitesOff' },
  setSiteOff: { type: 'setSiteOff', host: 'www.daily-ledger.com', off: true },
  clearAllData: { type: 'clearAllData' },
};

describe('the background’s handler table', () => {
  it('has a handler for every request type of the protocol, each answering what the pages accept', async () => {
    const bg = background({ 1: { url: 'https://www.maple-shop.com/' } });
    expect(Object.keys(bg.handlers).sort()).toEqual([...REQUEST_TYPES].sort());
    await bg.visitShop(1);
    for (const type of REQUEST_TYPES) await expect(bg.ask(type, SAMPLES[type]), type).resolves.toBeDefined();
  });

  it('getPage: a visited page with its providers and what Cloudflare’s status means for it', async () => {
    const bg = background();
    await bg.visitShop(4);
    const first = await bg.ask('getPage', { type: 'getPage', tabId: 4 });
    if (first.kind !== 'page') throw new Error(`expected a page, got ${first.kind}`);
    expect(first.page.providers.map((p) => p.id)).toEqual(['cloudflare', 'fastly', 'jsdelivr', 'stripe']);
    // Never checked yet: unknown, not operational. Opening the popup starts the check.
    expect(first.statuses?.map((s) => [s.providerId, s.level])).toEqual([['cloudflare', 'unknown']]);
    expect(first.observed).toEqual({ local: 'ok', providers: {}, errors: [] });
    await expect.poll(() => bg.feeds.length).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 0));
    const second = await bg.ask('getPage', { type: 'getPage', tabId: 4 });
    expect(second.kind === 'page' && second.statuses?.[0]?.level).toBe('major_outage');
  });

  it('getPage of a tab with nothing recorded: what its URL allows, or empty once it is gone', async () => {
    const bg = background({
      2: { url: 'chrome://extensions/' },
      3: { url: 'https://www.daily-ledger.com/' },
    });
    expect(await bg.ask('getPage', { type: 'getPage', tabId: 2 })).toEqual({
      kind: 'restricted',
      url: 'chrome://extensions/',
    });
    expect(await bg.ask('getPage', { type: 'getPage', tabId: 3 })).toEqual({
      kind: 'empty',
      url: 'https://www.daily-ledger.com/',
    });
    expect(await bg.ask('getPage', { type: 'getPage', tabId: 9 })).toEqual({ kind: 'empty' });
  });

  it('refreshStatus checks the tab’s providers again before it answers', async () => {
    const bg = background();
    await bg.visitShop(4);
    const state = await bg.ask('refreshStatus', { type: 'refreshStatus', tabId: 4 });
    expect(bg.feeds.map((f) => new URL(f.url).host)).toContain('www.cloudflarestatus.com');
    expect(state.kind === 'page' && state.statuses?.[0]).toMatchObject({
      providerId: 'cloudflare',
      level: 'major_outage',
    });
  });

  it('getResilience: the report of a visited tab, none for another', async () => {
    const bg = background();
    await bg.visitShop(4);
    const state = await bg.ask('getResilience', { type: 'getResilience', tabId: 4 });
    if (state.kind !== 'resilience') throw new Error('no report');
    expect(state.report.page).toBe('https://www.maple-shop.com/');
    expect(state.report.impact.map((i) => i.providerId)).toContain('cloudflare');
    expect(await bg.ask('getResilience', { type: 'getResilience', tabId: 5 })).toEqual({ kind: 'none' });
  });

  it('getSettings and setSettings read and store storage.local', async () => {
    const bg = background();
    expect(await bg.ask('getSettings', { type: 'getSettings' })).toEqual(DEFAULT_SETTINGS);
    // What the options page sends is checked field by field: an unknown one is dropped.
    const settings = { badgeCount: false, later: 1 };
    expect(await bg.ask('setSettings', { type: 'setSettings', settings })).toEqual({
      ...DEFAULT_SETTINGS,
      badgeCount: false,
    });
    expect(bg.local.data.get(SETTINGS_KEY)).toEqual({ ...DEFAULT_SETTINGS, badgeCount: false });
    // Before consent, the report asks no resolver, and says which names it would send.
    await bg.visitShop(4);
    const state = await bg.ask('getResilience', { type: 'getResilience', tabId: 4 });
    if (state.kind !== 'resilience') throw new Error('no report');
    expect(state.dnsLookedUp).toBe('ask');
    expect(state.dnsNames[0]).toBe('maple-shop.com');
    expect(state.report.dns).toBeUndefined();
    expect(bg.doh.calls).toEqual([]);
    // Agreed: those very names are looked up.
    await bg.ask('setSettings', { type: 'setSettings', settings: { dnsConsent: true } });
    const after = await bg.ask('getResilience', { type: 'getResilience', tabId: 4 });
    if (after.kind !== 'resilience') throw new Error('no report');
    expect(after.dnsNames).toEqual(state.dnsNames);
    // The domains' NS, then the page host's own address record.
    expect([...Object.keys(after.report.dns ?? {}), 'www.maple-shop.com']).toEqual(state.dnsNames);
    expect(bg.doh.calls.length).toBeGreaterThan(0);
  });

  it('a site switched off: the popup says so, no report, no DNS; back on, it is recorded again', async () => {
    const bg = background({ 4: { url: 'https://www.maple-shop.com/' } });
    await bg.ask('setSettings', { type: 'setSettings', settings: { dnsConsent: true } });
    expect(await bg.ask('setSiteOff', { type: 'setSiteOff', host: 'www.maple-shop.com', off: true })).toEqual(
      ['www.maple-shop.com'],
    );
    await bg.visitShop(4);
    expect(await bg.ask('getPage', { type: 'getPage', tabId: 4 })).toEqual({
      kind: 'off',
      url: 'https://www.maple-shop.com/',
      host: 'www.maple-shop.com',
    });
    expect(await bg.ask('getResilience', { type: 'getResilience', tabId: 4 })).toEqual({ kind: 'none' });
    expect(bg.doh.calls).toEqual([]);
    expect(await bg.ask('getSitesOff', { type: 'getSitesOff' })).toEqual(['www.maple-shop.com']);
    await bg.ask('setSiteOff', { type: 'setSiteOff', host: 'www.maple-shop.com', off: false });
    await bg.visitShop(4);
    expect((await bg.ask('getPage', { type: 'getPage', tabId: 4 })).kind).toBe('page');
  });

  it('answers nothing to a message that is not a request', () => {
    const bg = background();
    expect(dispatch(bg.handlers, { type: 'pageChanged', tabId: 1 })).toBeUndefined();
    expect(dispatch(bg.handlers, { type: 'getPage' })).toBeUndefined();
  });

  it('watch, incidents and history: Cloudflare’s recorded outage of CDG on a watched shop, no tab left', async () => {
    const bg = background();
    await bg.visitShop(4);
    const watched = await bg.ask('watchSite', { type: 'watchSite', tabId: 4 });
    expect(watched).toEqual({ host: 'www.maple-shop.com', watched: true, ongoing: [] });
    // Watching starts polling its providers' feeds; the tab closes, the watched site stays.
    await expect.poll(() => bg.feeds.length).toBeGreaterThan(0);
    await bg.statuses.refresh(['cloudflare'], true);
    bg.store.drop(4);
    await bg.incidents.look();
    const history = await bg.ask('getHistory', { type: 'getHistory' });
    expect(history.watched.map((w) => [w.host, w.outcome, w.providers.map((p) => p.id)])).toEqual([
      ['www.maple-shop.com', 'provider_failing', ['cloudflare', 'fastly', 'jsdelivr', 'stripe', 'route53']],
    ]);
    expect(history.entries.map((e) => [e.providerId, e.level, e.end, e.sites])).toEqual([
      ['cloudflare', 'major_outage', undefined, ['www.maple-shop.com']],
    ]);
    // Notifications are off by default: none shown.
    expect(bg.shown).toEqual([]);
    // Clearing keeps what goes on; unwatching ends it (no site of the user is concerned any more).
    expect((await bg.ask('clearHistory', { type: 'clearHistory' })).entries).toHaveLength(1);
    const after = await bg.ask('unwatchSite', { type: 'unwatchSite', host: 'www.maple-shop.com' });
    expect(after.watched).toEqual([]);
    await bg.incidents.look();
    const ended = await bg.ask('getHistory', { type: 'getHistory' });
    expect(ended.entries[0]?.end).toBeTypeOf('number');
  });

  it('clear all data forgets the history, the incidents going on and the watched sites', async () => {
    const bg = background();
    await bg.visitShop(4);
    await bg.ask('watchSite', { type: 'watchSite', tabId: 4 });
    await bg.statuses.refresh(['cloudflare'], true);
    await bg.incidents.look();
    expect((await bg.ask('getHistory', { type: 'getHistory' })).entries).toHaveLength(1);
    const told = bg.changes.n;
    await Promise.all([bg.incidents.forget(), bg.watch.forget()]);
    const after = await bg.ask('getHistory', { type: 'getHistory' });
    expect([after.entries, after.watched, bg.incidents.ongoing()]).toEqual([[], [], {}]);
    expect(bg.local.data.get('faultline:watch:v1')).toEqual([]);
    expect(bg.local.data.get('faultline:history:v1')).toEqual([]);
    // Open popups are told (their "since" line goes).
    expect(bg.changes.n).toBe(told + 1);
  });

  it('notifications on: one for the incident, one at its end', async () => {
    const bg = background();
    await bg.settings.save({ notifications: true });
    await bg.settings.ready;
    bg.settings.follow({ 'faultline:settings:v1': { newValue: { notifications: true } } });
    await bg.visitShop(4);
    await bg.statuses.refresh(['cloudflare'], true);
    await bg.incidents.look();
    await bg.incidents.look();
    expect(bg.shown.map((n) => n.title)).toEqual(['Cloudflare: major outage']);
    // Open popups are told once, when it started (not at the look that found nothing new).
    expect(bg.changes.n).toBe(1);
    expect(bg.shown[0]?.message).toMatch(/Affects www\.maple-shop\.com\.$/);
    bg.store.drop(4);
    await bg.incidents.look();
    expect(bg.shown.map((n) => [n.id.endsWith(':end'), n.title])).toEqual([
      [false, 'Cloudflare: major outage'],
      [true, 'Cloudflare: back to normal'],
    ]);
    expect(bg.changes.n).toBe(2);
  });
});
