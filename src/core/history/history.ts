import type { Ended, OpenIncident, Transitions } from '../notify/incidents.ts';
import type { Level } from '../status/model.ts';

/**
 * The history: one entry per incident the user's sites went through (`core/notify/incidents.ts`)
 * — a status page's declared outage or failures seen here — with its start, its end (undefined
 * while it goes on), its worst level and the sites it affected. Pure; the background keeps it in
 * `storage.local`, bounded and pruned by `prune`: 30 days, 10,000 entries, oldest first.
 */

/** How far back the history goes: 30 days. */
export const HISTORY_DAYS = 30;
export const HISTORY_MS = HISTORY_DAYS * 24 * 60 * 60_000;
/** At most this many entries; beyond, the oldest ended ones go first. */
export const MAX_HISTORY = 10_000;

export interface HistoryEntry {
  readonly providerId: string;
  readonly name: string;
  readonly start: number;
  /** Undefined while it goes on. */
  readonly end?: number | undefined;
  readonly level: Level;
  readonly title?: string | undefined;
  readonly declared: boolean;
  readonly seenHere: boolean;
  readonly sites: readonly string[];
}

const same = (e: HistoryEntry, i: Pick<OpenIncident, 'providerId' | 'since'>) =>
  e.providerId === i.providerId && e.start === i.since;

function entryOf(i: OpenIncident, end?: number): HistoryEntry {
  return {
    providerId: i.providerId,
    name: i.name,
    start: i.since,
    end,
    level: i.worstLevel,
    title: i.title,
    declared: i.declared,
    seenHere: i.seenHere,
    sites: i.allSites,
  };
}

/** The history after an incident transition: started → a new entry, changed → its entry updated, ended → its end set. */
export function record(
  entries: readonly HistoryEntry[],
  transitions: Pick<Transitions, 'started' | 'changed' | 'ended'>,
): HistoryEntry[] {
  const out = [...entries];
  const upsert = (i: OpenIncident, end?: number) => {
    const at = out.findIndex((e) => same(e, i));
    if (at >= 0) out[at] = entryOf(i, end);
    else out.push(entryOf(i, end));
  };
  for (const i of transitions.started) upsert(i);
  for (const i of transitions.changed) upsert(i);
  for (const { incident, at } of transitions.ended as readonly Ended[]) upsert(incident, at);
  return out;
}

/**
 * Entries older than the history window (ended before `now - HISTORY_MS`) dropped, then at most
 * `max`, by dropping the oldest ended ones first (an incident going on is kept), oldest start first.
 */
export function prune(entries: readonly HistoryEntry[], now: number, max = MAX_HISTORY): HistoryEntry[] {
  const recent = entries.filter((e) => (e.end ?? now) >= now - HISTORY_MS);
  recent.sort((a, b) => a.start - b.start);
  let excess = recent.length - max;
  if (excess <= 0) return recent;
  const out: HistoryEntry[] = [];
  for (const e of recent) {
    if (excess > 0 && e.end !== undefined) {
      excess--;
      continue;
    }
    out.push(e);
  }
  // Only ongoing ones left beyond the bound (cannot happen with one per provider): keep the newest.
  return out.slice(-max);
}

/** How long it lasted (or has lasted until `now`). */
export function durationOf(e: Pick<HistoryEntry, 'start' | 'end'>, now: number): number {
  return Math.max(0, (e.end ?? now) - e.start);
}

/** The incident of this provider going on, if any. */
export function ongoing(entries: readonly HistoryEntry[], providerId: string): HistoryEntry | undefined {
  return entries.find((e) => e.providerId === providerId && e.end === undefined);
}

/** A bar of the timeline: where it starts and how wide, as fractions of the window. */
export interface Bar {
  readonly entry: HistoryEntry;
  readonly x: number;
  readonly width: number;
}

/** The history per provider (most recent incident first), each with its bars over the window. */
export function timelines(
  entries: readonly HistoryEntry[],
  now: number,
  windowMs = HISTORY_MS,
): { readonly providerId: string; readonly name: string; readonly bars: readonly Bar[] }[] {
  const from = now - windowMs;
  const groups = new Map<string, { providerId: string; name: string; bars: Bar[]; latest: number }>();
  for (const entry of entries) {
    const end = entry.end ?? now;
    if (end < from) continue;
    const start = Math.max(entry.start, from);
    let g = groups.get(entry.providerId);
    if (!g) {
      g = { providerId: entry.providerId, name: entry.name, bars: [], latest: 0 };
      groups.set(entry.providerId, g);
    }
    g.latest = Math.max(g.latest, entry.start);
    g.bars.push({ entry, x: (start - from) / windowMs, width: Math.max(0, (end - start) / windowMs) });
  }
  return [...groups.values()]
    .sort((a, b) => b.latest - a.latest)
    .map(({ providerId, name, bars }) => ({ providerId, name, bars }));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const LEVELS = new Set<unknown>([
  'operational',
  'maintenance',
  'degraded',
  'partial_outage',
  'major_outage',
  'unknown',
]);

/** One stored entry back, or undefined when it is not one. */
export function parseEntry(v: unknown): HistoryEntry | undefined {
  if (!isRecord(v)) return undefined;
  const { providerId, name, start, end, level, title, declared, seenHere, sites } = v;
  if (typeof providerId !== 'string' || typeof name !== 'string' || typeof start !== 'number')
    return undefined;
  if (end !== undefined && typeof end !== 'number') return undefined;
  if (!LEVELS.has(level)) return undefined;
  return {
    providerId,
    name,
    start,
    end,
    level: level as Level,
    title: typeof title === 'string' ? title : undefined,
    declared: declared === true,
    seenHere: seenHere === true,
    sites: Array.isArray(sites) ? sites.filter((s): s is string => typeof s === 'string').slice(0, 20) : [],
  };
}

/** A stored list back: bad entries dropped. */
export function parseHistory(v: unknown): HistoryEntry[] {
  if (!Array.isArray(v)) return [];
  const out: HistoryEntry[] = [];
  for (const x of v) {
    const e = parseEntry(x);
    if (e) out.push(e);
  }
  return out;
}
