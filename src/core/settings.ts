/**
 * The user's settings: what they are, their defaults, and how a stored value is read back.
 * Pure: the background and the options page load and store them (`storage.local`, one key).
 */

export interface Settings {
  /** Look up the nameservers of the sites whose popup the user opens (DNS over HTTPS). */
  readonly dnsLookups: boolean;
  /** Show the provider count on the toolbar badge. */
  readonly badgeCount: boolean;
  /** Desktop notifications when a provider of an open tab or a watched site fails (opt-in). */
  readonly notifications: boolean;
}

export const DEFAULT_SETTINGS: Settings = { dnsLookups: true, badgeCount: true, notifications: false };

/** The one `storage.local` key the settings live under. */
export const SETTINGS_KEY = 'faultline:settings:v1';

const KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A stored (or received) value → complete settings. Tolerant of garbage: every field that is not
 * a boolean takes its value from `base` (the defaults unless given), unknown fields are dropped.
 */
export function parseSettings(value: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const v = isRecord(value) ? value : {};
  const out = { ...base };
  for (const k of KEYS) {
    const x = Object.hasOwn(v, k) ? v[k] : undefined;
    if (typeof x === 'boolean') out[k] = x;
  }
  return out;
}

/** A partial change (from the options page) applied to the current settings. */
export function applySettings(current: Settings, patch: unknown): Settings {
  return parseSettings(patch, parseSettings(current));
}

export function sameSettings(a: Settings, b: Settings): boolean {
  return KEYS.every((k) => a[k] === b[k]);
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
