import type { Ended, OpenIncident, Transitions } from './incidents.ts';

/**
 * Which notifications to show for the incidents' transitions (`incidents.ts`). Pure: the state is
 * what was shown (per incident, the notification's id) and a short log of what was sent, which is
 * also the rate limiter's memory.
 *
 * - One notification per incident: created when it starts, updated in place (same id) when its
 *   level, title or sites change, replaced by one "it is over" notification when it ends.
 * - Off (the default) → nothing at all; an incident that started while notifications were off, or
 *   beyond the rate limit, stays silent to its end (no "over" for a start never shown).
 * - Rate limit: at most `MAX_STARTS` new incident notifications per `WINDOW_MS`; updates in place
 *   and the ends of shown incidents do not count (they never add a notification on screen).
 */

/** New incident notifications allowed per window: a bad day with many providers stays readable. */
export const MAX_STARTS = 4;
/** The rate limiter's window: 30 minutes. */
export const WINDOW_MS = 30 * 60_000;
/** Log entries kept (the rate limiter needs the last `MAX_STARTS` starts; the rest is for people). */
export const MAX_LOG = 50;

export type NoteKind = 'start' | 'update' | 'end';

export interface SentNote {
  readonly id: string;
  readonly providerId: string;
  readonly kind: NoteKind;
  readonly at: number;
}

export interface NotifyState {
  /** Provider id → id of the notification shown for its incident going on. */
  readonly shown: Readonly<Record<string, string>>;
  /** What was sent, oldest first (bounded). */
  readonly sent: readonly SentNote[];
}

export const EMPTY_NOTIFY_STATE: NotifyState = { shown: {}, sent: [] };

export type NoteAction =
  | {
      readonly op: 'show';
      readonly id: string;
      readonly kind: 'start' | 'update';
      readonly incident: OpenIncident;
    }
  | { readonly op: 'end'; readonly id: string; readonly replaces: string; readonly ended: Ended };

/** The id of an incident's notification: one per provider and start time. */
export function noteId(incident: Pick<OpenIncident, 'providerId' | 'since'>): string {
  return `faultline:${incident.providerId}:${incident.since}`;
}

/** The incident a notification id belongs to (its provider and start), or undefined. */
export function parseNoteId(id: string): { providerId: string; since: number; end: boolean } | undefined {
  const m = /^faultline:([a-z0-9-]+):(\d+)(:end)?$/.exec(id);
  return m ? { providerId: m[1]!, since: Number(m[2]), end: m[3] !== undefined } : undefined;
}

/** Starts sent within the window before `now`. */
export function startsInWindow(sent: readonly SentNote[], now: number): number {
  return sent.filter((n) => n.kind === 'start' && now - n.at < WINDOW_MS).length;
}

export function decide(
  state: NotifyState,
  transitions: Pick<Transitions, 'started' | 'changed' | 'ended'>,
  options: { readonly enabled: boolean; readonly now: number },
): { readonly state: NotifyState; readonly actions: readonly NoteAction[] } {
  const { now } = options;
  const shown: Record<string, string> = { ...state.shown };
  const sent: SentNote[] = [...state.sent];
  const actions: NoteAction[] = [];
  const log = (id: string, providerId: string, kind: NoteKind) =>
    sent.push({ id, providerId, kind, at: now });

  for (const { incident, at } of transitions.ended) {
    const id = shown[incident.providerId];
    delete shown[incident.providerId];
    if (!id || !options.enabled) continue;
    const endId = `${id}:end`;
    actions.push({ op: 'end', id: endId, replaces: id, ended: { incident, at } });
    log(endId, incident.providerId, 'end');
  }
  for (const incident of transitions.changed) {
    const id = shown[incident.providerId];
    if (!id || !options.enabled) continue;
    actions.push({ op: 'show', id, kind: 'update', incident });
    log(id, incident.providerId, 'update');
  }
  for (const incident of transitions.started) {
    if (!options.enabled || startsInWindow(sent, now) >= MAX_STARTS) continue;
    const id = noteId(incident);
    shown[incident.providerId] = id;
    actions.push({ op: 'show', id, kind: 'start', incident });
    log(id, incident.providerId, 'start');
  }
  return { state: { shown, sent: sent.slice(-MAX_LOG) }, actions };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const KINDS = new Set<unknown>(['start', 'update', 'end']);

/** A stored value → a notify state; garbage gives the empty state, bad entries are dropped. */
export function parseNotifyState(value: unknown): NotifyState {
  if (!isRecord(value)) return EMPTY_NOTIFY_STATE;
  const shown: Record<string, string> = {};
  if (isRecord(value.shown))
    for (const [k, v] of Object.entries(value.shown)) if (typeof v === 'string') shown[k] = v;
  const sent = Array.isArray(value.sent)
    ? value.sent.filter(
        (n): n is SentNote =>
          isRecord(n) &&
          typeof n.id === 'string' &&
          typeof n.providerId === 'string' &&
          KINDS.has(n.kind) &&
          typeof n.at === 'number',
      )
    : [];
  return { shown, sent: sent.slice(-MAX_LOG) };
}
