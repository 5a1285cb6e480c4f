/**
 * Under whose law a company runs, from the country of its headquarters (catalog/companies.ts):
 * the regime a person choosing a provider asks about. Data only, with the law each regime names.
 *
 * - `us`: a US company must disclose data in its "possession, custody, or control" whatever the
 *   country it is stored in (CLOUD Act, 18 U.S.C. § 2713), wherever it serves from;
 * - `eu`: headquartered in an EU member state: EU law, the GDPR first;
 * - `cn`: China, whose National Intelligence Law (2017, art. 7) obliges organisations to support
 *   and cooperate with state intelligence work;
 * - `ru`: Russia, whose SORM system and Federal Law 374-FZ (2016) give the security services
 *   access to communications and require operators to keep them;
 * - `national`: another country's own law (the country is shown with it).
 */

export type Regime = 'us' | 'eu' | 'cn' | 'ru' | 'national';

export const REGIMES: readonly Regime[] = ['us', 'eu', 'cn', 'ru', 'national'];

/** The law each regime stands for, as a public page. */
export const REGIME_SOURCES: Readonly<Record<Regime, string>> = {
  us: 'https://www.law.cornell.edu/uscode/text/18/2713',
  eu: 'https://eur-lex.europa.eu/eli/reg/2016/679/oj',
  cn: 'https://www.chinalawtranslate.com/en/national-intelligence-law-of-the-p-r-c-2017/',
  ru: 'https://en.wikipedia.org/wiki/SORM',
  national: 'https://www.iso.org/iso-3166-country-codes.html',
};

/** The 27 member states of the European Union (ISO 3166-1 alpha-2), since 1 February 2020. */
export const EU_MEMBERS: ReadonlySet<string> = new Set([
  'AT',
  'BE',
  'BG',
  'CY',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GR',
  'HR',
  'HU',
  'IE',
  'IT',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
]);

/** Whether a country (alpha-2, any case) is an EU member state. */
export function inEu(country: string): boolean {
  return typeof country === 'string' && EU_MEMBERS.has(country.toUpperCase());
}

/** The regime a company headquartered in `country` (alpha-2) runs under. */
export function regimeOf(country: string): Regime {
  const c = typeof country === 'string' ? country.toUpperCase() : '';
  if (c === 'US') return 'us';
  if (c === 'CN') return 'cn';
  if (c === 'RU') return 'ru';
  return EU_MEMBERS.has(c) ? 'eu' : 'national';
}

/** An ISO 3166-1 alpha-2 code as this catalog writes them: two capital letters. */
export const COUNTRY_CODE = /^[A-Z]{2}$/;

/**
 * Codes CLDR names that are not assigned ISO 3166-1 countries: user-assigned (AA, QM–QZ, XA–XZ
 * but XK, ZZ), exceptionally reserved (AC, CP, CQ, DG, EA, EU, EZ, FX, IC, SU, TA, UK, UN) and
 * deleted or transitionally reserved (AN, BU, CS, DD, DY, HV, NH, NT, RH, TP, VD, YD, YU, ZR).
 */
const NOT_COUNTRIES =
  /^(?:AA|Q[M-Z]|X[A-JL-Z]|ZZ|AC|CP|CQ|DG|EA|EU|EZ|FX|IC|SU|TA|UK|UN|AN|BU|CS|DD|DY|HV|NH|NT|RH|TP|VD|YD|YU|ZR)$/;

let regionNames: Intl.DisplayNames | undefined;

/**
 * Whether `code` is an assigned ISO 3166-1 alpha-2 country code (upper case). The assigned set is
 * the one the runtime's CLDR data names (an unassigned code comes back as itself), minus the
 * reserved and user-assigned codes CLDR also names (`XK` Kosovo stays: CLDR and browsers use it).
 */
export function isCountryCode(code: unknown): code is string {
  if (typeof code !== 'string' || !COUNTRY_CODE.test(code) || NOT_COUNTRIES.test(code)) return false;
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
  return regionNames.of(code) !== code;
}
