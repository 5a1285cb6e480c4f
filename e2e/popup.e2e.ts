import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { providerById } from '../src/core/catalog/index.ts';
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
 * providers (both tabs, a row open) and on a page with none; there the resilience tab's
 * sovereignty and failover lines are present and nothing in the tab reaches past the popup's
 * width. The heights and the tab's line counts are logged.
 */

const { hostnames, port } = inject('lab');

const SHOP = SITES.find((s) => s.id === 'maple-shop')!;
const PLAIN = SITES.find((s) => s.id === 'plain-origin')!;
/** The companies behind Maple Shop's providers (Cloudflare, Fastly, jsDelivr): one line each. */
const SHOP_COMPANIES = new Set(SHOP.expected.map((p) => providerById.get(p.id)?.company)).size;

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

/** How the resilience tab's lines sit in the popup's width (the browser's own layout, measured). */
interface ResilienceFit {
  /** Lines of the sovereignty summary, of the per-company list and of the failover reading. */
  sovereignty: number;
  jurisdictions: number;
  failover: number;
  /** Visible parts of the tab that reach past the popup's content width, or scroll inside. */
  overflowing: string[];
  /** Text lines each part takes, for the log: `jurisdiction Cloudflare 1`. */
  lines: string[];
  /** Text lines of the longest company line and of the row of export buttons. */
  companyLines: number;
  exportLines: number;
}

const READ_FIT = `(() => {
  const body = document.body;
  // The popup's content width: the body's box without its scroll bar.
  const right = body.getBoundingClientRect().left + body.clientWidth + 1;
  const section = document.querySelector('[data-testid="resilience"]');
  const visible = (e) => e.checkVisibility();
  // Text lines: the distinct tops of the boxes its text lays out in.
  const lines = (e) => {
    const range = document.createRange();
    range.selectNodeContents(e);
    const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)).sort((a, b) => a - b);
    return tops.reduce((n, top, i) => (i > 0 && top - tops[i - 1] > 4 ? n + 1 : n), tops.length > 0 ? 1 : 0);
  };
  const name = (e) => (e.dataset.testid || e.dataset.summary || e.dataset.failover || e.dataset.company || e.tagName.toLowerCase());
  // Visually hidden headings are 1 px boxes on purpose.
  const parts = [...section.querySelectorAll('li, p, h3, button, summary')].filter((e) => visible(e) && !e.closest('.visually-hidden'));
  const all = (sel) => [...section.querySelectorAll(sel)].filter(visible);
  const exportRow = section.querySelector('.export');
  const buttons = exportRow ? [...exportRow.querySelectorAll('button')] : [];
  const exportTops = new Set(buttons.map((b) => Math.round(b.getBoundingClientRect().top)));
  return {
    sovereignty: all('[data-testid="sovereignty-summary"] li').length,
    jurisdictions: all('[data-testid="jurisdictions"] li').length,
    failover: all('[data-testid="failover"] li').length,
    overflowing: parts
      .filter((e) => e.getBoundingClientRect().right > right || e.scrollWidth > e.clientWidth + 1)
      .map((e) => name(e) + ': ' + e.textContent.trim().slice(0, 60)),
    lines: all('[data-testid="sovereignty"] li, [data-testid="failover"] li').map((e) => name(e) + ' ' + lines(e)),
    companyLines: Math.max(0, ...all('[data-testid="jurisdictions"] li').map(lines)),
    exportLines: exportTops.size,
  };
})()`;

/**
 * axe over Maple Shop (both tabs, a row open) and the plain origin, in the harness's language and
 * theme; on Maple Shop's resilience tab, its sovereignty and failover lines are there (so axe reads
 * them) and fit the popup's 380 px; then the options page (its country list).
 */
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
      if (site === SHOP) {
        // The DNS question (asked once per browser): agreed here, the failover lines follow.
        expect(
          await popup.evaluate<boolean>(`document.querySelector('[data-testid="dns-agree"]') !== null`),
        ).toBe(true);
        await popup.click('[data-testid="dns-agree"]');
        await until(
          'the failover reading after the agreement',
          () => popup.evaluate<number>(`document.querySelectorAll('[data-testid="failover"] li').length`),
          (n) => n > 0,
          { timeout: 15_000 },
        );
        expect(await axe(popup), `${site.id}: resilience tab, DNS looked up`).toEqual([]);
        const fit = await popup.evaluate<ResilienceFit>(READ_FIT);
        console.info(
          `[${locale}, ${colorScheme}] resilience tab: ${fit.lines.join('; ')}; companies at most ${fit.companyLines} lines; export buttons on ${fit.exportLines} lines`,
        );
        // Whose law (the summary, and one line per company behind the shop's providers) and the
        // failover reading (the address record, the NS records) from the lab's DoH answers.
        expect(fit.sovereignty, 'summary lines').toBeGreaterThanOrEqual(2);
        expect(fit.jurisdictions, 'company lines').toBe(SHOP_COMPANIES);
        expect(fit.failover, 'failover lines').toBe(2);
        expect(fit.overflowing, 'past the popup width').toEqual([]);
        // A company's line (name, country, law, critical path) stays short enough to scan.
        expect(fit.companyLines, 'lines of a company').toBeLessThanOrEqual(2);
        expect(fit.exportLines, 'rows of export buttons').toBeLessThanOrEqual(2);
        if (plantOne) {
          // The measure does look: a line wider than the popup, planted, is found.
          await popup.evaluate<boolean>(`(() => {
            const p = document.createElement('p');
            p.dataset.testid = 'planted';
            p.style.width = '500px';
            p.textContent = 'wide';
            document.querySelector('[data-testid="sovereignty"]').append(p);
            return true;
          })()`);
          expect((await popup.evaluate<ResilienceFit>(READ_FIT)).overflowing).toEqual(['planted: wide']);
          await popup.evaluate<boolean>(`(document.querySelector('[data-testid="planted"]').remove(), true)`);
        }
      }
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
  // The options page, with its country list (the sovereignty summary's "your country").
  const options = await h.openOptions();
  try {
    expect(
      await options.evaluate<number>(`document.querySelectorAll('#homeCountry option').length`),
    ).toBeGreaterThan(200);
    expect(await axe(options), 'options page').toEqual([]);
  } finally {
    await options.close();
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
