import { COMPANIES } from '../catalog/companies.ts';
import { providerById } from '../catalog/index.ts';
import { inEu, regimeOf } from '../catalog/jurisdictions.ts';
import { type Place, placeOf } from '../catalog/places.ts';
import type { Provider } from '../catalog/types.ts';
import type { PageView } from '../page/view.ts';
import { type DnsSummary, dnsOfHost } from './dns.ts';
import type { Impact } from './impact.ts';
import { localeWords, REGIME_KEY, type RegimeOrUnknown, type Wording } from './sovereignty-words.ts';
import type { Text } from './spof.ts';

export { localeWords, REGIME_KEY, type RegimeOrUnknown, type Wording } from './sovereignty-words.ts';

/**
 * Sovereignty: which companies a page's providers belong to, the country of each company's
 * headquarters and the law it runs under (catalog/companies.ts, catalog/jurisdictions.ts), and
 * the countries of the PoPs that served the page. Pure.
 *
 * The critical path is what the page cannot load without: the providers that carried its main
 * document (impact `critical`) and the DNS providers of its own domain (without them the name
 * does not resolve). Payments, sign-in and the other services are listed, not critical.
 */

export interface Jurisdiction {
  /** Catalog company id; `ns:<domain>` for nameservers no catalog provider claims. */
  readonly companyId: string;
  readonly company: string;
  /** ISO 3166-1 alpha-2 country of the company's headquarters; null when not known. */
  readonly country: string | null;
  readonly regime: RegimeOrUnknown;
  /** Catalog ids of the page's providers run by this company. */
  readonly providers: readonly string[];
  /** On the page's critical path (its document or its domain's DNS). */
  readonly critical: boolean;
}

export interface ServedFrom {
  readonly country: string;
  /** PoP codes as the providers sent them, in the order seen. */
  readonly pops: readonly string[];
}

export interface Sovereignty {
  /** Critical companies first, then in the order of the impact ranking. */
  readonly jurisdictions: readonly Jurisdiction[];
  /** Countries of the PoPs that served the page: the main document's first. */
  readonly servedFrom: readonly ServedFrom[];
  /** PoP codes whose place is not known (a provider's own naming, `frankfurtDE`, `DE1`). */
  readonly unplacedPops: readonly string[];
  /**
   * Names of the page's providers that named no place (no PoP code whose country is known, no
   * regional host): where they served from is not known. The published IP ranges this build
   * holds are merged lists with no regions, so evidence by address alone places nothing.
   */
  readonly unplacedProviders: readonly string[];
}

interface Acc {
  companyId: string;
  company: string;
  country: string | null;
  providers: string[];
  critical: boolean;
}

/**
 * Regions a provider's hosts name (`bucket.s3.eu-west-3.amazonaws.com`), read with the host
 * pattern its catalog entry's status relevance already holds: where a bucket or a regional service
 * runs is where it served from.
 */
function hostRegions(p: Provider | undefined, hosts: readonly string[]): Place[] {
  const pattern = p?.status && 'source' in p.status ? p.status.relevance?.locations?.host : undefined;
  if (!pattern) return [];
  const out: Place[] = [];
  for (const host of hosts) {
    const code = pattern.exec(host)?.[1];
    if (code) out.push(placeOf(code));
  }
  return out;
}

export function sovereigntyOf(
  view: PageView,
  impacts: readonly Impact[],
  dns: readonly DnsSummary[] = [],
  catalog: ReadonlyMap<string, Provider> = providerById,
): Sovereignty {
  const acc = new Map<string, Acc>();
  const add = (
    key: string,
    name: string,
    country: string | null,
    providerId: string | undefined,
    critical: boolean,
  ) => {
    let a = acc.get(key);
    if (!a) {
      a = { companyId: key, company: name, country, providers: [], critical: false };
      acc.set(key, a);
    }
    if (providerId !== undefined && !a.providers.includes(providerId)) a.providers.push(providerId);
    if (critical) a.critical = true;
  };
  const addProvider = (providerId: string, name: string, critical: boolean) => {
    const companyId = catalog.get(providerId)?.company;
    const company = companyId === undefined ? undefined : COMPANIES[companyId];
    if (companyId === undefined || !company) {
      add(`provider:${providerId}`, name, null, providerId, critical);
      return;
    }
    add(companyId, company.name, 'country' in company.hq ? company.hq.country : null, providerId, critical);
  };

  const own = dnsOfHost(view.host, dns);
  for (const share of own?.providers ?? []) {
    if (share.id) addProvider(share.id, share.name, true);
  }
  for (const operator of own?.unknownOperators ?? []) add(`ns:${operator}`, operator, null, undefined, true);
  for (const i of impacts) addProvider(i.providerId, i.name, i.critical);

  const order = [...acc.values()];
  const jurisdictions: Jurisdiction[] = [
    ...order.filter((a) => a.critical),
    ...order.filter((a) => !a.critical),
  ].map((a) => ({
    companyId: a.companyId,
    company: a.company,
    country: a.country,
    regime: a.country === null ? 'unknown' : regimeOf(a.country),
    providers: a.providers,
    critical: a.critical,
  }));

  const served = new Map<string, string[]>();
  const unplacedPops: string[] = [];
  const unplacedProviders: string[] = [];
  const providers = [
    ...view.providers.filter((p) => p.document),
    ...view.providers.filter((p) => !p.document),
  ];
  for (const p of providers) {
    let placed = false;
    for (const place of [...p.pops, ...hostRegions(catalog.get(p.id), p.hosts)]) {
      if (!place.country) {
        if (!unplacedPops.includes(place.code)) unplacedPops.push(place.code);
        continue;
      }
      placed = true;
      const pops = served.get(place.country) ?? [];
      if (!pops.includes(place.code)) pops.push(place.code);
      served.set(place.country, pops);
    }
    if (!placed) unplacedProviders.push(p.name);
  }
  return {
    jurisdictions,
    servedFrom: [...served].map(([country, pops]) => ({ country, pops })),
    unplacedPops,
    unplacedProviders,
  };
}

// ---------------------------------------------------------------------------------------------
// In words

/** What the summary reads of a jurisdiction: the report's `jurisdictions[]` entries fit. */
export type SummaryJurisdiction = Pick<Jurisdiction, 'company' | 'country' | 'regime' | 'critical'>;

/** What the summary reads: a `Sovereignty`, or the same fields of a report. */
export interface SummaryInput {
  readonly jurisdictions: readonly SummaryJurisdiction[];
  readonly servedFrom: readonly ServedFrom[];
}

function regimeWords(j: SummaryJurisdiction, w: Wording, country: (code: string) => string): string {
  return j.regime === 'national' && j.country
    ? w.t(REGIME_KEY.national, [country(j.country)])
    : w.t(REGIME_KEY[j.regime]);
}

/** "France (Paris, Marseille)": a country and the cities of its PoPs, when known. */
function servedText(
  s: ServedFrom,
  country: (code: string) => string,
  list: (xs: readonly string[]) => string,
): string {
  const cities: string[] = [];
  for (const code of s.pops) {
    const city = placeOf(code).city;
    if (city && !cities.includes(city)) cities.push(city);
  }
  return cities.length > 0 ? `${country(s.country)} (${list(cities)})` : country(s.country);
}

/** The user's own country, to say what lies outside it (and outside the EU for an EU country). */
export interface Home {
  readonly country: string;
}

/**
 * The sovereignty summary in words: the critical path's companies and their jurisdiction, where
 * the page was served from, and, with the user's country, what lies outside it (and outside the
 * EU for a user in the EU). Substitutions are already in `w`'s language.
 */
export function sovereigntySummary(s: SummaryInput, w: Wording, home?: Home): Text[] {
  const { country, list } = localeWords(w.locale);
  const out: Text[] = [];
  const critical = s.jurisdictions.filter((j) => j.critical);
  const named = (j: SummaryJurisdiction) => (j.country ? `${j.company} (${country(j.country)})` : j.company);

  if (critical.length === 0) {
    out.push({ key: 'resSovNoCritical', subs: [] });
  } else {
    const regimes = new Set(
      critical.map((j) => (j.regime === 'national' ? `national:${j.country}` : j.regime)),
    );
    const n = String(critical.length);
    if (regimes.size === 1) {
      out.push({
        key: critical.length === 1 ? 'resSovCriticalSameOne' : 'resSovCriticalSameOther',
        subs: [n, list(critical.map((j) => j.company)), regimeWords(critical[0]!, w, country)],
      });
    } else {
      const each = critical.map((j) => `${j.company} (${regimeWords(j, w, country)})`);
      out.push({ key: 'resSovCriticalMixed', subs: [n, list(each)] });
    }
  }

  if (s.servedFrom.length > 0) {
    out.push({
      key: 'resSovServedFrom',
      subs: [list(s.servedFrom.map((x) => servedText(x, country, list)))],
    });
  } else {
    out.push({ key: 'resSovServedUnknown', subs: [] });
  }

  if (!home) return out;
  const outside = (inside: (c: string) => boolean) => {
    const companies = critical.filter((j) => j.country !== null && !inside(j.country)).map(named);
    const places = s.servedFrom.filter((x) => !inside(x.country)).map((x) => servedText(x, country, list));
    const unknown = critical.filter((j) => j.country === null).map((j) => j.company);
    return { companies, places, unknown };
  };
  const say = (where: string, o: ReturnType<typeof outside>) => {
    if (o.companies.length === 0 && o.places.length === 0) {
      out.push({ key: 'resSovInside', subs: [where] });
      return;
    }
    const served = o.places.length > 0 ? w.t('resSovOutsideServed', [list(o.places)]) : '';
    const what =
      o.companies.length === 0
        ? served
        : served
          ? w.t('resSovOutsideBoth', [list(o.companies), served])
          : list(o.companies);
    out.push({ key: 'resSovOutside', subs: [where, what] });
  };
  const homeCountry = home.country.toUpperCase();
  const byHome = outside((c) => c === homeCountry);
  if (inEu(homeCountry)) {
    const byEu = outside(inEu);
    const same =
      byEu.companies.join('|') === byHome.companies.join('|') &&
      byEu.places.join('|') === byHome.places.join('|');
    if (same) say(w.t('resSovHomeAndEu', [country(homeCountry)]), byHome);
    else {
      say(w.t('resSovHome', [country(homeCountry)]), byHome);
      say(w.t('resSovTheEu'), byEu);
    }
  } else {
    say(w.t('resSovHome', [country(homeCountry)]), byHome);
  }
  if (byHome.unknown.length > 0) out.push({ key: 'resSovUnknownCountry', subs: [list(byHome.unknown)] });
  return out;
}
