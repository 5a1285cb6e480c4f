import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { SITES } from './lab/index.ts';
import { browsersUnderTest, cityOf, expectedTitleNames, sorted } from './lib/expect.ts';
import { type ExtensionHarness, launch, type PageState, type SiteTab, until } from './lib/index.ts';

/**
 * Each lab site in each browser: the background's record, the toolbar badge and the popup list
 * exactly the providers the site is built on, with their PoPs, the main document's first.
 */

const { hostnames, port } = inject('lab');

describe.each(browsersUnderTest())('%s', (browserName) => {
  let h: ExtensionHarness;

  beforeAll(async () => {
    h = await launch(browserName, { hostnames, labPort: port });
  });
  afterAll(async () => {
    await h?.close();
  });

  describe.each(SITES.map((s) => [s.id, s] as const))('%s', (_id, site) => {
    let tab: SiteTab;
    let settled: PageState;
    const expectedIds = sorted(site.expected.map((p) => p.id));

    beforeAll(async () => {
      tab = await h.open(site.url);
      settled = await h.settle(tab.tabId);
    });
    afterAll(async () => {
      await tab?.close();
    });

    test('the background records the expected providers', () => {
      expect(settled.kind).toBe('page');
      if (settled.kind !== 'page') return;
      const { page } = settled;
      expect(page.host).toBe(new URL(site.url).host);
      expect(sorted(page.providers.map((p) => p.id))).toEqual(expectedIds);
      for (const want of site.expected) {
        const got = page.providers.find((p) => p.id === want.id)!;
        expect(got.role, want.id).toBe(want.role);
        expect(got.document, want.id).toBe(want.document);
        expect(sorted(got.pops.map((p) => p.code)), want.id).toEqual(sorted(want.pops));
      }
    });

    test('the badge counts the providers and the title names them', async () => {
      const want = site.expected.length > 0 ? String(site.expected.length) : '';
      // The badge is applied after the record is written; give it a moment.
      const badge = await until(
        'the badge',
        () => h.badge(tab.tabId),
        (b) => b.text === want,
        {
          timeout: 5_000,
        },
      ).catch(() => h.badge(tab.tabId));
      expect(badge.text).toBe(want);
      if (site.expected.length === 0) {
        expect(badge.title).toBe('Faultline');
      } else {
        expect(badge.title.startsWith('Faultline — ')).toBe(true);
        expect(sorted(badge.title.slice('Faultline — '.length).split(', '))).toEqual(
          expectedTitleNames(site.expected),
        );
      }
    });

    test('the popup lists exactly the expected providers, document first, with PoPs', async () => {
      const popup = await h.readPopup(tab.tabId);
      if (site.expected.length === 0) {
        expect(popup.state).toBe('none');
        expect(popup.providers).toEqual([]);
        return;
      }
      expect(popup.state).toBe('page');
      const ids = popup.providers.map((p) => p.id);
      expect(sorted(ids)).toEqual(expectedIds);
      const documentProvider = site.expected.find((p) => p.document);
      if (documentProvider) {
        expect(popup.providers[0]?.id).toBe(documentProvider.id);
        expect(popup.providers[0]?.document).toBe(true);
        expect(popup.providers.slice(1).every((p) => !p.document)).toBe(true);
      }
      for (const want of site.expected) {
        const li = popup.providers.find((p) => p.id === want.id)!;
        expect(li.role, want.id).toBe(want.role);
        expect(li.document, want.id).toBe(want.document);
        expect(sorted(li.pops), want.id).toEqual(sorted(want.pops));
        expect(sorted(li.popLabels.map((l) => l.code)), want.id).toEqual(sorted(want.pops));
        for (const label of li.popLabels) {
          expect(label.text, `${want.id} ${label.code}`).toContain(label.code);
          const city = cityOf(label.code);
          if (city) expect(label.text, `${want.id} ${label.code}`).toContain(city);
        }
        expect(li.evidence, `${want.id} has its evidence in a <details>`).toBe(true);
      }
    });
  });

  test('a browser page the extension cannot see is "restricted"', async () => {
    const url = browserName === 'chromium' ? 'chrome://version' : 'about:robots';
    const tab = await h.open(url, { waitForLoad: false });
    try {
      const state = await h.getPage(tab.tabId);
      expect(state.kind).toBe('restricted');
      const popup = await h.readPopup(tab.tabId);
      expect(popup.state).toBe('restricted');
      expect(popup.providers).toEqual([]);
      expect((await h.badge(tab.tabId)).text).toBe('');
    } finally {
      await tab.close();
    }
  });
});
