import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEUTRAL_BADGE_COLOR, RED_BADGE_COLOR } from './badge.ts';
import { newWindow, observedPage, signal } from './observe/index.ts';
import { recordOf, SHOP_RESPONSES } from './page/__fixtures__/pages.ts';
import { newPage } from './page/record.ts';
import { isRestrictedUrl, recordedState, reportedPage, tabBadge, unrecordedState } from './page-state.ts';
import type { ProviderStatus } from './status/model.ts';
import { parseFeed } from './status/parsers/index.ts';

const NOW = Date.parse('2026-09-12T06:00:00Z');
const CF_PAGE = 'https://www.cloudflarestatus.com';

/** Cloudflare's status after reading its recorded summary.json (CDN/Cache major outage). */
function cloudflareDown(): ProviderStatus {
  const file = join(import.meta.dirname, 'status', '__fixtures__', 'statuspage', 'cloudflare-colos.json');
  const parsed = parseFeed('statuspage', readFileSync(file, 'utf8'), { pageUrl: CF_PAGE, now: NOW });
  if (!parsed.ok) throw new Error(parsed.detail);
  return {
    providerId: 'cloudflare',
    level: parsed.status.level,
    checkedAt: NOW,
    okAt: NOW,
    last: parsed.status,
    pageUrl: CF_PAGE,
  };
}

const notChecked = (providerId: string): ProviderStatus => ({
  providerId,
  level: 'unknown',
  reason: 'not_checked',
  pageUrl: `https://status.${providerId}.example`,
});

/** Keys and substitutions, as badge.test.ts reads them. */
const t = (key: string, subs?: readonly string[]): string =>
  key === 'extensionName' ? 'Faultline' : `${key}(${(subs ?? []).join('|')})`;

const quiet = signal(newWindow(), NOW);

describe('recordedState', () => {
  const shop = recordOf(3, 'https://www.maple-shop.com/', SHOP_RESPONSES);

  it('joins the page view, the live statuses of its providers and what was observed', () => {
    const asked: [number, readonly string[]][] = [];
    const state = recordedState(shop, {
      statusOf: (id) =>
        id === 'cloudflare' ? cloudflareDown() : id === 'fastly' ? notChecked(id) : undefined,
      observed: (startedAt, ids) => {
        asked.push([startedAt, ids]);
        return observedPage(quiet, ids, []);
      },
    });
    if (state?.kind !== 'page') throw new Error(`expected a page, got ${state?.kind}`);
    expect(state.page.url).toBe('https://www.maple-shop.com/');
    expect(state.page.requests).toBe(3);
    expect(state.page.providers.map((p) => p.id)).toEqual(['cloudflare', 'fastly', 'jsdelivr', 'stripe']);
    expect(state.statuses?.map((s) => [s.providerId, s.level])).toEqual([
      ['cloudflare', 'major_outage'],
      ['fastly', 'unknown'],
    ]);
    // Observations are asked for this page (its start) and its providers, in the page's order.
    expect(asked).toEqual([[shop.startedAt, ['cloudflare', 'fastly', 'jsdelivr', 'stripe']]]);
    expect(state.observed).toEqual({ local: 'ok', providers: {}, errors: [] });
  });

  it('a document that never arrived is a page to show, with its error', () => {
    const failed = newPage(3, 'https://www.daily-ledger.com/', 'www.daily-ledger.com', NOW);
    failed.documentError = 'net::ERR_CONNECTION_REFUSED';
    const state = recordedState(failed, {
      statusOf: () => undefined,
      observed: (_, ids) => observedPage(quiet, ids, []),
    });
    expect(state?.kind).toBe('page');
    if (state?.kind === 'page') expect(state.page.documentError).toBe('net::ERR_CONNECTION_REFUSED');
  });

  it('no record, or a navigation that has not answered yet: nothing recorded', () => {
    const facts = { statusOf: () => undefined, observed: () => observedPage(quiet, [], []) };
    expect(recordedState(undefined, facts)).toBeUndefined();
    expect(
      recordedState(newPage(3, 'https://www.maple-shop.com/', 'www.maple-shop.com', NOW), facts),
    ).toBeUndefined();
  });
});

describe('unrecordedState', () => {
  it('says what the tab’s URL allows', () => {
    expect(unrecordedState(undefined)).toEqual({ kind: 'empty' });
    expect(unrecordedState({ url: 'https://www.maple-shop.com/' })).toEqual({
      kind: 'empty',
      url: 'https://www.maple-shop.com/',
    });
    expect(unrecordedState({ url: 'chrome://newtab/' })).toEqual({
      kind: 'restricted',
      url: 'chrome://newtab/',
    });
    // A tab whose URL the extension may not read is a page it cannot see.
    expect(unrecordedState({})).toEqual({ kind: 'restricted', url: '' });
  });
});

describe('reportedPage', () => {
  it('is the view of a page with responses; a failed document alone has nothing to report on', () => {
    const shop = recordOf(3, 'https://www.maple-shop.com/', SHOP_RESPONSES);
    expect(reportedPage(shop)?.providers.map((p) => p.id)).toEqual([
      'cloudflare',
      'fastly',
      'jsdelivr',
      'stripe',
    ]);
    const failed = newPage(3, 'https://www.daily-ledger.com/', 'www.daily-ledger.com', NOW);
    failed.documentError = 'net::ERR_CONNECTION_REFUSED';
    expect(reportedPage(failed)).toBeUndefined();
    expect(reportedPage(undefined)).toBeUndefined();
  });
});

describe('tabBadge', () => {
  const shop = recordOf(3, 'https://www.maple-shop.com/', SHOP_RESPONSES);

  it('counts the providers of a calm page, or stays empty when the setting says so', () => {
    const facts = {
      statusOf: notChecked,
      observed: (_: number, ids: readonly string[]) => observedPage(quiet, ids, []),
      t,
    };
    expect(tabBadge(shop, { ...facts, showCount: true })).toMatchObject({
      text: '4',
      color: NEUTRAL_BADGE_COLOR,
    });
    expect(tabBadge(shop, { ...facts, showCount: false })).toMatchObject({
      text: '',
      color: NEUTRAL_BADGE_COLOR,
    });
  });

  it('turns red when a provider the page uses has a major outage that touches it', () => {
    const badge = tabBadge(shop, {
      statusOf: (id) => (id === 'cloudflare' ? cloudflareDown() : undefined),
      observed: (_, ids) => observedPage(quiet, ids, []),
      showCount: true,
      t,
    });
    expect(badge.text).toBe('!');
    expect(badge.color).toBe(RED_BADGE_COLOR);
    expect(badge.title).toBe(
      'Faultline\nverdictDeclared(Cloudflare|levelMajorOutage())\nbadgeTitleIncident(Cloudflare|levelMajorOutage()|CDN/Cache: elevated 5xx errors in multiple locations)',
    );
  });

  it('a tab without a record gets the neutral, empty badge', () => {
    expect(
      tabBadge(undefined, {
        statusOf: notChecked,
        observed: (_, ids) => observedPage(quiet, ids, []),
        showCount: true,
        t,
      }),
    ).toEqual({
      text: '',
      color: NEUTRAL_BADGE_COLOR,
      title: 'Faultline',
    });
  });
});

describe('isRestrictedUrl', () => {
  it.each([
    ['chrome://extensions/', true],
    ['about:debugging', true],
    ['file:///home/me/a.html', true],
    ['view-source:https://a.example/', true],
    ['https://chromewebstore.google.com/detail/x', true],
    ['https://addons.mozilla.org/en-US/firefox/', true],
    ['https://microsoftedge.microsoft.com/addons/detail/x', true],
    ['https://www.maple-shop.com/', false],
    ['http://a.example/addons.mozilla.org', false],
  ])('%s restricted: %s', (url, restricted) => {
    expect(isRestrictedUrl(url)).toBe(restricted);
  });
});
