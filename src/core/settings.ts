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
  /** Desktop notifications when a provider of an open tab or a watched site fails (opt-in). */
  readonly notifications: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  dnsConsent: false,
  dnsAsked: false,
  badgeCount: true,
  notifications: false,
};

/** The one `storage.local` key the settings live under. */
export const SETTINGS_KEY = 'faultline:settings:v1';

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A stored (or received) value → complete settings. Tolerant of garbage: every field that is not
 * a boolean takes its value from `base` (the defaults unless given), unknown fields are dropped.
 *
 * Before consent existed, DNS look-ups were a `dnsLookups` switch, on by default. A stored
 * `dnsLookups: true` is no consent (almost everyone had it without ever choosing), so it is
 * dropped and that user is asked. A stored `dnsLookups: false` was a choice (the user switched
 * the default off): it counts as answered, "not now", and they are not asked again.
 */
export function parseSettings(value: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const v = isRecord(value) ? value : {};
  const out = { ...base };
  if (Object.hasOwn(v, 'dnsLookups') && v.dnsLookups === false && !Object.hasOwn(v, 'dnsAsked')) {
    out.dnsConsent = false;
    out.dnsAsked = true;
  }
  for (const k of KEYS) {
    const x = Object.hasOwn(v, k) ? v[k] : undefined;
    if (typeof x === 'boolean') out[k] = x;
  }
  // Agreeing is answering.
  if (out.dnsConsent) out.dnsAsked = true;
  return out;
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
