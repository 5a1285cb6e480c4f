// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../scripts/lib/locales-fragments.ts';
import { mount as mountUi, settle, unmountAll } from '../__fixtures__/mount.ts';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.ts';
import { App } from './App.tsx';
import type { About, OptionsConnector } from './connector.ts';
import { formatDay } from './i18n.ts';
import messages from './messages.json' with { type: 'json' };

afterEach(unmountAll);

const ABOUT: About = {
  version: '0.1.0',
  providers: 187,
  ipRanges: '2026-08-16',
  ipSources: [
    { name: 'Akamai', source: 'antonme/ipranges @b94c067 akamai/', date: '2026-08-08', licence: 'CC0-1.0' },
    { name: 'Bunny CDN', source: 'none: not in the datasets', date: '', licence: '' },
  ],
};

interface Mock extends OptionsConnector {
  readonly patches: Partial<Settings>[];
  stored: Settings;
  sites: readonly string[];
  /** The questions asked, and the answer given to them. */
  readonly questions: string[];
  answer: boolean;
  cleared: number;
  failSave?: string;
  failLoad?: string;
}

function mock(lang: 'en' | 'fr' = 'en', stored: Settings = DEFAULT_SETTINGS): Mock {
  const m: Mock = {
    t: translator(lang),
    lang,
    patches: [],
    stored,
    sites: [],
    questions: [],
    answer: true,
    cleared: 0,
    getSitesOff: async () => m.sites,
    setSiteOff: async (host, off) => {
      m.sites = off ? [...m.sites, host] : m.sites.filter((s) => s !== host);
      return m.sites;
    },
    clearAllData: async () => {
      m.cleared++;
      m.stored = DEFAULT_SETTINGS;
      m.sites = [];
      return m.stored;
    },
    confirm: (question) => {
      m.questions.push(question);
      return m.answer;
    },
    getSettings: async () => {
      if (m.failLoad) throw new Error(m.failLoad);
      return m.stored;
    },
    setSettings: async (patch) => {
      m.patches.push(patch);
      if (m.failSave) throw new Error(m.failSave);
      m.stored = { ...m.stored, ...patch };
      return m.stored;
    },
  };
  return m;
}

async function mount(connector: OptionsConnector): Promise<HTMLElement> {
  const root = await mountUi(<App connector={connector} about={ABOUT} />);
  await settle();
  return root.querySelector('main')!;
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const box = (main: HTMLElement, id: string) => main.querySelector<HTMLInputElement>(`input#${id}`)!;

async function click(el: HTMLElement): Promise<void> {
  await act(() => el.click());
  await settle();
}

describe('options page', () => {
  it('shows both settings as labelled, described checkboxes, as stored', async () => {
    const main = await mount(
      mock('en', { dnsConsent: false, dnsAsked: true, badgeCount: true, notifications: false }),
    );
    expect(main.dataset.state).toBe('ready');
    expect(text(main.querySelector('h1'))).toBe('Faultline settings');
    const dns = box(main, 'dnsConsent');
    const badge = box(main, 'badgeCount');
    expect(dns.type).toBe('checkbox');
    expect(dns.checked).toBe(false);
    expect(badge.checked).toBe(true);
    expect(dns.disabled).toBe(false);
    expect(text(main.querySelector('label[for="dnsConsent"]'))).toBe(
      'Look up DNS providers (your agreement)',
    );
    expect(text(main.querySelector('label[for="badgeCount"]'))).toBe(
      'Show the provider count on the toolbar icon',
    );
    expect(text(main.querySelector(`#${dns.getAttribute('aria-describedby')}`))).toMatch(
      /^When you open the popup on a site, Faultline sends the registrable domain of the site and those of up to 7 third parties .* to Cloudflare’s public DNS-over-HTTPS resolver \(cloudflare-dns.com\), or to Google’s \(dns.google\)/,
    );
  });

  it('stores a change at once and says so', async () => {
    const connector = mock();
    const main = await mount(connector);
    // Off by default; switching it on here is the user's agreement (the popup asks no more).
    expect(box(main, 'dnsConsent').checked).toBe(false);
    await click(box(main, 'dnsConsent'));
    expect(connector.patches).toEqual([{ dnsConsent: true, dnsAsked: true }]);
    expect(connector.stored).toEqual({
      dnsConsent: true,
      dnsAsked: true,
      badgeCount: true,
      notifications: false,
    });
    expect(box(main, 'dnsConsent').checked).toBe(true);
    expect(text(main.querySelector('[role="status"]'))).toBe('Saved.');
    await click(box(main, 'badgeCount'));
    expect(connector.patches).toEqual([{ dnsConsent: true, dnsAsked: true }, { badgeCount: false }]);
    expect(box(main, 'badgeCount').checked).toBe(false);
  });

  it('puts the box back and says why when the change cannot be stored', async () => {
    const connector = mock();
    connector.failSave = 'quota exceeded';
    const main = await mount(connector);
    await click(box(main, 'badgeCount'));
    expect(box(main, 'badgeCount').checked).toBe(true);
    expect(text(main.querySelector('[role="status"]'))).toBe('Could not save the setting: quota exceeded');
  });

  it('says so when the settings cannot be read', async () => {
    const connector = mock();
    connector.failLoad = 'no background';
    const main = await mount(connector);
    expect(main.dataset.state).toBe('failed');
    expect(text(main.querySelector('[role="alert"]'))).toBe('Could not read the settings: no background');
    expect(main.querySelector('input')).toBeNull();
  });

  it('About: version, catalog size, IP data date, and the privacy statement', async () => {
    const main = await mount(mock());
    expect(text(main.querySelector('[data-about="version"]'))).toBe('0.1.0');
    expect(text(main.querySelector('[data-about="catalog"]'))).toBe('187 providers');
    expect(text(main.querySelector('[data-about="ip-ranges"]'))).toBe(
      'published ranges as of August 16, 2026',
    );
    expect(main.querySelector('time')?.getAttribute('datetime')).toBe('2026-08-16');
    const sources = [...main.querySelectorAll('[data-about="ip-sources"] li')].map(text);
    expect(text(main.querySelector('[data-about="ip-sources"] summary'))).toBe(
      'Where each provider’s IP ranges come from',
    );
    expect(sources).toEqual([
      'Akamai — antonme/ipranges @b94c067 akamai/ (August 8, 2026, licence: CC0-1.0)',
      'Bunny CDN — no ranges in this snapshot: not in the datasets',
    ]);
    expect(text(main.querySelector('[data-about="privacy"]'))).toContain('no telemetry');
    expect(text(main.querySelector('[data-about="traffic"]'))).toContain(
      'only once you agreed, the domain names of the site whose popup you open and of the hosts it depends on most (at most 8), sent to Cloudflare’s DNS-over-HTTPS resolver',
    );
  });

  it('speaks French with a French UI', async () => {
    const main = await mount(mock('fr'));
    expect(text(main.querySelector('h1'))).toBe('Réglages de Faultline');
    expect(text(main.querySelector('label[for="dnsConsent"]'))).toBe(
      'Rechercher les fournisseurs DNS (votre accord)',
    );
    expect(text(main.querySelector('[data-about="ip-ranges"]'))).toBe('plages publiées au 16 août 2026');
  });

  it('keeps the latest change when answers cross, and never disables the boxes while saving', async () => {
    const connector = mock();
    const answers: ((s: Settings) => void)[] = [];
    connector.setSettings = (patch) => {
      connector.patches.push(patch);
      return new Promise<Settings>((resolve) => answers.push(resolve));
    };
    const main = await mount(connector);
    const dns = box(main, 'dnsConsent');
    dns.focus();
    await click(dns);
    expect(dns.disabled).toBe(false);
    expect(document.activeElement).toBe(dns);
    await click(box(main, 'badgeCount'));
    // The second answer first, then the (older) first one: the second wins.
    await act(() =>
      answers[1]!({ dnsConsent: true, dnsAsked: true, badgeCount: false, notifications: false }),
    );
    await act(() =>
      answers[0]!({ dnsConsent: true, dnsAsked: true, badgeCount: true, notifications: false }),
    );
    await settle();
    expect(box(main, 'dnsConsent').checked).toBe(true);
    expect(box(main, 'badgeCount').checked).toBe(false);
    expect(text(main.querySelector('[role="status"]'))).toBe('Saved.');
  });

  it('is keyboard usable: the checkboxes are real, focusable, toggled by Space', async () => {
    const connector = mock();
    const main = await mount(connector);
    const dns = box(main, 'dnsConsent');
    dns.focus();
    expect(document.activeElement).toBe(dns);
    expect(dns.tabIndex).toBe(0);
    // A native checkbox turns Space into a click; the page reacts to that click.
    await click(dns);
    expect(connector.patches).toEqual([{ dnsConsent: true, dnsAsked: true }]);
  });
});

describe('sites and data', () => {
  it('lists the sites Faultline is off for, and turns one back on', async () => {
    const connector = mock();
    connector.sites = ['www.maple-shop.com', 'news.example'];
    const main = await mount(connector);
    const list = () => [...main.querySelectorAll<HTMLElement>('[data-site]')].map((li) => li.dataset.site);
    expect(list()).toEqual(['www.maple-shop.com', 'news.example']);
    const on = main.querySelector<HTMLButtonElement>('[data-site="news.example"] button')!;
    expect(on.getAttribute('aria-label')).toBe('Turn Faultline back on for news.example');
    await click(on);
    expect(list()).toEqual(['www.maple-shop.com']);
    await click(main.querySelector<HTMLButtonElement>('[data-site] button')!);
    expect(text(main.querySelector('[data-testid="sites-off"] p'))).toMatch(/^None\./);
  });

  it('says what is stored and for how long', async () => {
    const main = await mount(mock());
    const stored = text(main.querySelector('[data-testid="data"] ul'));
    expect(stored).toContain('forgotten when the tab closes');
    expect(stored).toContain('DNS answers (nameservers of a domain): 24 hours.');
  });

  it('clears all data only after the user confirms, then shows the defaults', async () => {
    const connector = mock('en', {
      dnsConsent: true,
      dnsAsked: true,
      badgeCount: false,
      notifications: false,
    });
    connector.sites = ['news.example'];
    const main = await mount(connector);
    const clear = main.querySelector<HTMLButtonElement>('[data-testid="clear-all"]')!;
    connector.answer = false;
    await click(clear);
    expect(connector.questions).toHaveLength(1);
    expect(connector.cleared).toBe(0);
    expect(box(main, 'dnsConsent').checked).toBe(true);
    connector.answer = true;
    await click(clear);
    expect(connector.cleared).toBe(1);
    expect(box(main, 'dnsConsent').checked).toBe(false);
    expect(box(main, 'badgeCount').checked).toBe(true);
    expect(main.querySelectorAll('[data-site]')).toHaveLength(0);
    expect(text(main.querySelector('[data-testid="data"] [role="status"]'))).toBe(
      'All data cleared; the settings are back to their defaults.',
    );
  });
});

describe('options strings', () => {
  const en: Record<string, string> = messages.en;

  it('every key the page uses has a text in its fragment, and every text there is used', () => {
    const code = ['App.tsx', 'SitesOff.tsx', 'ClearData.tsx', 'browser-connector.ts']
      .map((f) => readFileSync(join(import.meta.dirname, f), 'utf8'))
      .join('\n');
    const used = new Set([...code.matchAll(/\bt\('(opt[A-Za-z]+)'/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(15);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !used.has(k))).toEqual([]);
  });

  it('formats the IP-data day, and leaves anything else as it is', () => {
    expect(formatDay('2026-08-16', 'fr')).toBe('16 août 2026');
    expect(formatDay('not a date', 'en')).toBe('not a date');
  });
});
