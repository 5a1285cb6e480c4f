import {
  applySettings,
  DEFAULT_SETTINGS,
  parseSettings,
  SETTINGS_KEY,
  type Settings,
  settingsFromChange,
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

/**
 * The background's settings: read and written in storage for the options page, and kept in
 * memory (current through `storage.onChanged`) for what the badge needs at every update.
 */
export class SettingsStore {
  readonly ready: Promise<void>;
  private settings: Settings = { ...DEFAULT_SETTINGS };

  constructor(private readonly area: StorageArea) {
    this.ready = loadSettings(area).then((loaded) => {
      this.settings = loaded;
    });
  }

  /** The settings as last read or changed. Call after `ready`. */
  current(): Settings {
    return this.settings;
  }

  /** The settings as stored now. */
  load(): Promise<Settings> {
    return loadSettings(this.area);
  }

  /** Stores a change (fields that are not booleans are ignored); answers all the settings. */
  save(patch: unknown): Promise<Settings> {
    return saveSettings(this.area, patch);
  }

  /** `storage.onChanged` of `storage.local`: true when the settings changed (`current` has them). */
  follow(changes: Parameters<typeof settingsFromChange>[0]): boolean {
    const next = settingsFromChange(changes);
    if (!next) return false;
    this.settings = next;
    return true;
  }
}
