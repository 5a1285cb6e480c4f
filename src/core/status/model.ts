/**
 * The normalised live-status model. Every feed kind (Statuspage, incident.io, AWS, RSS…) is parsed
 * into `ParsedStatus`; the poller wraps it into `ProviderStatus` with check times and, when a
 * check fails, the reason the status is unknown. Pure data, JSON-safe (kept in storage).
 */

/** Ordered from calm to severe; `unknown` is not a severity and is handled apart. */
export type Level =
  | 'operational'
  | 'maintenance'
  | 'degraded'
  | 'partial_outage'
  | 'major_outage'
  | 'unknown';

export const SEVERITY: Readonly<Record<Level, number>> = {
  unknown: -1,
  operational: 0,
  maintenance: 1,
  degraded: 2,
  partial_outage: 3,
  major_outage: 4,
};

export function worst(a: Level, b: Level): Level {
  return SEVERITY[b] > SEVERITY[a] ? b : a;
}

/** Why a provider's status is `unknown`. */
export type UnknownReason =
  | 'not_checked'
  | 'unreachable'
  | 'timed_out'
  | 'http_error'
  | 'too_large'
  | 'unparseable'
  | 'redirected';

/** A component of a status page (a product, a region, a datacenter). */
export interface Component {
  readonly id: string;
  readonly name: string;
  /** Name of the group it belongs to ("Europe", "Cloudflare Sites and Services"). */
  readonly group?: string | undefined;
  readonly level: Level;
  /**
   * Upper-case PoP/region code when the component stands for one datacenter or region
   * ("Paris, France - (CDG)" → CDG). Filled by the parser from the feed's naming scheme.
   */
  readonly pop?: string | undefined;
}

/** A component named by an incident or maintenance. */
export interface AffectedComponent {
  readonly id?: string | undefined;
  readonly name: string;
  readonly group?: string | undefined;
  readonly pop?: string | undefined;
}

/** An incident or a maintenance, active or scheduled. */
export interface StatusEvent {
  readonly id: string;
  readonly kind: 'incident' | 'maintenance';
  readonly title: string;
  /**
   * Normalised impact: incidents map minor → degraded, major → partial_outage, critical →
   * major_outage (and the feed's own wording where it has one); maintenances → maintenance.
   * `operational` for an incident means "no impact declared" (informational).
   */
  readonly impact: Level;
  /** The feed's own state word (investigating, identified, monitoring, scheduled, in_progress…). */
  readonly state: string;
  /** True for an ongoing incident or an in-progress maintenance; false for a scheduled one. */
  readonly active: boolean;
  /** Epoch milliseconds. */
  readonly startedAt?: number | undefined;
  readonly scheduledFor?: number | undefined;
  readonly scheduledUntil?: number | undefined;
  readonly updatedAt?: number | undefined;
  /** Text of the latest update, plain text, clipped. */
  readonly lastUpdate?: string | undefined;
  /** Link to the event on the provider's own status page. */
  readonly url?: string | undefined;
  readonly components: readonly AffectedComponent[];
}

/** What one successful parse of a feed says. */
export interface ParsedStatus {
  /** Provider-wide roll-up as the feed states it (before any relevance filtering). */
  readonly level: Level;
  readonly description?: string | undefined;
  readonly components: readonly Component[];
  readonly incidents: readonly StatusEvent[];
  readonly maintenances: readonly StatusEvent[];
  /** A change token when the feed has one (Statuspage `page.updated_at`). */
  readonly updatedAt?: number | undefined;
}

export type ParseResult =
  | { readonly ok: true; readonly status: ParsedStatus }
  | { readonly ok: false; readonly reason: 'unparseable'; readonly detail: string };

/** A provider's live status as the extension keeps it. */
export interface ProviderStatus {
  readonly providerId: string;
  /** `unknown` whenever the latest check failed, even if an older one succeeded. */
  readonly level: Level;
  readonly reason?: UnknownReason | undefined;
  readonly detail?: string | undefined;
  /** Time of the latest check attempt and of the latest successful one (epoch ms). */
  readonly checkedAt?: number | undefined;
  readonly okAt?: number | undefined;
  /** The last successfully parsed status, kept (with its age) when the feed later fails. */
  readonly last?: ParsedStatus | undefined;
  /** The provider's human status page. */
  readonly pageUrl: string;
}

/** Upper bound on text kept from feeds: they are shown, not archived. */
export const MAX_TEXT = 600;

export function clipText(text: string, max = MAX_TEXT): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
