import { afterEach, describe, expect, it, vi } from 'vitest';
import { defaultClassifier } from '../core/detect/index.ts';
import { ownHost } from '../core/page/record.ts';
import { FakeStorage } from './__fixtures__/fake-storage.ts';
import { storedKeys, storedPage } from './__fixtures__/stored-pages.ts';
import { FLUSH_DELAY_MS, PageStore } from './store.ts';
import { type ResponseEvent, Tracker } from './tracker.ts';

const CF = [
  { name: 'server', value: 'cloudflare' },
  { name: 'cf-ray', value: '8c9a1b2c3d4e5f6a-CDG' },
  { name: 'cf-cache-status', value: 'HIT' },
];
const FASTLY = [
  { name: 'x-served-by', value: 'cache-fra-etou8220087-FRA' },
  { name: 'x-cache', value: 'HIT' },
  { name: 'via', value: '1.1 varnish' },
];

const doc = (tabId: number, url: string): ResponseEvent => ({
  tabId,
  url,
  type: 'main_frame',
  statusCode: 200,
  ip: '104.16.1.1',
  responseHeaders: CF,
});
const sub = (tabId: number, url: string, headers = FASTLY): ResponseEvent => ({
  tabId,
  url,
  type: 'image',
  statusCode: 200,
  ip: '151.101.1.1',
  responseHeaders: headers,
});

/** One worker's lifetime over a session area that outlives it. */
function worker(area: FakeStorage) {
  const warnings: string[] = [];
  const store = new PageStore(
    area,
    () => {},
    (message) => warnings.push(message),
  );
  return { store, tracker: new Tracker(store, defaultClassifier(), () => 1_000 + area.writes), warnings };
}

/** A heavy page: the document and two responses from each of 149 more hosts. */
async function heavy(tracker: Tracker, tabId: number): Promise<void> {
  await tracker.onResponse(doc(tabId, `https://www.news-${tabId}.example/`));
  for (let i = 0; i < 149; i++)
    for (let j = 0; j < 2; j++)
      await tracker.onResponse(
        sub(tabId, `https://cdn${i}.third-party-${i % 40}.example/r/${j}.svg`, i % 2 ? CF : FASTLY),
      );
}

const keysOf = (items: Record<string, unknown>): string[] => Object.keys(items).sort();

afterEach(() => {
  vi.useRealTimers();
});

describe('page store', () => {
  it("writes a page's first response at once, and after that only what changed", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const area = new FakeStorage();
    const { store, tracker } = worker(area);
    await tracker.onResponse(doc(1, 'https://www.maple-shop.com/'));
    await vi.advanceTimersByTimeAsync(0);
    expect(area.written.map(keysOf)).toEqual([['pages:index', 'tab:1', 'tab:1:h0']]);
    // A burst: written together at the end of the window.
    await tracker.onResponse(sub(1, 'https://fastly.jsdelivr.net/a.js'));
    await tracker.onResponse(sub(1, 'https://img.maple-shop.com/a.png'));
    await vi.advanceTimersByTimeAsync(FLUSH_DELAY_MS);
    expect(area.written.map(keysOf)[1]).toEqual(['tab:1', 'tab:1:h1', 'tab:1:h2']);
    // Later: one more response of one host, one part (and the head with its counts).
    await vi.advanceTimersByTimeAsync(1_000);
    await tracker.onResponse(sub(1, 'https://fastly.jsdelivr.net/b.js'));
    await vi.advanceTimersByTimeAsync(0);
    expect(area.written.map(keysOf)[2]).toEqual(['tab:1', 'tab:1:h1']);
    expect(storedPage(area, 1)).toEqual(store.get(1));
  });

  it("removes every part of the tab's previous page with the new page's first write", async () => {
    const area = new FakeStorage();
    const { store, tracker } = worker(area);
    await heavy(tracker, 1);
    await store.flush();
    expect(storedKeys(area, 1)).toHaveLength(151);
    await tracker.onResponse(doc(1, 'https://www.maple-shop.com/'));
    await store.flush();
    expect(storedKeys(area, 1).sort()).toEqual(['tab:1', 'tab:1:h0']);
    expect(storedPage(area, 1)!.url).toBe('https://www.maple-shop.com/');
  });

  it('a fresh worker reads the index alone, and a tab’s record when it is asked for', async () => {
    const area = new FakeStorage();
    const first = worker(area);
    for (const tabId of [1, 2, 3]) await heavy(first.tracker, tabId);
    await first.store.flush();

    const second = worker(area);
    await second.store.ready;
    expect(area.readKeys.at(-1)).toEqual(['pages:index']);
    expect(second.store.tabIds()).toEqual([1, 2, 3]);
    expect(second.store.ref(2, false)).toEqual({ host: 'www.news-2.example', startedAt: expect.any(Number) });
    expect(second.store.get(2)).toBeUndefined();
    await second.store.load(2);
    const read = area.readKeys.at(-1)!;
    expect(read.every((k) => k.startsWith('tab:2') || k.startsWith('pre:2'))).toBe(true);
    expect(second.store.get(2)).toEqual(first.store.get(2));
    expect(second.store.get(1)).toBeUndefined();
    // Once only.
    const reads = area.reads;
    await second.store.load(2);
    expect(area.reads).toBe(reads);
  });

  it('fits 100 heavy tabs in the 10 MB session quota with room to spare', { timeout: 60_000 }, async () => {
    const area = new FakeStorage();
    area.quotaBytes = 10 * 1024 * 1024;
    const { store, tracker, warnings } = worker(area);
    for (let tabId = 1; tabId <= 100; tabId++) {
      await heavy(tracker, tabId);
      await store.flush();
    }
    expect(warnings).toEqual([]);
    // Counted as Chrome counts: ~36 KB a heavy tab (as plain objects: ~240 KB, 37 tabs at most).
    expect(area.bytesInUse()).toBeLessThan(4.5 * 1024 * 1024);
    const fresh = worker(area);
    await fresh.store.load(100);
    expect(fresh.store.get(100)!.requests).toBe(299);
  });

  it('storage full: a restart never brings back a previous page as the current one', async () => {
    const area = new FakeStorage();
    const first = worker(area);
    await heavy(first.tracker, 1);
    await first.store.flush();
    area.quotaBytes = area.bytesInUse() + 50;
    // The next page's first write is refused (its long address does not fit).
    const shop = `https://www.maple-shop.com/?${'q'.repeat(500)}`;
    await first.tracker.onResponse(doc(1, shop));
    await first.store.flush();
    await first.store.flush();
    expect(first.warnings).toContain('could not write tab state');
    expect(first.store.get(1)!.unsaved).toBe(true);
    const second = worker(area);
    await second.store.load(1);
    const back = second.store.get(1);
    // Not the news page: its parts went, and the shop's head alone came back, saying so.
    expect(storedKeys(area, 1)).toEqual(['tab:1']);
    expect(back?.url).toBe(shop);
    expect(back?.unsaved).toBe(true);
    expect(Object.keys(back?.hosts ?? {})).toEqual([]);
  });

  it("storage full: the page's last good state is kept, and says it is not the latest", async () => {
    const area = new FakeStorage();
    const first = worker(area);
    await first.tracker.onResponse(doc(1, 'https://www.maple-shop.com/'));
    await first.tracker.onResponse(sub(1, 'https://fastly.jsdelivr.net/a.js'));
    await first.store.flush();
    area.quotaBytes = area.bytesInUse() + 20;
    for (let i = 0; i < 20; i++) await first.tracker.onResponse(sub(1, `https://h${i}.example/x.png`));
    await first.store.flush();
    await first.store.flush();
    expect(first.store.get(1)!.requests).toBe(22);
    const second = worker(area);
    await second.store.load(1);
    const back = second.store.get(1)!;
    expect(back.url).toBe('https://www.maple-shop.com/');
    expect(Object.keys(back.hosts)).toEqual(['www.maple-shop.com', 'fastly.jsdelivr.net']);
    expect(back.unsaved).toBe(true);
    // Room again: the next change writes everything that was refused, and the mark goes.
    area.quotaBytes = Number.POSITIVE_INFINITY;
    await first.tracker.onResponse(sub(1, 'https://fastly.jsdelivr.net/b.js'));
    await first.store.flush();
    // (The head saying so goes with the next batch.)
    await first.store.flush();
    expect(storedPage(area, 1)!.requests).toBe(23);
    expect(Object.keys(storedPage(area, 1)!.hosts)).toHaveLength(22);
    expect(storedPage(area, 1)!.unsaved).toBeUndefined();
  });

  it('hosts named __proto__ or constructor survive a restart', async () => {
    const area = new FakeStorage();
    const first = worker(area);
    await first.tracker.onResponse(doc(1, 'https://__proto__/'));
    await first.tracker.onResponse(sub(1, 'https://constructor/x.js'));
    await first.store.flush();
    const second = worker(area);
    await second.store.load(1);
    expect(Object.keys(second.store.get(1)!.hosts)).toEqual(['__proto__', 'constructor']);
    expect(ownHost(second.store.get(1)!, 'constructor')!.requests).toBe(1);
  });

  it('drops every key of a closed tab, and moves a replaced tab’s', async () => {
    const area = new FakeStorage();
    const { store, tracker } = worker(area);
    await heavy(tracker, 1);
    await tracker.onResponse(doc(2, 'https://b.example/'));
    await store.flush();
    await tracker.onReplaced(3, 1);
    await tracker.onRemoved(2);
    await store.flush();
    expect(storedKeys(area, 1)).toEqual([]);
    expect(storedKeys(area, 2)).toEqual([]);
    expect(storedKeys(area, 3)).toHaveLength(151);
    const fresh = worker(area);
    await fresh.store.ready;
    expect(fresh.store.tabIds()).toEqual([3]);
  });
});
