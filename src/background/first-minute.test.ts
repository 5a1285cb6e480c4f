import { describe, expect, it } from 'vitest';
import { defaultClassifier } from '../core/detect/index.ts';
import type { OpenTab } from '../core/first-minute.ts';
import type { ObservedPage } from '../core/observe/page.ts';
import { type PageState, recordedState, unrecordedState } from '../core/page-state.ts';
import { DEFAULT_SETTINGS } from '../core/settings.ts';
import type { Handlers } from '../messages.ts';
import { FakeStorage } from './__fixtures__/fake-storage.ts';
import { cloudflareDocument as doc } from './__fixtures__/responses.ts';
import { FIRST_MINUTE_KEY, FirstMinuteTracker } from './first-minute.ts';
import { PageStore } from './store.ts';
import { type ResponseEvent, Tracker } from './tracker.ts';

const SHOP = 'https://www.maple-shop.com/';
const LEDGER = 'https://www.daily-ledger.com/';
const NOTHING_OBSERVED: ObservedPage = { local: 'ok', providers: {}, errors: [] };

const script = (tabId: number): ResponseEvent => ({
  tabId,
  url: 'https://fastly.jsdelivr.net/npm/a.js',
  type: 'script',
  statusCode: 200,
  ip: '151.101.1.229',
  responseHeaders: [{ name: 'x-served-by', value: 'cache-fra-etou8220141-FRA' }],
});

/**
 * One worker over a session area that outlives it: the page store and tracker as index.ts wires
 * them, the first-minute tracker, and the browser's tabs (`open`, changed by the test).
 */
function worker(session: FakeStorage, open: Map<number, string>, now = 5_000) {
  const store = new PageStore(session);
  const tracker = new Tracker(store, defaultClassifier(), () => now);
  const logged: string[] = [];
  let failTabs = false;
  const tabList = (): OpenTab[] => [...open].map(([id, url]) => ({ id, url }));
  const firstMinute = new FirstMinuteTracker({
    session,
    recordOf: (tabId) => store.ready.then(() => store.get(tabId)),
    tabs: async () => {
      if (failTabs) throw new Error('tabs.query failed');
      return tabList();
    },
    tab: async (tabId) => {
      const url = open.get(tabId);
      if (url === undefined) throw new Error(`no tab ${tabId}`);
      return { id: tabId, url };
    },
    now: () => now,
    log: (message) => logged.push(message),
  });
  // The page state as the real handlers make it, from the store and the tab.
  const pageState = async (tabId: number): Promise<PageState> => {
    await store.ready;
    const recorded = recordedState(store.get(tabId), {
      statusOf: () => undefined,
      observed: () => NOTHING_OBSERVED,
    });
    const url = open.get(tabId);
    return recorded ?? unrecordedState(url === undefined ? undefined : { url });
  };
  const unused = (): never => {
    throw new Error('not asked in these tests');
  };
  const inner: Handlers = {
    getPage: ({ tabId }) => pageState(tabId),
    refreshStatus: ({ tabId }) => pageState(tabId),
    getResilience: async () => ({ kind: 'none' }),
    getSettings: async () => ({ ...DEFAULT_SETTINGS }),
    setSettings: async () => ({ ...DEFAULT_SETTINGS }),
    // The history's requests carry no page state: the first minute passes them through untouched.
    getHistory: unused,
    clearHistory: unused,
    getTabHistory: unused,
    watchSite: unused,
    unwatchSite: unused,
    clearAllData: async () => ({ ...DEFAULT_SETTINGS }),
    getSitesOff: async () => [],
    setSiteOff: async () => [],
  };
  const handlers = firstMinute.answering(inner);
  /** A response arrives, as index.ts hands it over. */
  const respond = async (event: ResponseEvent) => {
    const noted = firstMinute.heard();
    await tracker.onResponse(event);
    await noted;
  };
  const late = async (tabId: number) => {
    const state = await handlers.getPage({ type: 'getPage', tabId });
    return state.kind === 'restricted' || state.kind === 'off' ? undefined : state.late === true;
  };
  return {
    store,
    tracker,
    firstMinute,
    handlers,
    respond,
    late,
    logged,
    failTabsQuery: () => {
      failTabs = true;
    },
  };
}

describe('first minute: pages loaded before Faultline listened', () => {
  it('before any request event, every unseen web page was loaded before; a restricted one is not', async () => {
    const open = new Map([
      [1, SHOP],
      [2, 'chrome://newtab/'],
    ]);
    const w = worker(new FakeStorage(), open);
    expect(await w.handlers.getPage({ type: 'getPage', tabId: 1 })).toEqual({
      kind: 'empty',
      url: SHOP,
      late: true,
    });
    expect(await w.handlers.getPage({ type: 'getPage', tabId: 2 })).toEqual({
      kind: 'restricted',
      url: 'chrome://newtab/',
    });
  });

  it('the first response notes the open tabs; a page loaded after is recorded and not marked', async () => {
    const session = new FakeStorage();
    const open = new Map([[1, SHOP]]);
    const w = worker(session, open);
    open.set(2, LEDGER);
    await w.respond(doc(2, LEDGER));
    expect(await w.late(1)).toBe(true);
    expect(await w.late(2)).toBe(false);
    await w.firstMinute.flush();
    expect(session.data.get(FIRST_MINUTE_KEY)).toEqual({ v: 1, heardAt: 5_000, before: { 1: SHOP } });
  });

  it('a page seen only in part (its document missed) is marked, with what was seen', async () => {
    const open = new Map([[3, SHOP]]);
    const w = worker(new FakeStorage(), open);
    await w.tracker.onCommitted(3, SHOP);
    await w.respond(script(3));
    const state = await w.handlers.getPage({ type: 'getPage', tabId: 3 });
    expect(state.kind).toBe('page');
    expect(state.kind === 'page' && state.page.providers.map((p) => p.id)).toEqual(['fastly', 'jsdelivr']);
    expect(state.kind === 'page' && state.late).toBe(true);
  });

  it('a record begun from subresources alone (no URL) is judged by the tab’s URL', async () => {
    const open = new Map([[3, SHOP]]);
    const w = worker(new FakeStorage(), open);
    await w.respond(script(3));
    expect(w.store.get(3)?.url).toBe('');
    expect(await w.late(3)).toBe(true);
  });

  it('a reload of a noted tab shows the page whole, unmarked', async () => {
    const open = new Map([[1, SHOP]]);
    const w = worker(new FakeStorage(), open);
    await w.respond(doc(9, LEDGER));
    expect(await w.late(1)).toBe(true);
    await w.tracker.onResponse(doc(1, SHOP));
    await w.tracker.onCommitted(1, SHOP);
    expect(await w.late(1)).toBe(false);
    // "Check now" answers the same way.
    const checked = await w.handlers.refreshStatus({ type: 'refreshStatus', tabId: 1 });
    expect(checked.kind === 'page' && checked.late).toBeUndefined();
  });

  it('a restarted worker of the same session keeps the notes and listens: a cache-served page is not marked', async () => {
    const session = new FakeStorage();
    const open = new Map([[1, SHOP]]);
    const first = worker(session, open);
    await first.respond(doc(9, LEDGER));
    await first.firstMinute.flush();

    const second = worker(session, open, 9_000);
    expect(await second.late(1)).toBe(true);
    // Back/forward cache: a commit with no request at all, while listening.
    open.set(4, LEDGER);
    await second.tracker.onCommitted(4, LEDGER);
    expect(await second.late(4)).toBe(false);
    await second.respond(doc(4, SHOP));
    await second.firstMinute.flush();
    expect(session.data.get(FIRST_MINUTE_KEY)).toEqual({ v: 1, heardAt: 5_000, before: { 1: SHOP } });
  });

  it('a cleared session (update, browser start) starts over', async () => {
    const session = new FakeStorage();
    const open = new Map([[1, SHOP]]);
    const old = worker(session, open);
    await old.respond(doc(1, SHOP));
    await old.store.flush();
    await old.firstMinute.flush();
    expect(await old.late(1)).toBe(false);

    session.data.clear();
    const updated = worker(session, open, 20_000);
    expect(await updated.late(1)).toBe(true);
  });

  it('a closed tab’s note goes', async () => {
    const session = new FakeStorage();
    const open = new Map([
      [1, SHOP],
      [2, LEDGER],
    ]);
    const w = worker(session, open);
    await w.respond(doc(9, LEDGER));
    w.firstMinute.forget(1);
    w.firstMinute.forget(7);
    await w.firstMinute.ready;
    await w.firstMinute.flush();
    expect(session.data.get(FIRST_MINUTE_KEY)).toEqual({ v: 1, heardAt: 5_000, before: { 2: LEDGER } });
  });

  it('a tab list that cannot be read is logged; Faultline listens all the same', async () => {
    const open = new Map([[1, SHOP]]);
    const w = worker(new FakeStorage(), open);
    w.failTabsQuery();
    await w.respond(doc(9, LEDGER));
    expect(w.logged).toEqual(['could not list the open tabs']);
    expect(await w.late(1)).toBe(false);
  });

  it('garbled stored state is the start of a session', async () => {
    const session = new FakeStorage();
    session.data.set(FIRST_MINUTE_KEY, { v: 1, heardAt: 'yesterday', before: 'all' });
    const w = worker(session, new Map([[1, SHOP]]));
    expect(await w.late(1)).toBe(true);
    expect(w.logged).toEqual([]);
  });

  it('leaves the other handlers alone', async () => {
    const w = worker(new FakeStorage(), new Map());
    expect(await w.handlers.getResilience({ type: 'getResilience', tabId: 1 })).toEqual({ kind: 'none' });
    expect(await w.handlers.getSettings({ type: 'getSettings' })).toEqual(DEFAULT_SETTINGS);
  });
});
