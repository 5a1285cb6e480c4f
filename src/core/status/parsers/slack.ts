/**
 * Slack's documented status API, `<page>/api/v2.0.0/current`:
 * `{status: "ok" | "active", date_created, date_updated, active_incidents[]}`, each incident
 * `{id, date_created, date_updated, title, type: incident|notice|outage, status, url, services[],
 * notes[{date_created, body}]}`. Status is active/resolved for incidents and
 * scheduled/completed/cancelled for maintenance.
 *
 * Choices:
 * - type outage → major_outage, incident → degraded, notice → operational (informational);
 *   an unknown type → at least degraded.
 * - Items `scheduled` (or of type maintenance) are maintenances: active when their status says
 *   active/in progress, else scheduled. resolved/completed/cancelled items are dropped.
 * - Level = worst active event; a top-level status other than "ok" with no usable incident
 *   → degraded (Slack says something is wrong without saying what).
 * - Components: the `services` named by active incidents, at the worst impact naming them.
 * - Links: the incident's `url`; else the page URL.
 */
import { type Component, type Level, type ParseResult, type StatusEvent, worst } from '../model.ts';
import {
  addAffected,
  arr,
  bodyText,
  compact,
  dedupeEvents,
  fail,
  incidentFallback,
  isRec,
  label,
  MAX_AFFECTED,
  MAX_UPDATES,
  makeAffected,
  makeComponent,
  ok,
  type ParseContext,
  parseJson,
  type Rec,
  recs,
  rollUp,
  safeUrl,
  str,
  time,
  word,
} from './util.ts';

const TYPE: Readonly<Record<string, Level>> = {
  outage: 'major_outage',
  incident: 'degraded',
  notice: 'operational',
};

const CLOSED = new Set(['resolved', 'completed', 'cancelled', 'canceled', 'ok']);

export function parseSlackValue(root: unknown, ctx: ParseContext): ParseResult {
  if (!isRec(root) || (typeof root.status !== 'string' && !Array.isArray(root.active_incidents))) {
    return fail('not a Slack status (no status or active_incidents)');
  }
  const pageUrl = safeUrl(ctx.pageUrl);
  const compMap = new Map<string, Component>();
  const incidents: StatusEvent[] = [];
  const maintenances: StatusEvent[] = [];
  for (const e of recs(root.active_incidents)) {
    const id = str(e.id);
    const state = word(e.status) ?? 'active';
    if (id === undefined || CLOSED.has(state)) continue;
    const type = word(e.type);
    const isMaint = type === 'maintenance' || state === 'scheduled';
    const impact: Level = isMaint
      ? 'maintenance'
      : type !== undefined && TYPE[type] !== undefined
        ? TYPE[type]
        : incidentFallback(type);
    const active = isMaint ? /active|progress|started/.test(state) : true;
    const components: ReturnType<typeof makeAffected>[] = [];
    for (const s of arr(e.services, MAX_AFFECTED)) {
      const name = label(s);
      if (name === undefined) continue;
      addAffected(components, makeAffected(name, name));
      if (active) {
        const prev = compMap.get(name);
        compMap.set(name, makeComponent(name, name, prev ? worst(prev.level, impact) : impact));
      }
    }
    let note: Rec | undefined;
    for (const n of recs(e.notes, MAX_UPDATES)) {
      if (note === undefined || (time(n.date_created) ?? 0) > (time(note.date_created) ?? 0)) note = n;
    }
    const event = compact<StatusEvent>({
      id,
      kind: isMaint ? 'maintenance' : 'incident',
      title: label(e.title) ?? '(untitled)',
      impact,
      state,
      active,
      startedAt: time(e.date_created),
      updatedAt: time(e.date_updated),
      lastUpdate: note ? bodyText(note.body) : undefined,
      url: safeUrl(e.url) ?? pageUrl,
      components,
    });
    (isMaint ? maintenances : incidents).push(event);
  }
  const inc = dedupeEvents(incidents);
  const maint = dedupeEvents(maintenances);
  const components = [...compMap.values()];
  let level = rollUp(components, inc, maint);
  const top = word(root.status);
  if (top !== undefined && top !== 'ok' && level === 'operational' && inc.length === 0) level = 'degraded';
  return ok(
    compact({ level, components, incidents: inc, maintenances: maint, updatedAt: time(root.date_updated) }),
  );
}

export function parseSlack(body: string, ctx: ParseContext): ParseResult {
  const json = parseJson(body);
  return json.ok ? parseSlackValue(json.value, ctx) : json.result;
}
