import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { NEUTRAL_BADGE_COLOR, RED_BADGE_COLOR } from '../src/core/badge.ts';
import { SITES } from './lab/index.ts';
import { browsersUnderTest, en, providerName, rgba } from './lib/expect.ts';
import {
  type Badge,
  type ExtensionHarness,
  launch,
  type PageState,
  type PopupPage,
  type PopupSnapshot,
  type SiteTab,
  sleep,
  until,
} from './lib/index.ts';
import { labStatus, resetLabStatus, setLabStatus } from './lib/lab-client.ts';

/**
 * Live status end to end: the lab serves the providers' status pages on their real hostnames
 * (e2e/lab/status.ts) and switches Cloudflare's between scenarios. Two tabs of a Cloudflare site
 * (Maple Shop: Cloudflare, Fastly via jsDelivr, jsDelivr) and one of a site without Cloudflare
 * (The Daily Ledger: Fastly, Akamai) are open; "Check now" in the first tab's popup re-checks,
 * and every tab's badge must follow within a second of the check answering.
 */

const { hostnames, port } = inject('lab');

const SHOP = SITES.find((s) => s.id === 'maple-shop')!;
const LEDGER = SITES.find((s) => s.id === 'daily-ledger')!;
const CLOUDFLARE = providerName('cloudflare');
/** How long after a check answered every tab's badge may take to follow. */
const BADGE_LAG_MS = 1_000;
/** How long a badge that must NOT change is watched after a check answered. */
const STILL_MS = 500;

/** The major outage scenario's incident (e2e/lab/feeds/cloudflare-major_outage.json). */
const OUTAGE = {
  id: 'lab5xx000001',
  title: 'Widespread 5xx errors',
  url: 'https://www.cloudflarestatus.com/incidents/lab5xx000001',
} as const;
const OUTAGE_LINE = en('badgeTitleIncident', [CLOUDFLARE, en('levelMajorOutage'), OUTAGE.title]);
/** The verdict of a Cloudflare page while its status page declares the outage. */
const OUTAGE_VERDICT = en('verdictDeclared', [CLOUDFLARE, en('levelMajorOutage')]);

const RED = rgba(RED_BADGE_COLOR);
const NEUTRAL = rgba(NEUTRAL_BADGE_COLOR);

const levelIn = (state: PageState, id: string): string | undefined =>
  state.kind === 'page' ? state.statuses?.find((s) => s.providerId === id)?.level : undefined;

const statusOf = (popup: PopupSnapshot, id: string) => popup.providers.find((p) => p.id === id);

/** What a tab's badge must be. */
interface Want {
  text: string;
  color: number[];
  /** Exact title, or a prefix when `titlePrefix`. */
  title: string;
  titlePrefix?: boolean;
}

const neutral = (count: number): Want => ({
  text: String(count),
  color: NEUTRAL,
  title: `${en('extensionName')} — `,
  titlePrefix: true,
});
const RED_OUTAGE: Want = {
  text: '!',
  color: RED,
  title: `${en('extensionName')}\n${OUTAGE_VERDICT}\n${OUTAGE_LINE}`,
};

const matches = (b: Badge, w: Want): boolean =>
  b.text === w.text &&
  JSON.stringify(b.color) === JSON.stringify(w.color) &&
  (w.titlePrefix ? b.title.startsWith(w.title) : b.title === w.title);

/** How many requests the lab answered for this feed path in this state (304s included). */
function served(tally: Record<string, number>, path: string, state: string): number {
  return (tally[`${path} ${state}`] ?? 0) + (tally[`${path} ${state} 304`] ?? 0);
}

describe.each(browsersUnderTest())('%s: live status', (browserName) => {
  let h: ExtensionHarness;
  let shop: SiteTab;
  let shop2: SiteTab;
  let ledger: SiteTab;
  const popups: PopupPage[] = [];

  /** The badges of these tabs, read together. */
  const badges = (tabs: readonly SiteTab[]): Promise<Badge[]> =>
    Promise.all(tabs.map((t) => h.badge(t.tabId)));

  /**
   * Every tab's badge must be as wanted by `answeredAt + BADGE_LAG_MS`; returns what was seen.
   * Polled, so a badge that arrives late fails with what it still showed.
   */
  async function badgesFollow(answeredAt: number, wants: readonly [SiteTab, Want][]): Promise<Badge[]> {
    const tabs = wants.map(([t]) => t);
    const seen = await until(
      'every tab’s badge to follow the check',
      () => badges(tabs),
      (bs) => bs.every((b, i) => matches(b, wants[i]![1])),
      { timeout: Math.max(0, answeredAt + BADGE_LAG_MS - Date.now()), interval: 50 },
    );
    expect(Date.now() - answeredAt).toBeLessThanOrEqual(BADGE_LAG_MS + 250);
    return seen;
  }

  async function openPopup(tab: SiteTab): Promise<PopupPage> {
    const popup = await h.openPopup(tab.tabId);
    popups.push(popup);
    return popup;
  }

  beforeAll(async () => {
    await resetLabStatus(port);
    h = await launch(browserName, { hostnames, labPort: port });
    shop = await h.open(SHOP.url);
    shop2 = await h.open(`${SHOP.url}?second-tab`);
    ledger = await h.open(LEDGER.url);
    for (const tab of [shop, shop2, ledger]) await h.settle(tab.tabId);
    // A provider seen for the first time is checked at once: wait for those first checks.
    await until(
      'the first status checks',
      async () => [await h.getPage(shop.tabId), await h.getPage(ledger.tabId)] as const,
      ([s, l]) =>
        levelIn(s, 'cloudflare') === 'operational' &&
        levelIn(s, 'fastly') === 'operational' &&
        levelIn(l, 'fastly') === 'operational' &&
        levelIn(l, 'akamai') === 'operational',
      { timeout: 15_000 },
    );
  });

  afterAll(async () => {
    await h?.close();
    await resetLabStatus(port);
  });

  beforeEach(async () => {
    await resetLabStatus(port);
  });

  afterEach(async () => {
    for (const p of popups.splice(0)) await p.close().catch(() => {});
  });

  test('at first every status is operational and the badges are the neutral count', async () => {
    const [a, b, c] = await until(
      'the neutral badges',
      () => badges([shop, shop2, ledger]),
      (bs) =>
        matches(bs[0]!, neutral(SHOP.expected.length)) &&
        matches(bs[1]!, neutral(SHOP.expected.length)) &&
        matches(bs[2]!, neutral(LEDGER.expected.length)),
      { timeout: 5_000 },
    ).catch(() => badges([shop, shop2, ledger]));
    expect(a).toMatchObject({ text: String(SHOP.expected.length), color: NEUTRAL });
    expect(b).toMatchObject({ text: String(SHOP.expected.length), color: NEUTRAL });
    expect(c).toMatchObject({ text: String(LEDGER.expected.length), color: NEUTRAL });
    expect(a!.title.startsWith(`${en('extensionName')} — `)).toBe(true);

    const popup = await openPopup(shop);
    const shopPopup = await popup.read();
    expect(statusOf(shopPopup, 'cloudflare')?.status).toBe('operational');
    expect(statusOf(shopPopup, 'fastly')?.status).toBe('operational');
    // jsDelivr has no machine-readable status page: no live status at all.
    expect(statusOf(shopPopup, 'jsdelivr')?.status).toBeNull();
    expect(statusOf(shopPopup, 'cloudflare')?.incidents).toEqual([]);
    expect(shopPopup.verdict?.outcome).toBe('all_good');
    expect(shopPopup.checkNow).toEqual({ present: true, busy: false, failed: false });

    const ledgerPopup = await (await openPopup(ledger)).read();
    expect(statusOf(ledgerPopup, 'fastly')?.status).toBe('operational');
    expect(statusOf(ledgerPopup, 'akamai')?.status).toBe('operational');
    expect(statusOf(ledgerPopup, 'cloudflare')).toBeUndefined();
    expect(ledgerPopup.verdict?.outcome).toBe('all_good');

    // Those came from the lab's status hosts, over the real endpoints of each source.
    const lab = await labStatus(port);
    expect(served(lab.cloudflare!.served, '/api/v2/status.json', 'operational')).toBeGreaterThan(0);
    expect(served(lab.cloudflare!.served, '/api/v2/summary.json', 'operational')).toBeGreaterThan(0);
    expect(served(lab.fastly!.served, '/rss/', 'operational')).toBeGreaterThan(0);
    expect(served(lab.akamai!.served, '/api/v2/summary.json', 'operational')).toBeGreaterThan(0);

    // Checking again while nothing changed revalidates the roll-up (If-None-Match → 304).
    await popup.checkNow();
    const again = await labStatus(port);
    const notModified = (s: typeof lab) => s.cloudflare!.served['/api/v2/status.json operational 304'] ?? 0;
    expect(notModified(again)).toBeGreaterThan(notModified(lab));
    expect(statusOf(await popup.read(), 'cloudflare')?.status).toBe('operational');
  });

  test('a Cloudflare major outage turns every Cloudflare tab red within a second, not the Fastly tab', async () => {
    await setLabStatus('cloudflare', 'major_outage', port);
    const popup = await openPopup(shop);
    const answeredAt = await popup.checkNow();

    // The tab whose popup asked, the other Cloudflare tab (no popup), and the tab without Cloudflare.
    const [a, b, c] = await badgesFollow(answeredAt, [
      [shop, RED_OUTAGE],
      [shop2, RED_OUTAGE],
      [ledger, neutral(LEDGER.expected.length)],
    ]);
    expect(a).toEqual({ text: '!', color: RED, title: RED_OUTAGE.title });
    expect(b).toEqual({ text: '!', color: RED, title: RED_OUTAGE.title });
    expect(c!.text).toBe(String(LEDGER.expected.length));
    expect(c!.color).toEqual(NEUTRAL);
    await sleep(STILL_MS);
    expect((await h.badge(ledger.tabId)).text).toBe(String(LEDGER.expected.length));

    const shown = await popup.read();
    expect(shown.checkNow).toEqual({ present: true, busy: false, failed: false });
    const cf = statusOf(shown, 'cloudflare')!;
    expect(cf.status).toBe('major_outage');
    expect(cf.incidents).toEqual([
      { id: OUTAGE.id, relation: 'product', href: OUTAGE.url, title: OUTAGE.title },
    ]);
    expect(shown.verdict).toMatchObject({
      outcome: 'provider_failing',
      provider: 'cloudflare',
      declared: 'true',
      text: OUTAGE_VERDICT,
      evidence: [OUTAGE_LINE],
    });
    expect(statusOf(shown, 'fastly')?.status).toBe('operational');

    const ledgerPopup = await (await openPopup(ledger)).read();
    expect(ledgerPopup.verdict?.outcome).toBe('all_good');
    expect(statusOf(ledgerPopup, 'fastly')?.status).toBe('operational');

    const lab = await labStatus(port);
    expect(served(lab.cloudflare!.served, '/api/v2/status.json', 'major_outage')).toBeGreaterThan(0);
    expect(served(lab.cloudflare!.served, '/api/v2/summary.json', 'major_outage')).toBeGreaterThan(0);
  });

  test('when the outage clears, the next check brings every tab back to normal', async () => {
    await setLabStatus('cloudflare', 'major_outage', port);
    const popup = await openPopup(shop);
    await badgesFollow(await popup.checkNow(), [
      [shop, RED_OUTAGE],
      [shop2, RED_OUTAGE],
    ]);

    await resetLabStatus(port);
    const answeredAt = await popup.checkNow();
    const [a, b, c] = await badgesFollow(answeredAt, [
      [shop, neutral(SHOP.expected.length)],
      [shop2, neutral(SHOP.expected.length)],
      [ledger, neutral(LEDGER.expected.length)],
    ]);
    expect([a!.text, b!.text, c!.text]).toEqual([
      String(SHOP.expected.length),
      String(SHOP.expected.length),
      String(LEDGER.expected.length),
    ]);
    expect([a!.color, b!.color, c!.color]).toEqual([NEUTRAL, NEUTRAL, NEUTRAL]);
    expect(a!.title).not.toContain(OUTAGE.title);

    const shown = await popup.read();
    expect(statusOf(shown, 'cloudflare')?.status).toBe('operational');
    expect(statusOf(shown, 'cloudflare')?.incidents).toEqual([]);
    expect(shown.verdict?.outcome).toBe('all_good');
  });

  test.each([
    ['tunnel_only', 'a minor incident on Tunnel only'],
    ['maintenance_elsewhere', 'a maintenance in IAD while the site is served from CDG'],
  ])('no warning for %s (%s)', async (state) => {
    await setLabStatus('cloudflare', state, port);
    const popup = await openPopup(shop);
    const before = await labStatus(port);
    await popup.checkNow();
    const after = await labStatus(port);
    // The check did read the scenario's feed (so "no warning" is the extension's verdict).
    expect(served(after.cloudflare!.served, '/api/v2/summary.json', state)).toBeGreaterThan(
      served(before.cloudflare!.served, '/api/v2/summary.json', state),
    );

    const shown = await popup.read();
    const cf = statusOf(shown, 'cloudflare')!;
    expect(cf.status).toBe('operational');
    expect(cf.incidents).toEqual([]);
    expect(shown.verdict?.outcome).toBe('all_good');

    await sleep(STILL_MS);
    const [a, b] = await badges([shop, shop2]);
    expect(a).toMatchObject({ text: String(SHOP.expected.length), color: NEUTRAL });
    expect(b).toMatchObject({ text: String(SHOP.expected.length), color: NEUTRAL });
  });

  test.each([
    ['down', '503 with an HTML page', 'reasonHttpError'],
    ['unreachable', 'the connection closed', 'reasonUnreachable'],
  ])(
    'a status host that is %s (%s) makes Cloudflare "unknown", never red',
    async (state, _what, reasonKey) => {
      const popup = await openPopup(shop);
      // Start from a known good check, so the last known level is "operational".
      await popup.checkNow();
      expect(statusOf(await popup.read(), 'cloudflare')?.status).toBe('operational');

      await setLabStatus('cloudflare', state, port);
      await popup.checkNow();
      const shown = await popup.read();
      const cf = statusOf(shown, 'cloudflare')!;
      expect(cf.status).toBe('unknown');
      expect(cf.reason).toBe(en(reasonKey));
      expect(cf.lastKnown).toBe('operational');
      expect(shown.verdict?.outcome).toBe('all_good');
      // Fastly's own feed is untouched by Cloudflare's failing.
      expect(statusOf(shown, 'fastly')?.status).toBe('operational');

      await sleep(STILL_MS);
      const [a, b] = await badges([shop, shop2]);
      expect(a).toMatchObject({ text: String(SHOP.expected.length), color: NEUTRAL });
      expect(b).toMatchObject({ text: String(SHOP.expected.length), color: NEUTRAL });

      // The host answers again: the next check is back to operational.
      await resetLabStatus(port);
      await popup.checkNow();
      expect(statusOf(await popup.read(), 'cloudflare')?.status).toBe('operational');
    },
  );

  test.each([
    ['redirect_same', 'a 302 to another path of the status host'],
    ['redirect_cross', 'a 301 to another status host'],
  ])(
    'a status feed that redirects (%s: %s) is not followed: Cloudflare is "unknown", the target never requested',
    async (state) => {
      const popup = await openPopup(shop);
      await popup.checkNow();
      expect(statusOf(await popup.read(), 'cloudflare')?.status).toBe('operational');

      await setLabStatus('cloudflare', state, port);
      await popup.checkNow();
      const cf = statusOf(await popup.read(), 'cloudflare')!;
      // The target serves the calm feed: a fetcher that followed it would read "operational".
      expect(cf.status).toBe('unknown');
      expect(cf.reason).toBe(en('reasonRedirected'));
      expect(cf.lastKnown).toBe('operational');
      const lab = await labStatus(port);
      expect(served(lab.cloudflare!.served, '/api/v2/status.json', state)).toBeGreaterThan(0);
      const followed = Object.keys(lab.cloudflare!.served).filter((k) => k.startsWith('moved '));
      expect(followed).toEqual([]);
    },
  );
});
