import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { FLUSH_DELAY_MS } from '../src/background/store.ts';
import { SLOW_PHASE1, SLOW_TOTAL } from './lab/index.ts';
import { browsersUnderTest, sorted } from './lib/expect.ts';
import { type ExtensionHarness, launch, type PageState, sleep, until } from './lib/index.ts';
import { labVisit } from './lib/lab-client.ts';

/**
 * Chromium stops an idle MV3 service worker whenever it likes. Kill it in the middle of a visit
 * and check that the page's record survives and keeps counting: every response the lab served
 * is counted once, nothing recorded before the kill is lost, and the popup of a freshly started
 * worker still shows the page. Killed inside the batch window too: right after a response that
 * came after a quiet moment (written at once), and right after a new page's document (written
 * at once, whatever the window: the tab must never come back with its previous page).
 */

const { hostnames, port } = inject('lab');
const SHOP = 'www.maple-shop.com';
const JSDELIVR = 'fastly.jsdelivr.net';

type Page = Extract<PageState, { kind: 'page' }>['page'];
const requestsOf = (page: Page, id: string): number => page.providers.find((p) => p.id === id)?.requests ?? 0;

/**
 * Waits for the slow page to finish, checks the lab served all of it, and returns the tab's page
 * state once the extension counted every response (or as it is after 10 s, for the assertions).
 */
async function finishedAndCounted(
  h: ExtensionHarness,
  tab: { tabId: number; evaluate<T>(expression: string): Promise<T> },
  visit: string,
): Promise<{ after: PageState; served: Awaited<ReturnType<typeof labVisit>> }> {
  await until(
    'the page to finish',
    () => tab.evaluate<string>('document.documentElement.dataset.phase'),
    (p) => p === 'done',
    { timeout: 20_000 },
  );
  const served = await labVisit(visit, port);
  expect(served.total).toBe(SLOW_TOTAL);
  const after = await until(
    'every response to be counted',
    () => h.getPage(tab.tabId),
    (s) => s.kind === 'page' && s.page.requests >= served.total,
    { timeout: 10_000 },
  ).catch(() => h.getPage(tab.tabId));
  return { after, served };
}

describe.skipIf(!browsersUnderTest().includes('chromium'))('chromium service worker restart', () => {
  let h: ExtensionHarness;

  beforeAll(async () => {
    h = await launch('chromium', { hostnames, labPort: port });
  });
  afterAll(async () => {
    await h?.close();
  });

  test('killing the worker mid-visit loses no response', async () => {
    const visit = `kill-${Date.now().toString(36)}`;
    // Phase 2 waits for labContinue() (up to a minute), so the kill lands between the phases.
    const tab = await h.open(`https://${SHOP}/slow?visit=${visit}&hold=60000`);
    try {
      await until(
        'phase 1 to load',
        () => tab.evaluate<string>('document.documentElement.dataset.phase'),
        (p) => p === 'hold',
      );
      const recorded = await until(
        'phase 1 to be recorded',
        () => h.getPage(tab.tabId),
        (s) => s.kind === 'page' && s.page.requests === 1 + SLOW_PHASE1,
      );
      if (recorded.kind !== 'page') throw new Error('unreachable');
      const before = recorded.page;
      expect((await labVisit(visit, port)).total).toBe(1 + SLOW_PHASE1);
      // Let the store write its batch: an abrupt stop loses whatever it has not written yet.
      await sleep(FLUSH_DELAY_MS * 3);

      await h.killWorker!();
      await tab.evaluate('window.labContinue()');
      const { after, served } = await finishedAndCounted(h, tab, visit);
      expect(after.kind).toBe('page');
      if (after.kind !== 'page') return;
      const page = after.page;
      expect(page.requests).toBe(served.total);
      // The same record carried on (a fresh one would have a later start and lose phase 1).
      expect(page.startedAt).toBe(before.startedAt);
      expect(page.url).toBe(before.url);
      expect(requestsOf(page, 'cloudflare')).toBe(served.hosts[SHOP]);
      expect(requestsOf(page, 'fastly')).toBe(served.hosts[JSDELIVR]);
      for (const p of before.providers)
        expect(requestsOf(page, p.id), p.id).toBeGreaterThanOrEqual(p.requests);
      expect(page.providers.find((p) => p.id === 'cloudflare')?.document).toBe(true);

      // Once more with the page done: a worker woken by the popup alone must answer from storage.
      await sleep(FLUSH_DELAY_MS * 3);
      await h.killWorker!();
      const popup = await h.readPopup(tab.tabId);
      expect(popup.state).toBe('page');
      expect(sorted(popup.providers.map((p) => p.id))).toEqual(sorted(page.providers.map((p) => p.id)));
      expect(popup.providers[0]?.id).toBe('cloudflare');
      expect(popup.providers[0]?.pops).toEqual(['CDG']);
      expect(popup.providers.find((p) => p.id === 'fastly')?.pops).toEqual(['FRA']);
      const count = String(page.providers.length);
      const badge = await until(
        'the badge',
        () => h.badge(tab.tabId),
        (b) => b.text === count,
        {
          timeout: 5_000,
        },
      ).catch(() => h.badge(tab.tabId));
      expect(badge.text).toBe(count);
    } finally {
      await tab.close();
    }
  });

  test('killed inside the batch window, just after a response: nothing is lost', async () => {
    const visit = `window-${Date.now().toString(36)}`;
    const tab = await h.open(`https://${SHOP}/slow?visit=${visit}&hold=60000`);
    try {
      await until(
        'phase 1 to be recorded',
        () => h.getPage(tab.tabId),
        (s) => s.kind === 'page' && s.page.requests === 1 + SLOW_PHASE1,
      );
      // Phase 2: one image about every 200 ms. The worker is killed as soon as the third is
      // recorded, well before the batch window after it ends.
      await tab.evaluate('window.labContinue()');
      const recorded = await until(
        'a phase-2 response to be recorded',
        () => h.getPage(tab.tabId),
        (s) => s.kind === 'page' && s.page.requests >= 1 + SLOW_PHASE1 + 3,
        { interval: 5, timeout: 10_000 },
      );
      await h.killWorker!();
      if (recorded.kind !== 'page') throw new Error('unreachable');
      const { after, served } = await finishedAndCounted(h, tab, visit);
      expect(after.kind === 'page' && after.page.requests).toBe(served.total);
      expect(after.kind === 'page' && after.page.startedAt).toBe(recorded.page.startedAt);
    } finally {
      await tab.close();
    }
  });

  test("killed just after a new page's document: the tab comes back with that page, not the previous one", async () => {
    const tab = await h.open(`https://${SHOP}/`);
    try {
      const first = await h.settle(tab.tabId);
      expect(first.kind === 'page' && first.page.url).toBe(`https://${SHOP}/`);
      const visit = `nav-${Date.now().toString(36)}`;
      // The document alone for three seconds, then both phases without a hold.
      const next = `https://${SHOP}/slow?visit=${visit}&start=3000&hold=0`;
      await tab.evaluate(`void (location.href = ${JSON.stringify(next)})`);
      const seen = await until(
        'the new page to be recorded',
        () => h.getPage(tab.tabId),
        (s) => s.kind === 'page' && s.page.url === next,
        { interval: 5, timeout: 10_000 },
      );
      await h.killWorker!();
      if (seen.kind !== 'page') throw new Error('unreachable');
      const back = await h.getPage(tab.tabId);
      expect(back.kind === 'page' && back.page.url).toBe(next);
      expect(back.kind === 'page' && back.page.startedAt).toBe(seen.page.startedAt);
      const { after, served } = await finishedAndCounted(h, tab, visit);
      expect(after.kind === 'page' && after.page.requests).toBe(served.total);
    } finally {
      await tab.close();
    }
  });
});
