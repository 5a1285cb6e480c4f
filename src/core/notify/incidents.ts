import { type Level, SEVERITY, worst } from '../status/model.ts';

/**
 * Incidents as the user lives them: a provider that one of their open tabs or watched sites relies
 * on is failing (its status page declares an outage concerning that use, or this browser sees it
 * failing on several sites — the verdict's `provider_failing`). Pure: the background hands the
 * alerts of the moment; `track` says which incidents started, changed or ended since the last
 * look. Notifications (`notify.ts`) and the history (`core/history`) are both drawn from these
 * transitions, so the notification and the history line of an incident always agree.
 *
 * One incident per provider at a time (keyed by provider id): a status page incident and the
 * failures seen here of the same provider are one story, updated in place as it changes.
 */

/** A provider failing for some of the user's sites, right now. */
export interface Alert {
  readonly providerId: string;
  readonly name: string;
  /** The level the user's sites see: the status page's, or `major_outage` when only seen here. */
  readonly level: Level;
  /** The status page's incident title, when it declares one. */
  readonly title?: string | undefined;
  readonly declared: boolean;
  readonly seenHere: boolean;
  /** The user's sites affected (hosts), open tabs' first. */
  readonly sites: readonly string[];
  /** Open tabs showing an affected site (click on the notification opens the first). */
  readonly tabIds: readonly number[];
  /** The provider's status page, to open when no tab is left. */
  readonly statusPage?: string | undefined;
}

/** An incident still going on, as remembered across looks. */
export interface OpenIncident extends Alert {
  /** When it was first seen (ms). */
  readonly since: number;
  /** The worst level seen during it. */
  readonly worstLevel: Level;
  /** Every site it affected during it (bounded). */
  readonly allSites: readonly string[];
}

export interface Ended {
  readonly incident: OpenIncident;
  readonly at: number;
}

export interface Transitions {
  /** The incidents going on after this look, by provider id. */
  readonly open: Readonly<Record<string, OpenIncident>>;
  readonly started: readonly OpenIncident[];
  /** Went on with another level, title or set of sites. */
  readonly changed: readonly OpenIncident[];
  readonly ended: readonly Ended[];
}

/** At most this many sites are remembered per incident (a notification names two). */
export const MAX_INCIDENT_SITES = 20;

function union(a: readonly string[], b: readonly string[]): string[] {
  const out = [...a];
  for (const s of b) if (!out.includes(s)) out.push(s);
  return out.slice(0, MAX_INCIDENT_SITES);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * The alerts of this look against the incidents going on.
 * - `held`: providers whose state cannot be told now (their status source is unreachable or stale):
 *   an incident of theirs without an alert goes on rather than ending on a guess.
 * - `offline`: the user's own connection is down: nothing starts and nothing ends (what fails
 *   then says nothing about the providers).
 */
export function track(
  open: Readonly<Record<string, OpenIncident>>,
  alerts: readonly Alert[],
  options: { readonly now: number; readonly held: ReadonlySet<string>; readonly offline: boolean },
): Transitions {
  if (options.offline) return { open, started: [], changed: [], ended: [] };
  const next: Record<string, OpenIncident> = {};
  const started: OpenIncident[] = [];
  const changed: OpenIncident[] = [];
  const ended: Ended[] = [];
  const byProvider = new Map<string, Alert>();
  for (const a of alerts) {
    const had = byProvider.get(a.providerId);
    byProvider.set(
      a.providerId,
      had
        ? {
            ...had,
            level: worst(had.level, a.level),
            title: had.title ?? a.title,
            declared: had.declared || a.declared,
            seenHere: had.seenHere || a.seenHere,
            sites: union(had.sites, a.sites),
            tabIds: [...had.tabIds, ...a.tabIds.filter((id) => !had.tabIds.includes(id))],
            statusPage: had.statusPage ?? a.statusPage,
          }
        : a,
    );
  }
  for (const [id, alert] of byProvider) {
    const before = Object.hasOwn(open, id) ? open[id] : undefined;
    if (!before) {
      const incident: OpenIncident = {
        ...alert,
        since: options.now,
        worstLevel: alert.level,
        allSites: alert.sites.slice(0, MAX_INCIDENT_SITES),
      };
      next[id] = incident;
      started.push(incident);
      continue;
    }
    const incident: OpenIncident = {
      ...alert,
      since: before.since,
      worstLevel: worst(before.worstLevel, alert.level),
      allSites: union(before.allSites, alert.sites),
    };
    next[id] = incident;
    if (
      before.level !== alert.level ||
      before.title !== alert.title ||
      !sameList(before.sites, alert.sites)
    ) {
      changed.push(incident);
    }
  }
  for (const [id, before] of Object.entries(open)) {
    if (byProvider.has(id)) continue;
    if (options.held.has(id)) next[id] = before;
    else ended.push({ incident: before, at: options.now });
  }
  return { open: next, started, changed, ended };
}

/** Worst first, then the longest going. */
export function byGravity(a: OpenIncident, b: OpenIncident): number {
  return SEVERITY[b.level] - SEVERITY[a.level] || a.since - b.since;
}
