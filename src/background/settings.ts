import {
  applySettings,
  DEFAULT_SETTINGS,
  parseSettings,
  SETTINGS_KEY,
  type Settings,
} from '../core/settings.ts';
import type { StorageArea } from './storage.ts';

/**
 * The settings in `storage.local`. `loadSettings(browser.storage.local)` never fails: unreadable
 * or garbled storage gives the defaults.
 */
export async function loadSettings(area: Pick<StorageArea, 'get'>): Promise<Settings> {
  try {
    const got = await area.get(SETTINGS_KEY);
    return parseSettings(got[SETTINGS_KEY]);
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

/** Applies a partial change (validated field by field) and stores the result; returns it. */
export async function saveSettings(
  area: Pick<StorageArea, 'get' | 'set'>,
  patch: unknown,
): Promise<Settings> {
  const next = applySettings(await loadSettings(area), patch);
  await area.set({ [SETTINGS_KEY]: next });
  return next;
}
