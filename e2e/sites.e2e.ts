import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { GroupId } from '../src/popup/groups.ts';
import { type ExpectedProvider, SITES } from './lab/index.ts';
import { browsersUnderTest, cityOf, en, expectedTitleNames, sorted } from './lib/expect.ts';
import {
  type ExtensionHarness,
  launch,
  type PageState,
  type PopupSnapshot,
  type SiteTab,
  until,
} from './lib/index.ts';

/**
 * Each lab site in each browser: the background's record, the toolbar badge and the popup list
 * exactly the providers the site is built on, with their roles (edge or origin behind it, for the
 * stacked sites) and PoPs, the main document's first, under their category headings.
 */

const { hostnames, port } = inject('lab');

/** The popup's groups in their usual order, and the locale message of each heading. */
const GROUP_DISPLAY_ORDER: readonly GroupId[] = ['edge', 'hosting', 'security', 'dns', 'service'];
const GROUP_HEADING: Readonly<Record<GroupId, string>> = {
  edge: 'groupEdge',
  hosting: 'groupHosting',
  security: 'groupSecurity',
  dns: 'groupDns',
  service: 'groupService',
};

/** Groups holding a main-document provider first, then the others, each part in display order. */
function expectedGroupOrder(expected: readonly ExpectedProvider[]): GroupId[] {
  const present = GROUP_DISPLAY_ORDER.filter((g) => expected.some((p) => p.group === g));
  const withDocument = present.filter((g) => expected.some((p) => p.group === g && p.document));
  return [...withDocument, ...present.filter((g) => !withDocument.includes(g))];
}

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
    // The popup is read once per site (opening it is the slow part) and checked twice.
    let popupRead: Promise<PopupSnapshot> | undefined;
    const readPopup = (): Promise<PopupSnapshot> => {
      popupRead ??= h.readPopup(tab.tabId);
      return popupRead;
    };

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
      const popup = await readPopup();
      if (site.expected.length === 0) {
        expect(popup.state).toBe('none');
        expect(popup.providers).toEqual([]);
        expect(popup.groups).toEqual([]);
        return;
      }
      expect(popup.state).toBe('page');
      const ids = popup.providers.map((p) => p.id);
      expect(sorted(ids)).toEqual(expectedIds);
      // Every provider that carried the main document (with stacked proxies, the edge and the
      // origin behind it) comes before the others, and the document's edge leads the list.
      const documentIds = site.expected.filter((p) => p.document).map((p) => p.id);
      expect(sorted(ids.slice(0, documentIds.length))).toEqual(sorted(documentIds));
      expect(popup.providers.map((p) => p.document)).toEqual(
        site.expected.map((_, i) => i < documentIds.length),
      );
      const documentEdge = site.expected.find((p) => p.document && p.role === 'edge');
      if (documentEdge) expect(popup.providers[0]?.id).toBe(documentEdge.id);
      for (const want of site.expected) {
        const li = popup.providers.find((p) => p.id === want.id)!;
        expect(li.role, want.id).toBe(want.role);
        expect(li.document, want.id).toBe(want.document);
        expect(li.group, want.id).toBe(want.group);
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

    test('the popup groups the providers under their category headings', async () => {
      const popup = await readPopup();
      const order = expectedGroupOrder(site.expected);
      expect(popup.groups.map((g) => g.id)).toEqual(order);
      for (const group of popup.groups) {
        const want = site.expected.filter((p) => p.group === group.id).map((p) => p.id);
        expect(sorted(group.providers), group.id).toEqual(sorted(want));
        expect(group.heading, group.id).toBe(en(GROUP_HEADING[group.id as GroupId]));
      }
      // The groups hold every listed provider once, in the list's order.
      expect(popup.groups.flatMap((g) => g.providers)).toEqual(popup.providers.map((p) => p.id));
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
