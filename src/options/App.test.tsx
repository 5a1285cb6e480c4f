// @vitest-environment happy-dom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../scripts/lib/locales-fragments.ts';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings.ts';
import { App } from './App.tsx';
import type { About, OptionsConnector } from './connector.ts';
import { formatDay } from './i18n.ts';
import messages from './messages.json' with { type: 'json' };

let root: HTMLElement | undefined;

afterEach(() => {
  if (root) render(null, root);
  root?.remove();
  root = undefined;
});

async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

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
  failSave?: string;
  failLoad?: string;
}

function mock(lang: 'en' | 'fr' = 'en', stored: Settings = DEFAULT_SETTINGS): Mock {
  const m: Mock = {
    t: translator(lang),
    lang,
    patches: [],
    stored,
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
  root = document.createElement('div');
  document.body.append(root);
  await act(() => render(<App connector={connector} about={ABOUT} />, root!));
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
    const main = await mount(mock('en', { dnsLookups: false, badgeCount: true, notifications: false }));
    expect(main.dataset.state).toBe('ready');
    expect(text(main.querySelector('h1'))).toBe('Faultline settings');
    const dns = box(main, 'dnsLookups');
    const badge = box(main, 'badgeCount');
    expect(dns.type).toBe('checkbox');
    expect(dns.checked).toBe(false);
    expect(badge.checked).toBe(true);
    expect(dns.disabled).toBe(false);
    expect(text(main.querySelector('label[for="dnsLookups"]'))).toBe('Look up DNS providers');
    expect(text(main.querySelector('label[for="badgeCount"]'))).toBe(
      'Show the provider count on the toolbar icon',
    );
    expect(text(main.querySelector(`#${dns.getAttribute('aria-describedby')}`))).toMatch(
      /^When you open the popup on a site, Faultline asks a public DNS-over-HTTPS resolver/,
    );
  });

  it('stores a change at once and says so', async () => {
    const connector = mock();
    const main = await mount(connector);
    await click(box(main, 'dnsLookups'));
    expect(connector.patches).toEqual([{ dnsLookups: false }]);
    expect(connector.stored).toEqual({ dnsLookups: false, badgeCount: true, notifications: false });
    expect(box(main, 'dnsLookups').checked).toBe(false);
    expect(text(main.querySelector('[role="status"]'))).toBe('Saved.');
    await click(box(main, 'badgeCount'));
    expect(connector.patches).toEqual([{ dnsLookups: false }, { badgeCount: false }]);
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
      'the domain names of the site whose popup you open and of the hosts it depends on most (at most 8), sent to Cloudflare’s DNS-over-HTTPS resolver',
    );
  });

  it('speaks French with a French UI', async () => {
    const main = await mount(mock('fr'));
    expect(text(main.querySelector('h1'))).toBe('Réglages de Faultline');
    expect(text(main.querySelector('label[for="dnsLookups"]'))).toBe('Rechercher les fournisseurs DNS');
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
    const dns = box(main, 'dnsLookups');
    dns.focus();
    await click(dns);
    expect(dns.disabled).toBe(false);
    expect(document.activeElement).toBe(dns);
    await click(box(main, 'badgeCount'));
    // The second answer first, then the (older) first one: the second wins.
    await act(() => answers[1]!({ dnsLookups: false, badgeCount: false, notifications: false }));
    await act(() => answers[0]!({ dnsLookups: false, badgeCount: true, notifications: false }));
    await settle();
    expect(box(main, 'dnsLookups').checked).toBe(false);
    expect(box(main, 'badgeCount').checked).toBe(false);
    expect(text(main.querySelector('[role="status"]'))).toBe('Saved.');
  });

  it('is keyboard usable: the checkboxes are real, focusable, toggled by Space', async () => {
    const connector = mock();
    const main = await mount(connector);
    const dns = box(main, 'dnsLookups');
    dns.focus();
    expect(document.activeElement).toBe(dns);
    expect(dns.tabIndex).toBe(0);
    // A native checkbox turns Space into a click; the page reacts to that click.
    await click(dns);
    expect(connector.patches).toEqual([{ dnsLookups: false }]);
  });
});

describe('options strings', () => {
  const en: Record<string, string> = messages.en;

  it('every key the page uses has a text in its fragment, and every text there is used', () => {
    const code = readFileSync(join(import.meta.dirname, 'App.tsx'), 'utf8');
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
