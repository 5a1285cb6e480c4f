import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { CROWDED, CROWDED_HOST_COUNT, SITES } from './lab/index.ts';
import { axe } from './lib/axe.ts';
import { browsersUnderTest } from './lib/expect.ts';
import { type ExtensionHarness, launch, type PopupPage, type SiteTab, until } from './lib/index.ts';
import { resetLabFailures, resetLabStatus } from './lib/lab-client.ts';

/**
 * The popup as a person sees it, measured by the browser's own layout at the popup's size
 * (380 × 560): a healthy page with three providers fits one screen; on a 170-host page the first
 * screen shows the verdict and the providers that matter most (the main document's first); the
 * base text is 13 px in both browsers (Chrome gives extension pages 75 %); "Check now" keeps the
 * keyboard focus. Then axe-core (the real engine, injected into the built popup) finds no
 * violation in English with the light theme and in French with the dark one, on a page with
 * providers (both tabs, a row open) and on a page with none. The heights are logged.
 */

const { hostnames, port } = inject('lab');

const SHOP = SITES.find((s) => s.id === 'maple-shop')!;
const PLAIN = SITES.find((s) => s.id === 'plain-origin')!;

/** Waits for the popup's resilience report to be there (ready, or none). */
function reportSettled(popup: PopupPage): Promise<string | null> {
  return until(
    'the resilience report',
    () =>
      popup.evaluate<string | null>(
        `document.querySelector('[data-testid="resilience"]')?.dataset.state ?? null`,
      ),
    (s) => s === 'ready' || s === 'none',
    { timeout: 15_000 },
  );
}

/** axe over Maple Shop (both tabs, a row open) and the plain origin, in the harness's language and theme. */
async function noViolations(
  h: ExtensionHarness,
  locale: 'en' | 'fr',
  colorScheme: 'light' | 'dark',
  plantOne: boolean,
): Promise<void> {
  for (const site of [SHOP, PLAIN]) {
    const tab = await h.open(site.url);
    await h.settle(tab.tabId, 500);
    const popup = await h.openPopup(tab.tabId);
    try {
      expect(await popup.evaluate<string>('document.documentElement.lang')).toMatch(new RegExp(`^${locale}`));
      expect(await popup.evaluate<boolean>('matchMedia("(prefers-color-scheme: dark)").matches')).toBe(
        colorScheme === 'dark',
      );
      expect(await axe(popup), `${site.id}: providers tab`).toEqual([]);
      if (site === SHOP) {
        await popup.click('li[data-provider="cloudflare"] summary');
        expect(await axe(popup), `${site.id}: a row open`).toEqual([]);
      }
      await popup.click('[role="tab"][data-tab="resilience"]');
      await reportSettled(popup);
      expect(await axe(popup), `${site.id}: resilience tab`).toEqual([]);
      if (plantOne && site === PLAIN) {
        // The engine does look: a button without a name, planted, is found.
        await popup.evaluate<boolean>(
          `(() => { document.querySelector('main').append(document.createElement('button')); return true; })()`,
        );
        expect((await axe(popup)).map((v) => v.id)).toEqual(['button-name']);
      }
    } finally {
      await popup.close();
      await tab.close();
    }
  }
}

describe.each(browsersUnderTest())('%s: the popup on one screen', (browserName) => {
  let h: ExtensionHarness;

  beforeAll(async () => {
    await Promise.all([resetLabFailures(port), resetLabStatus(port)]);
    h = await launch(browserName, { hostnames, labPort: port });
  });

  afterAll(async () => {
    await h?.close();
  });

  async function visit(url: string): Promise<SiteTab> {
    const tab = await h.open(url);
    await h.settle(tab.tabId, 500);
    return tab;
  }

  test(
    'every healthy lab site fits one 380 × 560 screen, in 13 px text',
    async () => {
      const heights: string[] = [];
      for (const site of SITES) {
        const tab = await visit(site.url);
        const popup = await h.readPopup(tab.tabId);
        heights.push(
          `${site.id} ${popup.layout.height} px (${popup.providers.length} providers, ${popup.layout.words} words)`,
        );
        expect(popup.layout.screen).toBe(560);
        expect(popup.layout.fontSize, site.id).toBe(13);
        expect(popup.layout.height, site.id).toBeLessThanOrEqual(popup.layout.screen);
        expect(popup.verdict?.outcome, site.id).toBe('all_good');
        // Healthy providers are one closed line each.
        expect(
          popup.providers.filter((p) => p.open).map((p) => p.id),
          site.id,
        ).toEqual([]);
        expect(
          popup.providers
            .filter((p) => p.rowLines !== 1 || p.rowOverflows)
            .map((p) => `${p.id}: ${p.rowLines} lines${p.rowOverflows ? ', overflowing' : ''}`),
          site.id,
        ).toEqual([]);
        await tab.close();
      }
      console.info(`[${browserName}] popup heights: ${heights.join('; ')}`);
      // Every site loaded and its popup opened: over a minute on a busy machine.
    },
    SITES.length * 20_000,
  );

  test(`a ${CROWDED_HOST_COUNT}-host page: the first screen shows the verdict and the main document’s provider first`, async () => {
    const tab = await visit(CROWDED.url);
    const state = await until(
      'every host recorded',
      () => h.getPage(tab.tabId),
      (s) => s.kind === 'page' && s.page.hostCount === CROWDED_HOST_COUNT,
      { timeout: 15_000 },
    );
    if (state.kind !== 'page') throw new Error('no page');
    const popup = await h.openPopup(tab.tabId);
    try {
      const shown = await popup.read();
      const verdictBottom = await popup.evaluate<number>(
        `document.querySelector('[data-testid="verdict"]').getBoundingClientRect().bottom - document.body.getBoundingClientRect().top`,
      );
      console.info(
        `[${browserName}] ${CROWDED_HOST_COUNT}-host page: ${shown.layout.height} px, ${shown.providers.length} providers, ${shown.layout.words} words, ${shown.layout.tabStops} tab stops; first screen: verdict + ${shown.layout.firstScreen.length} providers`,
      );
      expect(shown.providers.length).toBeGreaterThan(20);
      expect(verdictBottom).toBeLessThan(shown.layout.screen / 3);
      expect(shown.layout.firstScreen[0]).toBe('fastly');
      expect(shown.layout.firstScreen.length).toBeGreaterThanOrEqual(6);
      // Every row one line within the popup's width, even with long names and no room for all.
      expect(shown.providers.filter((p) => p.rowLines !== 1 || p.rowOverflows).map((p) => p.id)).toEqual([]);
      // The resilience report is one tab away, not thousands of pixels down.
      const tabTop = await popup.evaluate<number>(
        `document.querySelector('[role="tab"][data-tab="resilience"]').getBoundingClientRect().top`,
      );
      expect(tabTop).toBeLessThan(shown.layout.screen / 2);
    } finally {
      await popup.close();
      await tab.close();
    }
  });

  test('“Check now” keeps the keyboard focus through the check', async () => {
    const tab = await visit(SHOP.url);
    const popup = await h.openPopup(tab.tabId);
    try {
      await popup.evaluate<boolean>(
        `(() => { document.querySelector('[data-testid="check-status"]').focus(); return true; })()`,
      );
      await popup.checkNow();
      expect(
        await popup.evaluate<string | null>('document.activeElement?.getAttribute("data-testid") ?? null'),
      ).toBe('check-status');
    } finally {
      await popup.close();
      await tab.close();
    }
  });

  test('axe: no violation in English, light theme', async () => {
    await noViolations(h, 'en', 'light', true);
  });
});

/*
 * The other language and the other theme, together (contrast depends on the theme, wording and
 * `lang` on the language): a browser of its own, its UI in French, every page dark.
 */
describe.each(browsersUnderTest())('%s: axe in French, dark theme', (browserName) => {
  let h: ExtensionHarness;

  beforeAll(async () => {
    await Promise.all([resetLabFailures(port), resetLabStatus(port)]);
    h = await launch(browserName, { hostnames, labPort: port, locale: 'fr', colorScheme: 'dark' });
  });

  afterAll(async () => {
    await h?.close();
  });

  test('no violation on a page with providers (both tabs, a row open) and on one with none', async () => {
    await noViolations(h, 'fr', 'dark', false);
  });
});
