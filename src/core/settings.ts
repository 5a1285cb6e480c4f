import { isCountryCode } from './catalog/jurisdictions.ts';

/**
 * The user's settings: what they are, their defaults, and how a stored value is read back.
 * Pure: the background and the options page load and store them (`storage.local`, one key).
 */

export interface Settings {
  /**
   * The user agreed to DNS look-ups: when they open the popup on a site, the site's registrable
   * domain and those of the third parties it needs most are sent to a public DNS-over-HTTPS
   * resolver. Off until the user agrees (in the popup or the options).
   */
  readonly dnsConsent: boolean;
  /** The user answered the consent question (agreed or "not now"): the popup asks no more. */
  readonly dnsAsked: boolean;
  /** Show the provider count on the toolbar badge. */
  readonly badgeCount: boolean;
  /**
   * The user's own country (ISO 3166-1 alpha-2), so the sovereignty summary can say what lies
   * outside it; `''`: the region of the browser's language (`fr-FR` → FR), none when it has none.
   */
  readonly homeCountry: string;
  /** Desktop notifications when a provider of an open tab or a watched site fails (opt-in). */
  readonly notifications: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  dnsConsent: false,
  dnsAsked: false,
  badgeCount: true,
  homeCountry: '',
  notifications: false,
};

/** The one `storage.local` key the settings live under. */
export const SETTINGS_KEY = 'faultline:settings:v1';

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Whether a value is one a setting can hold: its default's type, and for the country a real code. */
function valid<K extends keyof Settings>(key: K, value: unknown): value is Settings[K] {
  if (key === 'homeCountry') return value === '' || isCountryCode(value);
  return typeof value === typeof DEFAULT_SETTINGS[key];
}

/**
 * A stored (or received) value → complete settings. Tolerant of garbage: every field whose value
 * is not one it can hold (a boolean; for the country '' or an assigned ISO code) takes its value
 * from `base` (the defaults unless given), unknown fields are dropped.
 *
 * Before consent existed, DNS look-ups were a `dnsLookups` switch, on by default. A stored
 * `dnsLookups: true` is no consent (almost everyone had it without ever choosing), so it is
 * dropped and that user is asked. A stored `dnsLookups: false` was a choice (the user switched
 * the default off): it counts as answered, "not now", and they are not asked again.
 */
export function parseSettings(value: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const v = isRecord(value) ? value : {};
  const out: Record<keyof Settings, unknown> = { ...base };
  if (Object.hasOwn(v, 'dnsLookups') && v.dnsLookups === false && !Object.hasOwn(v, 'dnsAsked')) {
    out.dnsConsent = false;
    out.dnsAsked = true;
  }
  for (const k of KEYS) {
    const x = Object.hasOwn(v, k) ? v[k] : undefined;
    if (valid(k, x)) out[k] = x;
  }
  // Agreeing is answering.
  if (out.dnsConsent === true) out.dnsAsked = true;
  return out as Settings;
}

/** Complete settings: every field present and holding a value it can hold. */
export function isSettings(value: unknown): value is Settings {
  return isRecord(value) && KEYS.every((k) => Object.hasOwn(value, k) && valid(k, value[k]));
}

/** A partial change (from the options page) applied to the current settings. */
export function applySettings(current: Settings, patch: unknown): Settings {
  return parseSettings(patch, parseSettings(current));
}

export function sameSettings(a: Settings, b: Settings): boolean {
  return KEYS.every((k) => a[k] === b[k]);
}

/** Where DNS look-ups stand for the popup: never asked, agreed, or declined ("not now"). */
export type DnsConsent = 'ask' | 'agreed' | 'declined';

export function dnsConsentOf(settings: Settings): DnsConsent {
  if (settings.dnsConsent) return 'agreed';
  return settings.dnsAsked ? 'declined' : 'ask';
}

/** The settings change that records the user's answer to the consent question. */
export function consentPatch(agreed: boolean): Pick<Settings, 'dnsConsent' | 'dnsAsked'> {
  return { dnsConsent: agreed, dnsAsked: true };
}

/**
 * The new settings from a `storage.onChanged` report, when they changed (undefined otherwise):
 * lets the background follow a change made on the options page without reading storage again.
 */
export function settingsFromChange(
  changes: Readonly<Record<string, { readonly newValue?: unknown } | undefined>>,
): Settings | undefined {
  const change = Object.hasOwn(changes, SETTINGS_KEY) ? changes[SETTINGS_KEY] : undefined;
  return change ? parseSettings(change.newValue) : undefined;
}

/** The region a BCP 47 language tag names (`fr-FR` → FR, `es-419` → none, `fr` → none). */
export function regionOfLocale(tag: string): string | undefined {
  try {
    const region = new Intl.Locale(tag).region;
    return isCountryCode(region) ? region : undefined;
  } catch {
    return undefined;
  }
}

/** The user's country and where it came from: the setting, or the browser's language. */
export interface HomeCountry {
  readonly country: string;
  readonly from: 'setting' | 'browser';
}

/** The country the summary compares with: the setting's, else the browser language's region. */
export function homeCountryOf(settings: Settings, uiLanguage: string): HomeCountry | undefined {
  if (settings.homeCountry) return { country: settings.homeCountry, from: 'setting' };
  const region = regionOfLocale(uiLanguage);
  return region ? { country: region, from: 'browser' } : undefined;
}

/** Every assigned ISO 3166-1 alpha-2 code (as the runtime's CLDR data names them), A to Z. */
export function countryCodes(): string[] {
  const out: string[] = [];
  for (let a = 65; a <= 90; a++)
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (isCountryCode(code)) out.push(code);
    }
  return out;
}
