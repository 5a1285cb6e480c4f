import type { Translate } from '../core/i18n.ts';
import type { Settings } from '../core/settings.ts';

/** Everything the options page reaches outside itself; tests pass a mock. */
export interface OptionsConnector {
  readonly t: Translate;
  /** BCP 47 tag of the language the strings are in (numbers, dates, country names). */
  readonly lang: string;
  /** The browser's UI language (`fr-FR`): its region is the default home country. */
  readonly uiLanguage: string;
  getSettings(): Promise<Settings>;
  /** Stores a change; answers the settings as stored. */
  setSettings(patch: Partial<Settings>): Promise<Settings>;
  /** The sites Faultline is off for. */
  getSitesOff(): Promise<readonly string[]>;
  /** Switches a site back on (or off); answers the list as stored. */
  setSiteOff(host: string, off: boolean): Promise<readonly string[]>;
  /** Forgets everything Faultline stored; answers the settings, now the defaults. */
  clearAllData(): Promise<Settings>;
  /** Asks the user to confirm (`window.confirm`). */
  confirm(question: string): boolean;
}

/** Facts shown in the About section. */
export interface About {
  readonly version: string;
  /** Number of providers in the catalog. */
  readonly providers: number;
  /** Date of the IP-range snapshot's data (`2026-08-16`). */
  readonly ipRanges: string;
  /** Where each provider's ranges come from: list, day of its data, licence (empty: no list). */
  readonly ipSources: readonly IpSourceLine[];
}

export interface IpSourceLine {
  /** The provider whose ranges they are. */
  readonly name: string;
  readonly source: string;
  readonly date: string;
  readonly licence: string;
}
