import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { AMBER_BADGE_COLOR, NEUTRAL_BADGE_COLOR, RED_BADGE_COLOR } from '../src/core/badge.ts';
import { MIN_FAILING_SITES, SITE_SPAN_MS } from '../src/core/observe/signal.ts';
import { ORIGIN_DOWN_HOST, SITES } from './lab/index.ts';
import { browsersUnderTest, en, providerName, rgba } from './lib/expect.ts';
import {
  type Badge,
  type ExtensionHarness,
  launch,
  type PageState,
  type SiteTab,
  sleep,
  until,
} from './lib/index.ts';
import {
  labFailures,
  resetLabFailures,
  resetLabStatus,
  setLabFailures,
  setLabStatus,
} from './lib/lab-client.ts';

/**
 * "Is it them or the site?" end to end, as a person meets it in one browser (the observation
 * window is browser-wide, so each test states what it inherits from the ones before):
 *
 * - the shop's own server down behind Cloudflare (522): the verdict is the site's server, the
 *   badge amber, never red;
 * - every Cloudflare site's own server down (522 everywhere): still the sites' servers;
 * - Cloudflare's status page at major outage while one site fails through it: the verdict does
 *   not blame the site, the 502 is explained as part of the outage;
 * - healthy browsing of every Cloudflare site, then the Cloudflare outage (500/502 on the four
 *   registrable domains): every Cloudflare tab — the healthy ones too — turns red within a minute
 *   of the third failing site (measured: the time from the outage's start to the red badges is
 *   logged), the Fastly/Akamai tab stays calm, the verdict names Cloudflare;
 * - recovery: the sites load again and the warning is gone at once.
 */

const { hostnames, port } = inject('lab');

const CLOUDFLARE = providerName('cloudflare');
const SHOP = SITES.find((s) => s.id === 'maple-shop')!;
const LEDGER = SITES.find((s) => s.id === 'daily-ledger')!;
/** The Cloudflare-fronted sites (the ones the incident takes down). */
const CF_SITES = SITES.filter((s) => s.expected.some((p) => p.id === 'cloudflare' && p.document));
const SPAN_MINUTES = String(SITE_SPAN_MS / 60_000);

/** Longer than the observer's check interval (1 s): a badge that would change has changed. */
const STILL_MS = 1_500;
/** How long after a visit a verdict or a badge may take to follow. */
const TURN_MS = 5_000;
/** The bound: red within a minute of the third failing site. */
const WARN_WITHIN_MS = 60_000;

const RED = rgba(RED_BADGE_COLOR);
const AMBER = rgba(AMBER_BADGE_COLOR);
const NEUTRAL = rgba(NEUTRAL_BADGE_COLOR);
const NAME = en('extensionName');

type Verdict = Extract<PageState, { kind: 'page' }>['verdict'];
type Signal = NonNullable<Extract<PageState, { kind: 'page' }>['observed']>['providers'][string];

const verdictIn = (state: PageState): Verdict | undefined =>
  state.kind === 'page' ? state.verdict : undefined;
const cfSignal = (state: PageState): Signal | undefined =>
  state.kind === 'page' ? state.observed?.providers.cloudflare : undefined;
const levelIn = (state: PageState, id: string): string | undefined =>
  state.kind === 'page' ? state.statuses?.find((s) => s.providerId === id)?.level : undefined;

const same = (a: number[], b: number[]) => JSON.stringify(a) === JSON.stringify(b);
const isRed = (b: Badge): boolean => b.text === '!' && same(b.color, RED);
const isNeutral = (b: Badge, count: number): boolean =>
  b.text === String(count) && same(b.color, NEUTRAL) && b.title.startsWith(`${NAME} — `);

/** The English sentence of "Cloudflare is failing: N of the M … sites … failed." */
const seenSentence = (s: Signal): string =>
  en('verdictSeen', [
    CLOUDFLARE,
    String(s.failingSites),
    String(s.failingSites + s.healthySites),
    SPAN_MINUTES,
  ]);

describe.each(browsersUnderTest())('%s: the verdict in a real outage', (browserName) => {
  let h: ExtensionHarness;
  /** Tabs of every Cloudflare site, opened while they were healthy. */
  let healthy: SiteTab[] = [];
  /** Tabs of the Cloudflare sites that failed during the outage. */
  let failing: SiteTab[] = [];
  let ledger: SiteTab | undefined;

  async function visit(url: string): Promise<SiteTab> {
    const tab = await h.open(url);
    await h.settle(tab.tabId, 300);
    return tab;
  }

  function verdictOf(
    tab: SiteTab,
    what: string,
    done: (v: Verdict, s: PageState) => boolean,
  ): Promise<PageState> {
    return until(
      what,
      () => h.getPage(tab.tabId),
      (s) => {
        const v = verdictIn(s);
        return v !== undefined && done(v, s);
      },
      { timeout: TURN_MS },
    );
  }

  beforeAll(async () => {
    await Promise.all([resetLabFailures(port), resetLabStatus(port)]);
    h = await launch(browserName, { hostnames, labPort: port });
  });

  afterAll(async () => {
    await h?.close();
    await Promise.all([resetLabFailures(port), resetLabStatus(port)]);
  });

  test('a Cloudflare 522: the site’s own server is down, Cloudflare is fine; badge amber, not red', async () => {
    await setLabFailures('origin_522', port);
    const tab = await visit(SHOP.url);
    const state = await verdictOf(
      tab,
      'the site-down verdict with Cloudflare’s status',
      (v, s) => v.outcome === 'site_down' && levelIn(s, 'cloudflare') === 'operational',
    );
    expect(verdictIn(state)).toMatchObject({ outcome: 'site_down', providerId: 'cloudflare' });
    expect(cfSignal(state)).toMatchObject({ state: 'site_problem', failingSites: 0, siteErrorSites: 1 });

    const popup = await h.readPopup(tab.tabId);
    expect(popup.verdict).toMatchObject({
      outcome: 'site_down',
      provider: 'cloudflare',
      text: en('verdictSiteDown', CLOUDFLARE),
    });
    expect(popup.verdict?.evidence[0]).toBe(
      `${en('explainHeadPop', ['522', CLOUDFLARE, 'CDG'])} ${en('explainCf522', [CLOUDFLARE, '', 'a Cloudflare'])}`,
    );
    expect(popup.verdict?.evidence).toContain(en('verdictEvidenceCalm', CLOUDFLARE));
    const cf = popup.providers.find((p) => p.id === 'cloudflare')!;
    expect(cf.errors.map((e) => [e.error, e.blame, e.explanation])).toEqual([['522', 'site', 'cf-522']]);

    await sleep(STILL_MS);
    const badge = await h.badge(tab.tabId);
    expect(badge.text).toBe('!');
    expect(badge.color).toEqual(AMBER);
    expect(badge.title.split('\n').slice(0, 2)).toEqual([NAME, en('verdictSiteDown', CLOUDFLARE)]);
    expect((await labFailures(port)).served[`${ORIGIN_DOWN_HOST} 522`] ?? 0).toBeGreaterThan(0);
    await tab.close();
  });

  test('522s from every Cloudflare site at once: still the sites’ own servers, never Cloudflare', async () => {
    await setLabFailures('origins_522', port);
    const other = await visit(LEDGER.url);
    const down: SiteTab[] = [];
    for (const site of CF_SITES) down.push(await visit(`${site.url}?origins-down`));
    const last = await until(
      'every 522 to be counted',
      async () => cfSignal(await h.getPage(down.at(-1)!.tabId)),
      (s) => s?.siteErrorSites === CF_SITES.length,
      { timeout: TURN_MS },
    );
    expect(last).toMatchObject({ state: 'site_problem', failingSites: 0 });
    await sleep(STILL_MS);
    for (const tab of down) {
      expect(verdictIn(await h.getPage(tab.tabId))?.outcome, `tab ${tab.tabId}`).toBe('site_down');
      const b = await h.badge(tab.tabId);
      expect(isRed(b), `tab ${tab.tabId}`).toBe(false);
      expect(b.color).toEqual(AMBER);
    }
    expect(isNeutral(await h.badge(other.tabId), LEDGER.expected.length)).toBe(true);
    for (const tab of [other, ...down]) await tab.close();
  });

  test('Cloudflare’s status page at major outage and one failing site: the site is not blamed', async () => {
    await setLabFailures('cloudflare_incident', port);
    await setLabStatus('cloudflare', 'major_outage', port);
    const tab = await visit(`${SHOP.url}?one-failing`);
    await h.checkNow(tab.tabId);
    const state = await verdictOf(tab, 'the declared outage', (v) => v.outcome === 'provider_failing');
    expect(verdictIn(state)).toMatchObject({ providerId: 'cloudflare', declared: true, seenHere: false });
    // One failing site here: not what makes the verdict; the status page is.
    expect(cfSignal(state)?.state).not.toBe('failing_here');

    const popup = await h.readPopup(tab.tabId);
    const sentence = en('verdictDeclaredDocument', [
      CLOUDFLARE,
      en('levelMajorOutage'),
      en('verdictHttp', '502'),
    ]);
    expect(popup.verdict).toMatchObject({ outcome: 'provider_failing', declared: 'true', text: sentence });
    const cf = popup.providers.find((p) => p.id === 'cloudflare')!;
    expect(cf.errors).toHaveLength(1);
    expect(cf.errors[0]?.text).toContain(
      en('errorDuringOutage', [CLOUDFLARE, en('levelMajorOutage'), '502']),
    );
    expect(popup.text).not.toContain(en('explainCfUnknown', CLOUDFLARE));
    expect(popup.text).not.toMatch(/usual case|site’s problem|site’s own problem:/);
    await until('the tab to turn red', () => h.badge(tab.tabId), isRed, { timeout: TURN_MS });

    // The outage ends on the status page too.
    await Promise.all([resetLabFailures(port), resetLabStatus(port)]);
    await h.checkNow(tab.tabId);
    await until(
      'Cloudflare operational again',
      () => h.getPage(tab.tabId),
      (s) => levelIn(s, 'cloudflare') === 'operational',
      { timeout: TURN_MS },
    );
    await tab.close();
  });

  test(
    'healthy browsing, then a Cloudflare outage: every Cloudflare tab red within a minute, the Fastly tab calm',
    async () => {
      expect(CF_SITES.length).toBeGreaterThan(MIN_FAILING_SITES);
      // A few minutes of normal browsing: every Cloudflare site, and a Fastly/Akamai one.
      ledger = await visit(LEDGER.url);
      healthy = [];
      for (const site of CF_SITES) healthy.push(await visit(`${site.url}?healthy`));
      for (const [i, tab] of healthy.entries()) {
        await verdictOf(tab, `${CF_SITES[i]!.id} calm`, (v) => v.outcome === 'all_good');
        await until(
          'its neutral badge',
          () => h.badge(tab.tabId),
          (b) => isNeutral(b, CF_SITES[i]!.expected.length),
          {
            timeout: TURN_MS,
          },
        );
      }

      // The outage starts. Three Cloudflare sites fail, one page each (their error page).
      const outageStart = Date.now();
      await setLabFailures('cloudflare_incident', port);
      failing = [];
      for (const site of CF_SITES.slice(0, MIN_FAILING_SITES))
        failing.push(await visit(`${site.url}?incident`));
      const thirdFailed = Date.now();
      const cloudflareTabs = [...healthy, ...failing];
      const red = await until(
        'every Cloudflare tab to turn red',
        () => Promise.all(cloudflareTabs.map((t) => h.badge(t.tabId))),
        (bs) => bs.every(isRed),
        { timeout: WARN_WITHIN_MS, interval: 100 },
      );
      const redAt = Date.now();
      console.info(
        `[${browserName}] outage start → every Cloudflare tab red: ${redAt - outageStart} ms (third failing site loaded → red: ${redAt - thirdFailed} ms)`,
      );
      expect(redAt - thirdFailed).toBeLessThan(WARN_WITHIN_MS);

      const state = await h.getPage(failing[0]!.tabId);
      const s = cfSignal(state)!;
      expect(s).toMatchObject({ state: 'failing_here', failingSites: MIN_FAILING_SITES, healthySites: 0 });
      // The healthy visits came before the failures: they do not hide the outage.
      expect(s.okSites).toBe(CF_SITES.length - MIN_FAILING_SITES);
      for (const b of red) {
        expect(b.title.split('\n').slice(0, 2)).toEqual([NAME, seenSentence(s)]);
      }

      // The verdict names Cloudflare, first thing in the popup, a healthy tab's too.
      for (const tab of [failing[0]!, healthy.at(-1)!]) {
        const popup = await h.readPopup(tab.tabId);
        expect(popup.verdict).toMatchObject({
          outcome: 'provider_failing',
          provider: 'cloudflare',
          seen: 'true',
          text: seenSentence(s),
        });
        const row = popup.providers.find((p) => p.id === 'cloudflare')!;
        expect(row.open).toBe(true);
        expect(row.row).toContain(en('rowFailingHere'));
      }

      // The tab without Cloudflare stays calm.
      await sleep(STILL_MS);
      expect(isNeutral(await h.badge(ledger.tabId), LEDGER.expected.length)).toBe(true);
      expect(verdictIn(await h.getPage(ledger.tabId))?.outcome).toBe('all_good');

      // A fourth site fails: the red tabs' titles follow the new count.
      failing.push(await visit(`${CF_SITES[MIN_FAILING_SITES]!.url}?incident`));
      const s4 = await until(
        'a fourth failing site',
        async () => cfSignal(await h.getPage(failing.at(-1)!.tabId)),
        (x) => x?.failingSites === MIN_FAILING_SITES + 1,
        { timeout: TURN_MS },
      );
      await until(
        'every red title to quote four sites',
        () => Promise.all([...healthy, ...failing].map((t) => h.badge(t.tabId))),
        (bs) => bs.every((b) => isRed(b) && b.title.split('\n')[1] === seenSentence(s4!)),
        { timeout: TURN_MS },
      );
      const served = (await labFailures(port)).served;
      for (const site of CF_SITES) {
        const host = new URL(site.url).host;
        expect((served[`${host} 500`] ?? 0) + (served[`${host} 502`] ?? 0), host).toBeGreaterThan(0);
      }
    },
    2 * WARN_WITHIN_MS,
  );

  test('recovery: the sites load again and the warning is gone at once', async () => {
    expect(failing.length).toBe(CF_SITES.length);
    await resetLabFailures(port);
    // Two of the failing sites load again, fine: two failing sites are no pattern.
    const healed: SiteTab[] = [];
    for (const site of CF_SITES.slice(0, 2)) healed.push(await visit(`${site.url}?healed`));
    const s = await until(
      'Cloudflare no longer failing here',
      async () => cfSignal(await h.getPage(healed.at(-1)!.tabId)),
      (x) => x !== undefined && x.state !== 'failing_here',
      { timeout: TURN_MS },
    );
    expect(s?.failingSites).toBe(CF_SITES.length - 2);
    const everyTab = [...healthy, ...failing, ...healed];
    await until(
      'no Cloudflare tab red any more',
      () => Promise.all(everyTab.map((t) => h.badge(t.tabId))),
      (bs) => bs.every((b) => !isRed(b)),
      { timeout: TURN_MS },
    );
    for (const [i, tab] of healed.entries()) {
      expect(isNeutral(await h.badge(tab.tabId), CF_SITES[i]!.expected.length)).toBe(true);
      expect(verdictIn(await h.getPage(tab.tabId))?.outcome).toBe('all_good');
    }
    // A tab still showing an old error page: most likely that site's own, now that others work.
    const stale = verdictIn(await h.getPage(failing.at(-1)!.tabId));
    expect(stale).toMatchObject({ outcome: 'site_down', providerId: 'cloudflare' });
    expect(isNeutral(await h.badge(ledger!.tabId), LEDGER.expected.length)).toBe(true);
  });
});
