import { describe, expect, it } from 'vitest';
import { defaultClassifier } from '../core/detect/index.ts';
import type { PageRecord } from '../core/page/record.ts';
import { FakeStorage } from './__fixtures__/fake-storage.ts';
import { storedPage } from './__fixtures__/stored-pages.ts';
import { PageStore } from './store.ts';
import { type ResponseEvent, Tracker } from './tracker.ts';

const CF_HEADERS = [
  { name: 'server', value: 'cloudflare' },
  { name: 'CF-RAY', value: '8c9a1b2c3d4e5f6a-CDG' },
];

function doc(tabId: number, url: string, extra: Partial<ResponseEvent> = {}): ResponseEvent {
  return {
    tabId,
    url,
    type: 'main_frame',
    statusCode: 200,
    ip: '104.16.1.1',
    responseHeaders: CF_HEADERS,
    ...extra,
  };
}
function sub(tabId: number, url: string, extra: Partial<ResponseEvent> = {}): ResponseEvent {
  return { tabId, url, type: 'script', statusCode: 200, ip: '151.101.1.1', responseHeaders: [], ...extra };
}

/** A worker: a store and a tracker over a session area that outlives it. */
function worker(area: FakeStorage) {
  const flushed: number[][] = [];
  const store = new PageStore(area, (tabs) => flushed.push(tabs));
  return { store, tracker: new Tracker(store, defaultClassifier(), () => 1000), flushed };
}

const stored = (area: FakeStorage, tabId: number): PageRecord | undefined => storedPage(area, tabId);

describe('tracker and session store', () => {
  it('starts a fresh record per top-level navigation and ignores requests of no tab', async () => {
    const area = new FakeStorage();
    const { store, tracker } = worker(area);
    await tracker.onResponse(doc(5, 'https://www.maple-shop.com/'));
    await tracker.onResponse(sub(5, 'https://fastly.jsdelivr.net/a.js'));
    await tracker.onResponse(sub(-1, 'https://www.cloudflarestatus.com/api/v2/status.json'));
    expect(store.get(5)!.requests).toBe(2);
    await tracker.onResponse(doc(5, 'https://www.daily-ledger.com/'));
    const page = store.get(5)!;
    expect(page.url).toBe('https://www.daily-ledger.com/');
    expect(page.requests).toBe(1);
    expect(page.hosts['www.daily-ledger.com']!.providers.cloudflare!.pops).toEqual(['CDG']);
  });

  it('batches writes: many responses, one storage write', async () => {
    const area = new FakeStorage();
    const { store, tracker, flushed } = worker(area);
    await tracker.onResponse(doc(1, 'https://a.example/'));
    for (let i = 0; i < 50; i++) await tracker.onResponse(sub(1, `https://a.example/${i}.js`));
    expect(area.writes).toBe(0);
    await store.flush();
    expect(area.writes).toBe(1);
    expect(stored(area, 1)!.requests).toBe(51);
    expect(flushed).toEqual([[1]]);
  });

  it('survives the worker being killed: a new worker restores state before recording more', async () => {
    const area = new FakeStorage();
    const first = worker(area);
    await first.tracker.onResponse(doc(9, 'https://www.maple-shop.com/'));
    for (let i = 0; i < 10; i++)
      await first.tracker.onResponse(sub(9, `https://www.maple-shop.com/${i}.png`));
    await first.store.flush();
    // Killed: memory gone. The next event wakes a fresh worker while storage is still loading.
    area.readDelayMs = 20;
    const second = worker(area);
    const pending = second.tracker.onResponse(sub(9, 'https://www.maple-shop.com/late.png'));
    await pending;
    await second.store.flush();
    const page = stored(area, 9)!;
    expect(page.requests).toBe(12);
    expect(page.url).toBe('https://www.maple-shop.com/');
    expect(page.hosts['www.maple-shop.com']!.providers.cloudflare!.document).toBe(true);
  });

  it('removes a closed tab and moves a replaced tab', async () => {
    const area = new FakeStorage();
    const { store, tracker } = worker(area);
    await tracker.onResponse(doc(1, 'https://a.example/'));
    await tracker.onResponse(doc(2, 'https://b.example/'));
    await store.flush();
    await tracker.onReplaced(3, 1);
    expect(store.get(1)).toBeUndefined();
    expect(store.get(3)!.url).toBe('https://a.example/');
    expect(store.get(3)!.tabId).toBe(3);
    await tracker.onRemoved(2);
    await store.flush();
    expect(area.data.has('tab:2')).toBe(false);
    expect(area.data.has('tab:1')).toBe(false);
    expect(stored(area, 3)!.url).toBe('https://a.example/');
  });

  it('keeps a prerendered page apart until it is activated', async () => {
    const area = new FakeStorage();
    const { store, tracker } = worker(area);
    await tracker.onResponse(doc(4, 'https://a.example/'));
    await tracker.onResponse(doc(4, 'https://next.example/', { documentLifecycle: 'prerender' }));
    await tracker.onResponse(sub(4, 'https://next.example/app.js', { documentLifecycle: 'prerender' }));
    await tracker.onResponse(sub(4, 'https://a.example/more.js'));
    expect(store.get(4)!.url).toBe('https://a.example/');
    expect(store.get(4)!.requests).toBe(2);
    await tracker.onCommitted(4, 'https://next.example/');
    expect(store.get(4)!.url).toBe('https://next.example/');
    expect(store.get(4)!.requests).toBe(2);
    expect(store.getPrerender(4)).toBeUndefined();
  });

  it('gives a page restored from the back/forward cache an empty record, not the previous one', async () => {
    const area = new FakeStorage();
    const { store, tracker } = worker(area);
    await tracker.onResponse(doc(6, 'https://b.example/'));
    await tracker.onCommitted(6, 'https://b.example/#section');
    expect(store.get(6)!.requests).toBe(1);
    await tracker.onCommitted(6, 'https://a.example/');
    expect(store.get(6)!.url).toBe('https://a.example/');
    expect(store.get(6)!.requests).toBe(0);
  });

  it('ignores corrupt stored values instead of crashing', async () => {
    const area = new FakeStorage();
    area.data.set('tab:1', { v: 99 });
    area.data.set('tab:2', 'garbage');
    const { store, tracker } = worker(area);
    await tracker.onResponse(sub(1, 'https://a.example/x.js'));
    expect(store.get(1)!.requests).toBe(1);
  });
});

describe('a main document that never arrived', () => {
  it('gets its own record with the error, and Chrome error-page commits keep it', async () => {
    const area = new FakeStorage();
    const { store, tracker } = worker(area);
    await tracker.onResponse(doc(8, 'https://www.maple-shop.com/'));
    await tracker.onDocumentError(8, 'https://www.daily-ledger.com/', 'net::ERR_CONNECTION_REFUSED');
    await tracker.onCommitted(8, 'chrome-error://chromewebdata/');
    const page = store.get(8)!;
    expect(page.url).toBe('https://www.daily-ledger.com/');
    expect(page.documentError).toBe('net::ERR_CONNECTION_REFUSED');
    expect(page.requests).toBe(0);
    // Firefox commits its error page under the failed URL: the same record stays.
    await tracker.onCommitted(8, 'https://www.daily-ledger.com/');
    expect(store.get(8)!.documentError).toBe('net::ERR_CONNECTION_REFUSED');
    await tracker.onDocumentError(-1, 'https://x.example/', 'net::ERR_FAILED');
    await tracker.onDocumentError(8, 'file:///tmp/x', 'net::ERR_FILE_NOT_FOUND');
    expect(store.get(8)!.url).toBe('https://www.daily-ledger.com/');
  });
});

describe('a site switched off', () => {
  const off = (host: string) => host === 'www.maple-shop.com';

  it('gets an empty record, never the previous page, and none of its responses', async () => {
    const area = new FakeStorage();
    const store = new PageStore(area);
    const tracker = new Tracker(store, defaultClassifier(), () => 1000, off);
    await tracker.onResponse(doc(3, 'https://www.daily-ledger.com/'));
    expect(store.get(3)!.requests).toBe(1);
    expect(await tracker.onResponse(doc(3, 'https://www.maple-shop.com/'))).toBeUndefined();
    expect(await tracker.onResponse(sub(3, 'https://fastly.jsdelivr.net/a.js'))).toBeUndefined();
    await tracker.onCommitted(3, 'https://www.maple-shop.com/');
    await tracker.onDocumentError(4, 'https://www.maple-shop.com/', 'net::ERR_CONNECTION_RESET');
    await store.flush();
    for (const page of [store.get(3)!, stored(area, 3)!]) {
      expect(page.host).toBe('www.maple-shop.com');
      expect(page.requests).toBe(0);
      expect(Object.keys(page.hosts)).toEqual([]);
    }
    expect(store.get(4)!.documentError).toBeUndefined();
    // Another site in the same tab is recorded again.
    expect(await tracker.onResponse(doc(3, 'https://www.daily-ledger.com/'))).toBeDefined();
    expect(store.get(3)!.requests).toBe(1);
  });

  it('forgets what subresources recorded before its document was known', async () => {
    const store = new PageStore(new FakeStorage());
    const tracker = new Tracker(store, defaultClassifier(), () => 1000, off);
    await tracker.onResponse(sub(6, 'https://fastly.jsdelivr.net/a.js'));
    expect(store.get(6)!.requests).toBe(1);
    await tracker.onCommitted(6, 'https://www.maple-shop.com/');
    expect(store.get(6)!.requests).toBe(0);
    expect(store.get(6)!.host).toBe('www.maple-shop.com');
  });
});
