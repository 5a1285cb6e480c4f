import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { SITES } from './lab/index.ts';
import { axe } from './lib/axe.ts';
import { browsersUnderTest } from './lib/expect.ts';
import {
  type ExtensionHarness,
  type ExtensionPage,
  launch,
  type PopupPage,
  type SiteTab,
  sleep,
  until,
} from './lib/index.ts';
import { labStatus, resetLabStatus, setLabScenario, setLabStatus } from './lib/lab-client.ts';

/**
 * Issue 14 end to end, one browser session building up like a person: notifications switched on
 * in the options page (a real click); a Tunnel-only incident → no notification; the user's own
 * connection down (the lab's "offline": nothing answers) while three Cloudflare sites and a Fastly
 * one are reloaded and a fourth Cloudflare site stays open → no notification; the Cloudflare outage scenario → exactly one notification
 * for the incident (however often it is seen again), and one when it is over; the History page
 * then shows the incident with its duration (and axe finds nothing on it); "Watch this site" in
 * the popup → the History page lists the site with its state; with every tab closed, a day later,
 * the watched site's status feed is still fetched on the alarm while a provider only an old tab
 * used is set aside; unwatching on the History page removes the site. What was notified is read
 * from the worker's log of sent notifications in storage.local (`faultline:incidents:v1`), and
 * from the browser's own list (`notifications.getAll`) where it keeps one.
 *
 * "A day later": the status service's schedule in storage.local (`status:<feed>`, each feed's
 * `seenAt`, `nextAt`, `checkedAt`) is moved 25 hours back, then the background is restarted so it
 * reads it back, as the browser restarts a stopped worker. The product's own clock and code run
 * unchanged; only the stored past is older.
 */

const { hostnames, port } = inject('lab');

/** "Watch this site" in an open popup, pressed once it is there. */
async function pressWatch(popup: PopupPage): Promise<void> {
  await until(
    'the watch button',
    () => popup.evaluate<boolean>(`!!document.querySelector('[data-testid="watch"]')`),
    Boolean,
  );
  await popup.click('[data-testid="watch"]');
}
const SHOP = SITES.find((s) => s.id === 'maple-shop')!;
const LEDGER = SITES.find((s) => s.id === 'daily-ledger')!;
const TIDEPOOL = SITES.find((s) => s.id === 'tidepool')!;
const FERRYDESK = SITES.find((s) => s.id === 'ferrydesk')!;
const EMBERFIELD = SITES.find((s) => s.id === 'emberfield')!;
const API = '(globalThis.browser ?? globalThis.chrome)';
const HOUR_MS = 3_600_000;

/** Requests the lab's status server answered for one feed, whatever the path or state. */
async function served(feed: string): Promise<number> {
  const snapshot = await labStatus(port);
  return Object.values(snapshot[feed]?.served ?? {}).reduce((a, b) => a + b, 0);
}

/** Waits for the History page to have loaded its state. */
function historyReady(page: ExtensionPage): Promise<string | null> {
  return until(
    'the History page',
    () => page.evaluate<string | null>(`document.querySelector('main')?.dataset.state ?? null`),
    (s) => s === 'ready',
  );
}

interface Sent {
  id: string;
  providerId: string;
  kind: 'start' | 'update' | 'end';
}

describe.each(browsersUnderTest())('%s: notifications, history, watched sites', (browserName) => {
  let h: ExtensionHarness;
  let shop: SiteTab;
  let ledger: SiteTab;
  let tidepool: SiteTab;
  let ferrydesk: SiteTab;
  let emberfield: SiteTab;

  const sent = () =>
    h.extensionEval<Sent[]>(
      `${API}.storage.local.get('faultline:incidents:v1').then((s) => (s['faultline:incidents:v1']?.notify?.sent ?? []))`,
    );
  const shown = () =>
    h.extensionEval<string[]>(`${API}.notifications.getAll().then((all) => Object.keys(all ?? {}))`);
  beforeAll(async () => {
    await setLabScenario('reset', port);
    h = await launch(browserName, { hostnames, labPort: port });
    const options = await h.openExtensionPage('src/options/index.html');
    await until(
      'the options page',
      () => options.evaluate<boolean>(`!!document.querySelector('#notifications')`),
      Boolean,
    );
    expect(await options.evaluate<boolean>(`document.querySelector('#notifications').checked`)).toBe(false);
    await options.click('label[for="notifications"]');
    await until(
      'notifications stored on',
      () =>
        h.extensionEval<boolean>(
          `${API}.storage.local.get('faultline:settings:v1').then((s) => s['faultline:settings:v1']?.notifications === true)`,
        ),
      Boolean,
    );
    await options.close();
    shop = await h.open(SHOP.url);
    ledger = await h.open(LEDGER.url);
    tidepool = await h.open(TIDEPOOL.url);
    ferrydesk = await h.open(FERRYDESK.url);
    emberfield = await h.open(EMBERFIELD.url);
    for (const tab of [shop, ledger, tidepool, ferrydesk, emberfield]) await h.settle(tab.tabId);
  }, 180_000);

  afterAll(async () => {
    await h?.close();
    await setLabScenario('reset', port);
  });

  test('a Tunnel-only incident notifies nothing', async () => {
    await setLabStatus('cloudflare', 'tunnel_only', port);
    await h.checkNow(shop.tabId);
    await sleep(1_500);
    expect(await sent()).toEqual([]);
    expect(await shown()).toEqual([]);
    await resetLabStatus(port);
  });

  test('your own connection down: no notification, whatever fails', async () => {
    // Three Cloudflare sites and a Fastly one are reloaded and get no answer at all; a fourth
    // Cloudflare site stays open as it loaded. Seen from that tab, three Cloudflare customers
    // fail while the sites loaded before still "worked": the pattern of a Cloudflare outage, were
    // it not that nothing at all has answered since.
    const reloaded = [shop, tidepool, ferrydesk, ledger];
    const reloadAll = () =>
      h.extensionEval(
        `Promise.all([${reloaded.map((t) => t.tabId).join(',')}].map((id) => ${API}.tabs.reload(id))).then(() => true)`,
      );
    const verdictOf = async (tab: SiteTab) => {
      const popup = await h.openPopup(tab.tabId);
      try {
        return (await popup.read()).verdict?.outcome ?? 'none';
      } finally {
        await popup.close();
      }
    };
    await setLabScenario('offline', port);
    try {
      for (let round = 0; round < 2; round++) {
        await reloadAll();
        await sleep(1_500);
      }
      const verdicts = {
        shop: await verdictOf(shop),
        ledger: await verdictOf(ledger),
        'left open': await verdictOf(emberfield),
      };
      console.log(`[notify] ${browserName}: offline verdicts ${JSON.stringify(verdicts)}`);
      await sleep(1_500);
      expect(Object.values(verdicts)).not.toContain('provider_failing');
      expect(await sent()).toEqual([]);
      expect(await shown()).toEqual([]);
    } finally {
      await setLabScenario('reset', port);
      await reloadAll();
      for (const tab of reloaded) await h.settle(tab.tabId);
    }
  }, 90_000);

  test('the Cloudflare outage: one notification for the incident, one at its end', async () => {
    const outageAt = Date.now();
    await setLabScenario('cloudflare_outage', port);
    await h.checkNow(shop.tabId);
    await until('the incident notified', sent, (s) => s.some((n) => n.kind === 'start'), { timeout: 10_000 });
    // Seen again: a reload (now a 502 from Cloudflare), another check, another tab's popup.
    await shop.evaluate('location.reload()').catch(() => undefined);
    await sleep(1_000);
    await h.checkNow(shop.tabId);
    await h.checkNow(ledger.tabId);
    await sleep(1_500);
    const during = await sent();
    expect(during.filter((n) => n.kind === 'start').map((n) => n.providerId)).toEqual(['cloudflare']);
    const id = during[0]!.id;
    // Headless Chromium keeps no notification centre (getAll answers {}): the worker's log is the
    // observable there; where the browser keeps them, exactly this one is on screen.
    const onScreen = await shown();
    if (onScreen.length > 0) expect(onScreen).toEqual([id]);

    await setLabScenario('reset', port);
    await shop.evaluate('location.reload()').catch(() => undefined);
    await h.settle(shop.tabId);
    await h.checkNow(shop.tabId);
    const after = await until('the end notified', sent, (s) => s.some((n) => n.kind === 'end'), {
      timeout: 20_000,
    });
    expect(after.filter((n) => n.kind === 'start')).toHaveLength(1);
    expect(after.filter((n) => n.kind === 'end').map((n) => n.id)).toEqual([`${id}:end`]);
    // The incident's notification was replaced by the one saying it is over.
    const left = await shown();
    if (left.length > 0) expect(left).toEqual([`${id}:end`]);
    console.log(
      `[notify] ${browserName}: outage → end notified in ${Date.now() - outageAt} ms; on screen: ${onScreen.length > 0 ? left.join(', ') : 'none kept (headless)'}`,
    );
  }, 90_000);

  test('History shows the incident with its duration; Watch this site; axe finds nothing', async () => {
    const popup = await h.openPopup(shop.tabId);
    await pressWatch(popup);
    await until(
      'the site watched',
      () =>
        popup.evaluate<string | null>(
          `document.querySelector('[data-testid="watch"]').getAttribute('aria-pressed')`,
        ),
      (v) => v === 'true',
    );
    await popup.close();

    const history = await h.openExtensionPage('src/history/index.html');
    try {
      await historyReady(history);
      const rows = await history.evaluate<{ provider: string; end: string | null; duration: number }[]>(
        `[...document.querySelectorAll('section[data-provider] tbody tr')].map((tr) => ({ provider: tr.closest('section').dataset.provider, end: tr.dataset.end ?? null, duration: Number(tr.dataset.duration) }))`,
      );
      // The offline spell and the Tunnel-only incident left nothing; the outage one line.
      expect(rows.map((r) => r.provider)).toEqual(['cloudflare']);
      expect(rows[0]!.end).not.toBeNull();
      expect(rows[0]!.duration).toBeGreaterThan(0);
      expect(
        await history.evaluate<string[]>(
          `[...document.querySelectorAll('[data-watched]')].map((li) => li.dataset.watched + ' ' + li.dataset.outcome)`,
        ),
      ).toEqual([`${new URL(SHOP.url).host} all_good`]);
      expect(await history.evaluate<string>('document.documentElement.lang')).toMatch(/^en/);
      expect(await axe(history)).toEqual([]);
    } finally {
      await history.close();
    }
  }, 60_000);

  test('a day later, with no tab open, the watched site’s status feed is still fetched on the alarm', async () => {
    const watched = await h.extensionEval<string[]>(
      `${API}.storage.local.get('faultline:watch:v1').then((s) => (s['faultline:watch:v1'] ?? []).flatMap((w) => w.providers.map((p) => p.id)))`,
    );
    expect(watched).toContain('cloudflare');
    // Akamai served only the Daily Ledger's images: no tab, not watched — set aside after a day.
    expect(watched).not.toContain('akamai');
    for (const tab of [shop, ledger, tidepool, ferrydesk, emberfield]) await tab.close();
    // Let the background write what closing the tabs changed, then move its feeds' past back a day.
    await sleep(1_500);
    const aged = await h.extensionEval<string[]>(`${API}.storage.local.get(null).then(async (all) => {
      const back = (x) => (typeof x === 'number' && x > 0 ? x - ${25 * HOUR_MS} : x);
      const out = {};
      for (const [key, value] of Object.entries(all)) {
        if (!key.startsWith('status:') || !value || !value.feed) continue;
        const f = value.feed;
        out[key] = { ...value, feed: { ...f, seenAt: back(f.seenAt), nextAt: back(f.nextAt), checkedAt: back(f.checkedAt), detailAt: back(f.detailAt) } };
      }
      await ${API}.storage.local.set(out);
      return Object.keys(out);
    })`);
    expect(aged.some((k) => k.includes('cloudflarestatus.com'))).toBe(true);
    expect(aged.some((k) => k.includes('akamaistatus.com'))).toBe(true);
    await h.restartBackground();
    const feedOf = (host: string) =>
      h.extensionEval<{ seenAt: number; nextAt: number } | undefined>(
        `${API}.storage.local.get(null).then((all) => Object.entries(all).find(([k]) => k.startsWith('status:') && k.includes('${host}'))?.[1]?.feed)`,
      );
    // The restarted background holds the aged schedule (nothing rewrote it before the restart).
    expect(Date.now() - (await feedOf('cloudflarestatus.com'))!.seenAt).toBeGreaterThan(24 * HOUR_MS);
    const cloudflareBefore = await served('cloudflare');
    const akamaiBefore = await served('akamai');
    const startedAt = Date.now();
    // The status alarm fires every minute; no tab, no popup, nothing else asks for a check.
    await until(
      'the watched feed fetched on the alarm',
      () => served('cloudflare'),
      (n) => n > cloudflareBefore,
      {
        timeout: 100_000,
        interval: 1_000,
      },
    );
    console.log(
      `[notify] ${browserName}: watched feed fetched ${Date.now() - startedAt} ms after the restart`,
    );
    // The same alarm set the unwatched, unseen-for-a-day feed aside instead.
    const akamai = await until(
      'the unwatched feed set aside',
      () => feedOf('akamaistatus.com'),
      (f) => f !== undefined && f.nextAt > Date.now() + 23 * HOUR_MS,
    );
    expect(akamai!.nextAt).toBeGreaterThan(Date.now() + 23 * HOUR_MS);
    expect(await served('akamai')).toBe(akamaiBefore);
  }, 150_000);

  test('unwatching on the History page forgets the site', async () => {
    const history = await h.openExtensionPage('src/history/index.html');
    try {
      await historyReady(history);
      expect(await history.evaluate<number>(`document.querySelectorAll('[data-watched]').length`)).toBe(1);
      await history.click('[data-watched] button');
      await until(
        'unwatched',
        () => history.evaluate<number>(`document.querySelectorAll('[data-watched]').length`),
        (n) => n === 0,
      );
      expect(
        await h.extensionEval<unknown[]>(
          `${API}.storage.local.get('faultline:watch:v1').then((s) => s['faultline:watch:v1'] ?? [])`,
        ),
      ).toEqual([]);
    } finally {
      await history.close();
    }
  });
});

/*
 * The History page in the other language and the other theme (contrast depends on the theme,
 * wording and `lang` on the language), in each state it has: empty; an incident going on with the
 * watched site failing; the incident over.
 */
describe.each(browsersUnderTest())('%s: the History page in French, dark: axe', (browserName) => {
  let h: ExtensionHarness;

  beforeAll(async () => {
    await setLabScenario('reset', port);
    h = await launch(browserName, { hostnames, labPort: port, locale: 'fr', colorScheme: 'dark' });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    await setLabScenario('reset', port);
  });

  const history = () =>
    h.extensionEval<{ entries: { end?: number }[]; watched: { outcome: string }[] }>(
      `${API}.runtime.sendMessage({ type: 'getHistory' })`,
    );
  const checkedWithAxe = async (what: string) => {
    const page = await h.openExtensionPage('src/history/index.html');
    try {
      await historyReady(page);
      expect(await page.evaluate<string>('document.documentElement.lang')).toMatch(/^fr/);
      expect(await page.evaluate<boolean>('matchMedia("(prefers-color-scheme: dark)").matches')).toBe(true);
      expect(await axe(page), what).toEqual([]);
      return page.evaluate<number>(`document.querySelectorAll('section[data-provider] tbody tr').length`);
    } finally {
      await page.close();
    }
  };
  test('empty, an incident going on, the incident over', async () => {
    expect(await checkedWithAxe('empty')).toBe(0);
    const shop = await h.open(SHOP.url);
    await h.settle(shop.tabId);
    const popup = await h.openPopup(shop.tabId);
    await pressWatch(popup);
    await popup.close();

    await setLabScenario('cloudflare_outage', port);
    await h.checkNow(shop.tabId);
    await until('the incident going on', history, (s) => s.entries.some((e) => e.end === undefined), {
      timeout: 10_000,
    });
    expect((await history()).watched.map((w) => w.outcome)).toEqual(['provider_failing']);
    expect(await checkedWithAxe('an incident going on')).toBe(1);

    await setLabScenario('reset', port);
    await shop.evaluate('location.reload()').catch(() => undefined);
    await h.settle(shop.tabId);
    await h.checkNow(shop.tabId);
    await until(
      'the incident over',
      history,
      (s) => s.entries.length > 0 && s.entries.every((e) => e.end !== undefined),
      {
        timeout: 20_000,
      },
    );
    expect(await checkedWithAxe('the incident over')).toBe(1);
    await shop.close();
  }, 90_000);
});
