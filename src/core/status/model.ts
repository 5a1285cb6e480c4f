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
  | 'redirected'
  /** The feed answers, but its own timestamp says it stopped being updated (freshness.ts). */
  | 'stale';

/** A component of a status page (a product, a region, a datacenter). */
export interface Component {
  readonly id: string;
  readonly name: string;
  /** Name of the group it belongs to ("Europe", "Cloudflare Sites and Services"). */
  readonly group?: string | undefined;
  readonly level: Level;
  /**
   * Upper-case code of the datacenter or region the component is about, when the feed's structure
   * states it (AWS `s3-us-east-1` → US-EAST-1). Places named by a naming convention ("Paris,
   * France - (CDG)") are the catalog's business (StatusRelevance.locations): relevance fills them.
   */
  readonly pop?: string | undefined;
  /** The component is a place (a datacenter, a region), not a product. */
  readonly place?: true | undefined;
}

/** A component named by an incident or maintenance. */
export interface AffectedComponent {
  readonly id?: string | undefined;
  readonly name: string;
  readonly group?: string | undefined;
  /** As on Component: the place's code, when the feed's structure or the catalog states it. */
  readonly pop?: string | undefined;
  /** The component is a place (Google Cloud's affected locations), not a product. */
  readonly place?: true | undefined;
  /** The feed's level of this component in this event, when it gives one (AWS's `current`). */
  readonly level?: Level | undefined;
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
  /**
   * The feed's own "as of" time when it has one (Statuspage `page.updated_at`, Status.io
   * `status_overall.updated`, RSS `lastBuildDate`, Stripe `time`): a change token, and the clock
   * freshness.ts reads to tell a stale source.
   */
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
  /** With reason `stale`: the feed's own time, which has not moved for too long (epoch ms). */
  readonly staleSince?: number | undefined;
  /** The provider's human status page. */
  readonly pageUrl: string;
}

/** Upper bound on text kept from feeds: they are shown, not archived. */
export const MAX_TEXT = 600;

/**
 * Characters a feed's text never needs and a hostile one can use to disguise itself: C0 and C1
 * controls (whitespace — tab, line breaks — is collapsed apart), DEL, the bidi embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069: "\u202Eelbats" reads "stable"), the bidi marks (U+200E, U+200F,
 * U+061C), the byte-order mark and the interlinear annotation controls (U+FFF9–U+FFFB).
 * Zero-width joiners stay: scripts and emoji need them.
 */
const HIDDEN_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb]/g;

/** The text without HIDDEN_CHARS. */
export function stripHidden(text: string): string {
  return text.replace(HIDDEN_CHARS, '');
}

/** Feed text as shown: hidden characters dropped, whitespace collapsed, clipped to `max`. */
export function clipText(text: string, max = MAX_TEXT): string {
  const clean = stripHidden(text).replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}
