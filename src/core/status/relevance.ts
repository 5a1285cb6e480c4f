import type { StatusRelevance } from '../catalog/types.ts';
import {
  type AffectedComponent,
  type Level,
  type ProviderStatus,
  SEVERITY,
  type StatusEvent,
  worst,
} from './model.ts';

/** How a provider is used by the page in front of the user. */
export interface Usage {
  readonly providerId: string;
  /** PoP codes seen on this page's responses (upper-case IATA-like codes). */
  readonly pops: readonly string[];
}

/** Why an event is shown for this page. */
export type Relation =
  /** It names the datacenter/region this page was served from. */
  | 'pop'
  /** It names a product this page uses. */
  | 'product'
  /** Severe and provider-wide, components unknown: it may affect this page. */
  | 'may_affect';

export interface RelevantEvent {
  readonly event: StatusEvent;
  readonly relation: Relation;
}

export interface PageStatus {
  readonly providerId: string;
  /** The level this page should see: only what touches it counts. */
  readonly level: Level;
  /** True when every warning rests only on provider-wide events of unknown scope. */
  readonly uncertain: boolean;
  /** Incidents that matter to this page, worst first. */
  readonly incidents: readonly RelevantEvent[];
  /** Maintenances (active or upcoming) in this page's datacenter or products. */
  readonly maintenances: readonly RelevantEvent[];
  /** The page's own datacenters that the feed shows as re-routed (information, not a warning). */
  readonly rerouted: readonly string[];
  /** Products this page uses whose component is not operational. */
  readonly products: readonly { readonly name: string; readonly level: Level }[];
  /** Present when the status could not be checked: why, and the last known level with its time. */
  readonly unknown?:
    | {
        readonly reason: string;
        readonly lastLevel?: Level | undefined;
        readonly lastOkAt?: number | undefined;
      }
    | undefined;
  readonly checkedAt?: number | undefined;
  readonly pageUrl: string;
}

type Scope = 'pop-here' | 'pop-elsewhere' | 'relevant' | 'unrelated' | 'unknown';

function scopeOf(c: AffectedComponent, usage: Usage, filter: StatusRelevance): Scope {
  if (c.pop) return usage.pops.includes(c.pop) ? 'pop-here' : 'pop-elsewhere';
  // The product name decides; "Zero Trust Network Access" is Access, not the network.
  if (filter.unrelated?.test(c.name)) return 'unrelated';
  if (filter.relevant?.test(c.name)) return 'relevant';
  // A provider with an explicit list of relevant products: anything else is another product.
  if (filter.relevant) return 'unrelated';
  return 'unknown';
}

/**
 * Decides how one event relates to the page, or undefined when it does not concern it.
 * - names the page's datacenter or a product it uses → shown;
 * - names only other datacenters or other products → not shown;
 * - names nothing we can place (no components, or unknown ones) → shown as "may affect this page"
 *   when it is severe (partial or major outage); minor ones of unknown scope are not shown.
 */
export function relationOf(event: StatusEvent, usage: Usage, filter: StatusRelevance): Relation | undefined {
  const scopes = event.components.map((c) => scopeOf(c, usage, filter));
  if (scopes.includes('pop-here')) return 'pop';
  if (scopes.includes('relevant')) return 'product';
  if (scopes.length > 0 && scopes.every((s) => s === 'pop-elsewhere' || s === 'unrelated')) return undefined;
  if (event.kind === 'incident' && SEVERITY[event.impact] >= SEVERITY.partial_outage) return 'may_affect';
  return undefined;
}

function byImpact(a: RelevantEvent, b: RelevantEvent): number {
  return (
    SEVERITY[b.event.impact] - SEVERITY[a.event.impact] || (b.event.startedAt ?? 0) - (a.event.startedAt ?? 0)
  );
}

/** What a provider's live status means for one page. Pure. */
export function pageStatus(status: ProviderStatus, usage: Usage, filter: StatusRelevance = {}): PageStatus {
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
      unknown: { reason: status.reason ?? 'not_checked', lastLevel: last?.level, lastOkAt: status.okAt },
    };
  }

  const incidents: RelevantEvent[] = [];
  for (const event of last.incidents) {
    if (!event.active) continue;
    const relation = relationOf(event, usage, filter);
    if (relation) incidents.push({ event, relation });
  }
  const maintenances: RelevantEvent[] = [];
  for (const event of last.maintenances) {
    const relation = relationOf(event, usage, filter);
    if (relation === 'pop' || relation === 'product') maintenances.push({ event, relation });
  }
  incidents.sort(byImpact);
  maintenances.sort((a, b) => Number(b.event.active) - Number(a.event.active));

  const rerouted = last.components
    .filter((c) => c.pop && usage.pops.includes(c.pop) && c.level !== 'operational' && c.level !== 'unknown')
    .map((c) => c.pop!)
    .filter((pop, i, all) => all.indexOf(pop) === i);

  const products: { name: string; level: Level }[] = [];
  for (const c of last.components) {
    if (c.pop || c.level === 'operational' || c.level === 'unknown') continue;
    if (scopeOf(c, usage, filter) === 'relevant') products.push({ name: c.name, level: c.level });
  }

  let level: Level = 'operational';
  for (const p of products) level = worst(level, p.level);
  for (const r of incidents) {
    // An incident with no declared impact is information: it does not raise the level.
    level = worst(level, r.event.impact === 'maintenance' ? 'operational' : r.event.impact);
  }
  if (maintenances.some((m) => m.event.active)) level = worst(level, 'maintenance');
  const uncertain =
    products.length === 0 && incidents.length > 0 && incidents.every((r) => r.relation === 'may_affect');
  return { ...base, level, uncertain, incidents, maintenances, rerouted, products };
}
