import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { SETTINGS_KEY } from '../src/core/settings.ts';
import { SITES_OFF_KEY } from '../src/core/sites.ts';
import { browsersUnderTest, en } from './lib/expect.ts';
import { type ExtensionHarness, launch, until } from './lib/index.ts';
import { labDoh, resetLabDoh } from './lib/lab-client.ts';

/**
 * The controls a user expects (issue 15): Faultline off for one site from the popup's header
 * (nothing recorded, no DNS look-up, no badge; listed and removable in the options), "Clear all
 * data" in the options, and, in Firefox, host access withheld then asked for from the popup.
 */

const { hostnames, port } = inject('lab');

const SHOP = 'https://www.maple-shop.com/';
const SHOP_HOST = 'www.maple-shop.com';
const LEDGER = 'https://www.daily-ledger.com/';

const api = `(typeof browser !== 'undefined' ? browser : chrome)`;
const local = (key: string) =>
  `${api}.storage.local.get(${JSON.stringify(key)}).then((r) => r[${JSON.stringify(key)}] ?? null)`;

const POPUP_STATE = `document.querySelector('main[data-state]')?.dataset.state ?? null`;

describe.each(browsersUnderTest())('%s: user controls', (browserName) => {
  let h: ExtensionHarness;

  beforeAll(async () => {
    await resetLabDoh(port);
    h = await launch(browserName, { hostnames, labPort: port });
    // The user agreed to DNS look-ups: a site switched off must still look nothing up.
    await h.extensionEval(
      `${api}.storage.local.set({ ${JSON.stringify(SETTINGS_KEY)}: { dnsConsent: true, dnsAsked: true, badgeCount: true } }).then(() => true)`,
    );
  });

  afterAll(async () => {
    await h?.close();
    await resetLabDoh(port);
  });

  test('Faultline off for a site, from the popup header: no record, no badge, no DNS; back on from the options', async () => {
    const tab = await h.open(SHOP);
    await h.settle(tab.tabId, 300);
    expect((await h.badge(tab.tabId)).text).not.toBe('');
    const popup = await h.openPopup(tab.tabId);
    try {
      expect(await popup.evaluate<string | null>(POPUP_STATE)).not.toBe('no-access');
      const label = await popup.evaluate<string | null>(
        `document.querySelector('header [data-testid="site-switch"]')?.getAttribute('aria-label') ?? null`,
      );
      expect(label).toBe(en('siteSwitch', SHOP_HOST));
      await popup.click('[data-testid="site-switch"]');
      await until(
        'the popup to say Faultline is off here',
        () => popup.evaluate<string | null>(POPUP_STATE),
        (s) => s === 'off',
      );
      expect(
        await popup.evaluate<string>(`document.querySelector('[data-testid="site-off"] h2').textContent`),
      ).toBe(en('siteOffTitle'));
    } finally {
      await popup.close();
    }
    expect(await h.extensionEval<string[] | null>(local(SITES_OFF_KEY))).toEqual([SHOP_HOST]);
    await until(
      'the badge to go',
      () => h.badge(tab.tabId),
      (b) => b.text === '',
    );

    // A fresh visit: nothing recorded, no badge, and no DNS query although look-ups are agreed.
    const before = await labDoh(port);
    const again = await h.open(SHOP);
    const offState = await until(
      'the page to be known as off',
      () => h.getPage(again.tabId),
      (p) => p.kind === 'off',
    );
    expect(offState).toEqual({ kind: 'off', url: SHOP, host: SHOP_HOST });
    expect((await h.badge(again.tabId)).text).toBe('');
    const second = await h.openPopup(again.tabId);
    await until(
      'the popup of the site that is off',
      () => second.evaluate<string | null>(POPUP_STATE),
      (s) => s === 'off',
    );
    await new Promise((r) => setTimeout(r, 500));
    await second.close();
    const after = await labDoh(port);
    expect(after.cloudflare.total - before.cloudflare.total).toBe(0);
    expect(after.google.total - before.google.total).toBe(0);

    // Another site is still seen.
    const ledger = await h.open(LEDGER);
    await h.settle(ledger.tabId, 300);
    expect((await h.getPage(ledger.tabId)).kind).toBe('page');

    // Listed in the options, and turned back on there.
    const options = await h.openExtensionPage('src/options/index.html');
    try {
      const listed = await until(
        'the options to list the site',
        () =>
          options.evaluate<string[]>(
            `[...document.querySelectorAll('[data-site]')].map((li) => li.dataset.site)`,
          ),
        (l) => l.length > 0,
      );
      expect(listed).toEqual([SHOP_HOST]);
      await options.click(`[data-site="${SHOP_HOST}"] button`);
      await until(
        'the list to be empty',
        () => h.extensionEval<string[] | null>(local(SITES_OFF_KEY)),
        (l) => l?.length === 0,
      );
    } finally {
      await options.close();
    }
    const back = await h.open(SHOP);
    await h.settle(back.tabId, 300);
    expect((await h.getPage(back.tabId)).kind).toBe('page');
    expect((await h.badge(back.tabId)).text).not.toBe('');
  });

  test('Clear all data: asks first, then settings, sites, DNS answers and page records are gone', async () => {
    const tab = await h.open(SHOP);
    await h.settle(tab.tabId, 300);
    expect((await h.getPage(tab.tabId)).kind).toBe('page');
    await h.extensionEval(
      `${api}.storage.local.set({ ${JSON.stringify(SITES_OFF_KEY)}: ['news.example'], 'dns:maple-shop.com': { v: 1, at: Date.now(), nameservers: ['a.ns.example'] } }).then(() => true)`,
    );
    const options = await h.openOptions();
    try {
      // The confirmation: refused first (nothing happens), then accepted.
      await options.evaluate(
        `(window.__asked = [], window.confirm = (q) => (window.__asked.push(q), false), true)`,
      );
      await options.click('[data-testid="clear-all"]');
      expect(await options.evaluate<string[]>('window.__asked')).toEqual([en('optClearConfirm')]);
      expect(await h.extensionEval<unknown>(local(SETTINGS_KEY))).not.toBeNull();
      await options.evaluate(`(window.confirm = () => true, true)`);
      await options.click('[data-testid="clear-all"]');
      await until(
        'the "cleared" note',
        () =>
          options.evaluate<string>(
            `document.querySelector('[data-testid="data"] [role="status"]').textContent`,
          ),
        (t) => t === en('optCleared'),
      );
      expect(await options.evaluate<boolean>(`document.getElementById('dnsConsent').checked`)).toBe(false);
    } finally {
      await options.close();
    }
    const all = await h.extensionEval<Record<string, unknown>>(`${api}.storage.local.get(null)`);
    expect(
      Object.keys(all).filter((k) => k === SETTINGS_KEY || k === SITES_OFF_KEY || k.startsWith('dns:')),
    ).toEqual([]);
    const state = await h.getPage(tab.tabId);
    expect(state.kind).not.toBe('page');
  });

  test.runIf(browserName === 'firefox')(
    'Firefox: host access withheld, the popup says so and asks for it',
    async () => {
      const tab = await h.open(LEDGER);
      await h.settle(tab.tabId, 300);
      const removed = await h.extensionEval<boolean>(
        `browser.permissions.remove({ origins: ['<all_urls>'] })`,
      );
      expect(removed).toBe(true);
      expect(
        await h.extensionEval<boolean>(`browser.permissions.contains({ origins: ['<all_urls>'] })`),
      ).toBe(false);
      const popup = await h.openPopup(tab.tabId);
      try {
        await until(
          'the popup to say access is missing',
          () => popup.evaluate<string | null>(POPUP_STATE),
          (s) => s === 'no-access',
        );
        const text = await popup.evaluate<string>(
          `document.querySelector('[data-testid="host-access"]').textContent`,
        );
        expect(text).toContain(en('hostAccessTitle'));
        expect(text).not.toContain(en('restrictedBody'));
        await popup.click('[data-testid="host-access-request"]');
        await until(
          'the popup to leave the no-access state',
          () => popup.evaluate<string | null>(POPUP_STATE),
          (s) => s !== 'no-access',
        );
      } finally {
        await popup.close();
      }
      expect(
        await h.extensionEval<boolean>(`browser.permissions.contains({ origins: ['<all_urls>'] })`),
      ).toBe(true);
      // Seen again once the page loads with access.
      const again = await h.open(LEDGER);
      await h.settle(again.tabId, 300);
      expect((await h.getPage(again.tabId)).kind).toBe('page');
    },
  );
});
