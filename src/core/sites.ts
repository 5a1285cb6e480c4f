/**
 * Sites the user switched Faultline off for, as content blockers do: on such a site nothing is
 * recorded, nothing is looked up, no badge is shown. Pure: the background keeps the list in
 * `storage.local` (one key); the popup switches a site, the options page lists them.
 *
 * A site is a host name, matched exactly (`www.example.com` is not `example.com`): what the
 * popup header shows is what is switched, with no guess about which subdomains belong together.
 */

/** The one `storage.local` key the list lives under. */
export const SITES_OFF_KEY = 'faultline:sites-off:v1';

/** At most this many sites are kept (the oldest dropped): a bound on what a change writes. */
export const MAX_SITES_OFF = 1000;

/** A host name as DNS allows it (253 characters at most); IPv6 literals keep their brackets. */
const MAX_HOST = 253;

/** A host name fit for the list (lower case), or undefined. */
export function siteOf(host: unknown): string | undefined {
  if (typeof host !== 'string') return undefined;
  const h = host.trim().toLowerCase();
  if (h.length === 0 || h.length > MAX_HOST) return undefined;
  if (!/^(\[[0-9a-f:.]+\]|[a-z0-9_.-]+)$/.test(h)) return undefined;
  return h;
}

/** The host of a page URL (http and https only), or undefined. */
export function siteOfUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:/i.test(url)) return undefined;
  try {
    return siteOf(new URL(url).hostname);
  } catch {
    return undefined;
  }
}

/** A stored value → the list (sites valid and unique, in the order added). Garbage gives none. */
export function parseSitesOff(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const out = new Set<string>();
  for (const v of value) {
    const site = siteOf(v);
    if (site) out.add(site);
  }
  return [...out].slice(-MAX_SITES_OFF);
}

export function isSiteOff(list: readonly string[], host: string | undefined): boolean {
  const site = siteOf(host);
  return site !== undefined && list.includes(site);
}

/** The list with a site switched off (added last) or back on (removed). */
export function switchSite(list: readonly string[], host: string, off: boolean): string[] {
  const site = siteOf(host);
  if (!site) return [...list];
  const rest = list.filter((s) => s !== site);
  return off ? parseSitesOff([...rest, site]) : rest;
}

/** The new list from a `storage.onChanged` report, when it changed (undefined otherwise). */
export function sitesFromChange(
  changes: Readonly<Record<string, { readonly newValue?: unknown } | undefined>>,
): string[] | undefined {
  const change = Object.hasOwn(changes, SITES_OFF_KEY) ? changes[SITES_OFF_KEY] : undefined;
  return change ? parseSitesOff(change.newValue) : undefined;
}
