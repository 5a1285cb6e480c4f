import type { LocationScheme, StatusRelevance } from '../catalog/types.ts';
import {
  type AffectedComponent,
  type Component,
  type Level,
  type ProviderStatus,
  SEVERITY,
  type StatusEvent,
  worst,
} from './model.ts';

/**
 * What a provider's live status means for one page: the catalog entry's StatusRelevance (which
 * products, which places, what an event of unknown scope means) applied to the parsed feed and
 * to how the page uses the provider (its PoP codes, its hosts). No provider is named here.
 *
 * An event is judged on what it names:
 * - a title the entry calls unrelated (logs, builds, dashboard…) → ignored;
 * - products: none the page uses → ignored; one it uses → shown, located by its own place (AWS
 *   `s3-us-east-1`) or the event's places (Google Cloud locations, Azure regions): the page's
 *   place → `pop`; everywhere or no place → `product`; only other places → ignored; a place the
 *   page's cannot be compared with (a bucket whose region is unknown) → "may affect";
 * - only places (a Cloudflare datacenter, a Fastly POP title): the page's → `pop`; others →
 *   ignored; not comparable → "may affect";
 * - nothing at all → "may affect" (the default), or only when severe (`unknownScope: 'severe'`).
 * A "may affect" that the entry's policy finds too minor is ignored, with its reason.
 */

/** How a provider is used by the page in front of the user. */
export interface Usage {
  readonly providerId: string;
  /** PoP codes seen on this page's responses (upper-case IATA-like codes). */
  readonly pops: readonly string[];
  /** Hostnames this provider served for the page (a bucket's region, products by host). */
  readonly hosts?: readonly string[] | undefined;
}

/** Why an event is shown for this page. */
export type Relation =
  /** It names the datacenter/region this page was served from. */
  | 'pop'
  /** It names a product this page uses. */
  | 'product'
  /** Its scope is not stated, or is a place this page's cannot be compared with: it may affect it. */
  | 'may_affect';

/** The facts behind a relation, for the popup and `npm run status`. */
export type Because =
  /** Names the page's place (a datacenter, a region); `products` it also names, if any. */
  | { readonly kind: 'place'; readonly places: readonly string[]; readonly products: readonly string[] }
  /** Names products the page uses, everywhere or without a place. */
  | { readonly kind: 'product'; readonly products: readonly string[] }
  /** Names places the page's place cannot be compared with (it is not known). */
  | {
      readonly kind: 'place_unknown';
      readonly places: readonly string[];
      readonly products: readonly string[];
    }
  /** Names nothing that can be placed. */
  | { readonly kind: 'unknown_scope' };

export interface RelevantEvent {
  /** The event, its components' places filled from the entry's naming scheme. */
  readonly event: StatusEvent;
  readonly relation: Relation;
  readonly because?: Because | undefined;
}

/** Why an event was left out for this page. */
export type IgnoredReason =
  /** Names only products this page does not use (or the entry calls unrelated). */
  | 'other_products'
  /** Names only other datacenters or regions. */
  | 'other_places'
  /** Its title says it is about a side of the provider this page does not touch. */
  | 'unrelated_title'
  /** Of unknown or uncomparable scope and not severe enough for this provider's policy. */
  | 'too_minor';

export interface IgnoredEvent {
  readonly id: string;
  readonly kind: 'incident' | 'maintenance';
  readonly title: string;
  readonly impact: Level;
  readonly reason: IgnoredReason;
  /** The products or places it named (empty for a title or an unknown scope). */
  readonly names: readonly string[];
}

export interface PageStatus {
  readonly providerId: string;
  /** The level this page should see: only what touches it counts. */
  readonly level: Level;
  /** True when every warning rests only on events that "may affect" the page. */
  readonly uncertain: boolean;
  /** Incidents that matter to this page, worst first. */
  readonly incidents: readonly RelevantEvent[];
  /** Maintenances (active or upcoming) in this page's datacenter or products. */
  readonly maintenances: readonly RelevantEvent[];
  /** The page's own datacenters that the feed shows as re-routed (information, not a warning). */
  readonly rerouted: readonly string[];
  /** Products this page uses whose component is not operational. */
  readonly products: readonly { readonly name: string; readonly level: Level }[];
  /** Active incidents and maintenances left out for this page, and why. */
  readonly ignored?: readonly IgnoredEvent[] | undefined;
  /** Present when the status could not be checked: why, and the last known level with its time. */
  readonly unknown?:
    | {
        readonly reason: string;
        readonly lastLevel?: Level | undefined;
        readonly lastOkAt?: number | undefined;
        /** With reason `stale`: the feed's own time, which stopped moving then (epoch ms). */
        readonly since?: number | undefined;
      }
    | undefined;
  readonly checkedAt?: number | undefined;
  readonly pageUrl: string;
}

/** Where a place stands relative to the page's. */
type PlaceState = 'here' | 'global' | 'unknown' | 'elsewhere';

const PLACE_RANK: Readonly<Record<PlaceState, number>> = { here: 3, global: 2, unknown: 1, elsewhere: 0 };

/** The entry's reading for one page: its products and places. */
interface Reading {
  readonly rel: StatusRelevance;
  readonly scheme: LocationScheme;
  /** The products the page uses: every product, or those matching one of `res`. */
  readonly allProducts: boolean;
  readonly res: readonly RegExp[];
  readonly places: ReadonlySet<string>;
}

function readingFor(usage: Usage, rel: StatusRelevance): Reading {
  const scheme = rel.locations ?? {};
  const hosts = usage.hosts ?? [];
  let allProducts = rel.products === undefined;
  let res: RegExp[] = rel.products ? [rel.products] : [];
  if (rel.byHost && hosts.length > 0) {
    allProducts = false;
    res = [];
    for (const host of hosts) {
      const rule = rel.byHost.find((r) => r.host.test(host));
      const p = rule ? rule.products : rel.products;
      if (p === undefined) allProducts = true;
      else if (p !== null && !res.includes(p)) res.push(p);
    }
  }
  const places = new Set<string>();
  for (const pop of usage.pops) {
    const code = pop.toUpperCase();
    if (scheme.pops === undefined || (scheme.pops !== false && scheme.pops.test(code))) places.add(code);
  }
  if (scheme.host) {
    for (const host of hosts) {
      const m = scheme.host.exec(host);
      const code = m?.[1] ?? m?.[0];
      if (code) places.add(code.toUpperCase());
    }
  }
  return { rel, scheme, allProducts, res, places };
}

function usesProduct(r: Reading, name: string): boolean {
  return r.allProducts || r.res.some((re) => re.test(name));
}

/** A component's place code from the entry's naming scheme (or the feed's structure). */
function placeCode(c: AffectedComponent | Component, scheme: LocationScheme): string | undefined {
  if (c.place) return (c.pop ?? c.name).toUpperCase();
  if (!scheme.component) return undefined;
  if (scheme.groups && !(c.group !== undefined && scheme.groups.test(c.group))) return undefined;
  const m = scheme.component.exec(c.name);
  const code = m?.[1] ?? m?.[0];
  return code ? code.trim().toUpperCase() : undefined;
}

function placeState(r: Reading, code: string, name?: string): PlaceState {
  if (r.scheme.global && (r.scheme.global.test(code) || (name !== undefined && r.scheme.global.test(name)))) {
    return 'global';
  }
  if (r.places.size === 0) return 'unknown';
  return r.places.has(code) ? 'here' : 'elsewhere';
}

const GLOBAL_COPIES = new WeakMap<RegExp, RegExp>();

/** The same pattern with the `g` flag, to take out every match (cached per pattern). */
function everywhere(re: RegExp): RegExp {
  let g = GLOBAL_COPIES.get(re);
  if (!g) {
    g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
    GLOBAL_COPIES.set(re, g);
  }
  return g;
}

function best(states: readonly PlaceState[]): PlaceState {
  let out: PlaceState = 'elsewhere';
  for (const s of states) if (PLACE_RANK[s] > PLACE_RANK[out]) out = s;
  return out;
}

interface Judgement {
  readonly event: StatusEvent;
  readonly relation?: Relation | undefined;
  readonly because?: Because | undefined;
  readonly ignored?: { readonly reason: IgnoredReason; readonly names: readonly string[] } | undefined;
  /** The impact for this page: the feed's level of the products it uses, else the event's. */
  readonly impact: Level;
}

/** The policy for what cannot be placed: does an event of this impact "may affect" the page? */
function mayAffect(r: Reading, event: StatusEvent): boolean {
  if (r.rel.unknownScope !== 'severe') return true;
  return event.kind === 'incident' && SEVERITY[event.impact] >= SEVERITY.partial_outage;
}

/** How one event relates to the page (see the file comment). Pure. */
export function judge(event: StatusEvent, usage: Usage, rel: StatusRelevance = {}): Judgement {
  return judgeWith(event, readingFor(usage, rel));
}

function judgeWith(raw: StatusEvent, r: Reading): Judgement {
  // The event as shown: its components' places filled from the entry's naming scheme.
  const components = raw.components.map((c): AffectedComponent => {
    const code = placeCode(c, r.scheme);
    return code === undefined || (c.pop === code && c.place) ? c : { ...c, pop: code, place: true };
  });
  const event: StatusEvent = { ...raw, components };
  const { rel } = r;
  if (rel.unrelatedTitles?.test(event.title)) {
    return { event, ignored: { reason: 'unrelated_title', names: [] }, impact: event.impact };
  }
  // The page uses none of this status page's products (Google's own hosts on Google Cloud's).
  if (!r.allProducts && r.res.length === 0) {
    return { event, ignored: { reason: 'other_products', names: [] }, impact: event.impact };
  }

  const eventPlaces: { code: string; state: PlaceState }[] = [];
  const relevant: { name: string; code?: string; state?: PlaceState; level?: Level }[] = [];
  const others: string[] = [];
  for (const c of components) {
    if (c.place) {
      eventPlaces.push({ code: c.pop ?? c.name, state: placeState(r, c.pop ?? c.name, c.name) });
    } else if (rel.unrelated?.test(c.name) || !usesProduct(r, c.name)) {
      others.push(c.name);
    } else {
      const code = c.pop?.toUpperCase();
      relevant.push({
        name: c.name,
        ...(code !== undefined ? { code, state: placeState(r, code) } : {}),
        ...(c.level !== undefined ? { level: c.level } : {}),
      });
    }
  }
  const titlePlace = r.scheme.title?.exec(event.title);
  const titleCode = titlePlace?.[1] ?? titlePlace?.[0];
  if (titleCode)
    eventPlaces.push({ code: titleCode.toUpperCase(), state: placeState(r, titleCode.toUpperCase()) });
  // A title naming a product the page uses counts as naming it (Azure's "Azure Front Door -
  // Connectivity issues" lists only network categories and regions), once the unrelated
  // products it names are taken out ("Zero Trust Network Access" is not the network).
  if (relevant.length === 0 && !r.allProducts) {
    const title = rel.unrelated ? event.title.replace(everywhere(rel.unrelated), ' ') : event.title;
    for (const re of r.res) {
      const m = re.exec(title);
      if (m) {
        relevant.push({ name: m[0] });
        break;
      }
    }
  }

  const withLevels = relevant.flatMap((p) => (p.level !== undefined ? [p.level] : []));
  const impact: Level =
    event.kind === 'incident' && withLevels.length > 0 ? withLevels.reduce(worst) : event.impact;
  const placesOf = (states: readonly PlaceState[]) =>
    eventPlaces.filter((p) => states.includes(p.state)).map((p) => p.code);
  const eventPlaceState = eventPlaces.length > 0 ? best(eventPlaces.map((p) => p.state)) : undefined;

  const located = (state: PlaceState, products: readonly string[]): Judgement => {
    if (state === 'here') {
      const places = [
        ...placesOf(['here']),
        ...relevant.flatMap((p) => (p.state === 'here' && p.code !== undefined ? [p.code] : [])),
      ].filter((x, i, all) => all.indexOf(x) === i);
      return { event, relation: 'pop', because: { kind: 'place', places, products }, impact };
    }
    const named = (want: PlaceState) =>
      [...placesOf([want]), ...relevant.flatMap((p) => (p.state === want && p.code ? [p.code] : []))].filter(
        (x, i, all) => all.indexOf(x) === i,
      );
    if (state === 'elsewhere') {
      return { event, ignored: { reason: 'other_places', names: named('elsewhere') }, impact };
    }
    if (state === 'unknown') {
      if (!mayAffect(r, { ...event, impact })) {
        return { event, ignored: { reason: 'too_minor', names: named('unknown') }, impact };
      }
      const because: Because = { kind: 'place_unknown', places: named('unknown'), products };
      return { event, relation: 'may_affect', because, impact };
    }
    return { event, relation: 'product', because: { kind: 'product', products }, impact };
  };

  if (relevant.length > 0) {
    const names = relevant.map((p) => p.name);
    const scoped = r.scheme.placesScopeProducts !== false || eventPlaceState === 'here';
    const fromEvent = scoped ? eventPlaceState : undefined;
    const state = best(relevant.map((p) => p.state ?? fromEvent ?? 'global'));
    return located(state, names);
  }
  if (others.length > 0) return { event, ignored: { reason: 'other_products', names: others }, impact };
  if (eventPlaceState !== undefined && eventPlaceState !== 'global') return located(eventPlaceState, []);
  if (!mayAffect(r, event)) return { event, ignored: { reason: 'too_minor', names: [] }, impact };
  return { event, relation: 'may_affect', because: { kind: 'unknown_scope' }, impact };
}

/**
 * Decides how one event relates to the page, or undefined when it does not concern it. Kept for
 * callers that need only the relation; `judge` gives the reasons.
 */
export function relationOf(
  event: StatusEvent,
  usage: Usage,
  rel: StatusRelevance = {},
): Relation | undefined {
  return judge(event, usage, rel).relation;
}

function byImpact(a: RelevantEvent, b: RelevantEvent): number {
  return (
    SEVERITY[b.event.impact] - SEVERITY[a.event.impact] || (b.event.startedAt ?? 0) - (a.event.startedAt ?? 0)
  );
}

/** What a provider's live status means for one page. Pure. */
export function pageStatus(status: ProviderStatus, usage: Usage, rel: StatusRelevance = {}): PageStatus {
  const base = { providerId: status.providerId, checkedAt: status.checkedAt, pageUrl: status.pageUrl };
  const last = status.last;
  if (status.level === 'unknown' || !last) {
    return {
      ...base,
      level: 'unknown',
      uncertain: true,
      incidents: [],
      maintenances: [],
      rerouted: [],
      products: [],
      ignored: [],
      unknown: {
        reason: status.reason ?? 'not_checked',
        lastLevel: last?.level,
        lastOkAt: status.okAt,
        ...(status.staleSince !== undefined ? { since: status.staleSince } : {}),
      },
    };
  }

  const r = readingFor(usage, rel);
  const incidents: RelevantEvent[] = [];
  const maintenances: RelevantEvent[] = [];
  const ignored: IgnoredEvent[] = [];
  const leaveOut = (j: Judgement, reason: IgnoredReason, names: readonly string[]) =>
    ignored.push({
      id: j.event.id,
      kind: j.event.kind,
      title: j.event.title,
      impact: j.impact,
      reason,
      names,
    });
  for (const event of last.incidents) {
    if (!event.active) continue;
    const j = judgeWith(event, r);
    if (j.relation) {
      const shown = j.impact === j.event.impact ? j.event : { ...j.event, impact: j.impact };
      incidents.push({ event: shown, relation: j.relation, because: j.because });
    } else if (j.ignored) leaveOut(j, j.ignored.reason, j.ignored.names);
  }
  for (const event of last.maintenances) {
    const j = judgeWith(event, r);
    // A maintenance of unknown scope is shown only where every component counts.
    const shown =
      j.relation === 'pop' ||
      j.relation === 'product' ||
      (j.relation === 'may_affect' && rel.unknownScope !== 'severe');
    if (j.relation && shown) maintenances.push({ event: j.event, relation: j.relation, because: j.because });
    else if (j.ignored) leaveOut(j, j.ignored.reason, j.ignored.names);
    else if (j.relation) leaveOut(j, 'too_minor', []);
  }
  incidents.sort(byImpact);
  maintenances.sort((a, b) => Number(b.event.active) - Number(a.event.active));

  const rerouted: string[] = [];
  const products: { name: string; level: Level }[] = [];
  for (const c of last.components) {
    if (c.level === 'operational' || c.level === 'unknown') continue;
    const code = placeCode(c, r.scheme);
    if (code !== undefined) {
      if (r.places.has(code) && !rerouted.includes(code)) rerouted.push(code);
      continue;
    }
    if (rel.unrelated?.test(c.name) || !usesProduct(r, c.name)) continue;
    // A product component in a place counts only in the page's place (or everywhere).
    const state = c.pop !== undefined ? placeState(r, c.pop.toUpperCase()) : 'global';
    if (state === 'here' || state === 'global') products.push({ name: c.name, level: c.level });
  }

  let level: Level = 'operational';
  for (const p of products) level = worst(level, p.level);
  for (const x of incidents) {
    // An incident with no declared impact is information: it does not raise the level.
    level = worst(level, x.event.impact === 'maintenance' ? 'operational' : x.event.impact);
  }
  if (maintenances.some((m) => m.event.active)) level = worst(level, 'maintenance');
  const warnings = incidents.filter((x) => SEVERITY[x.event.impact] > SEVERITY.operational);
  const uncertain =
    products.length === 0 && warnings.length > 0 && warnings.every((x) => x.relation === 'may_affect');
  return { ...base, level, uncertain, incidents, maintenances, rerouted, products, ignored };
}
