import type { Regime } from '../catalog/jurisdictions.ts';

/**
 * The words of sovereignty that need no catalog: regimes' keys and a locale's country names and
 * lists. The popup reads them without loading the catalog (architecture test).
 */

export type RegimeOrUnknown = Regime | 'unknown';

/** The words of each regime ("US jurisdiction"; `national` names the country, `$1`). */
export const REGIME_KEY: Readonly<Record<RegimeOrUnknown, string>> = {
  us: 'resRegimeUs',
  eu: 'resRegimeEu',
  cn: 'resRegimeCn',
  ru: 'resRegimeRu',
  national: 'resRegimeNational',
  unknown: 'resRegimeUnknown',
};

export interface Wording {
  readonly t: (key: string, subs?: readonly string[]) => string;
  /** BCP 47 tag of `t`'s language: country names and lists in it. */
  readonly locale: string;
}

/** Country names and lists in a locale (Intl.DisplayNames, Intl.ListFormat; code on failure). */
export function localeWords(locale: string): {
  country: (code: string) => string;
  list: (items: readonly string[]) => string;
} {
  let names: Intl.DisplayNames | undefined;
  let lists: Intl.ListFormat | undefined;
  try {
    names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    lists = new Intl.ListFormat([locale], { style: 'long', type: 'conjunction' });
  } catch {
    names = undefined;
    lists = undefined;
  }
  return {
    country: (code) => names?.of(code) ?? code,
    list: (items) => lists?.format(items) ?? items.join(', '),
  };
}
