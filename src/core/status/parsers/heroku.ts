/**
 * Heroku, `<page>/api/v4/current-status`:
 * `{status:[{system, status: green|yellow|red|blue}], incidents[], scheduled[]}`. Incidents are
 * read tolerantly: `{id, title, created_at, updated_at, full_url, resolved?, state?,
 * updates[{contents, update_type, created_at, status_prod, status_dev}]}`.
 *
 * Choices:
 * - green → operational, yellow → degraded, red → major_outage, blue → maintenance; another
 *   word is guessed from its wording, else `unknown`.
 * - The systems ("Apps", "Data", "Tools"…) are the components. Level = worst system; without
 *   systems, worst active event (`unknown` when there is nothing).
 * - Incident impact = the colour of its latest update's `status_prod` (else `status_dev`),
 *   never below degraded. Resolved incidents (resolved: true, or a resolved/completed state)
 *   are dropped. Scheduled items are maintenances, active when their window contains now.
 * - Links: `full_url`, else `<pageUrl>/incidents/<id>`.
 */
import type { Component, Level, ParseResult, StatusEvent } from '../model.ts';
import {
  AffectedList,
  bodyText,
  budgetedRecs,
  compact,
  dedupeEvents,
  fail,
  guessLevel,
  incidentFallback,
  isRec,
  joinUrl,
  label,
  MAX_AFFECTED,
  MAX_COMPONENTS,
  MAX_UPDATES,
  makeAffected,
  makeComponent,
  ok,
  type ParseContext,
  parseJson,
  type Rec,
  rollUp,
  safeUrl,
  str,
  time,
  type WorkBudget,
  withBudget,
  word,
} from './util.ts';

const COLOR: Readonly<Record<string, Level>> = {
  green: 'operational',
  yellow: 'degraded',
  red: 'major_outage',
  blue: 'maintenance',
};

function colorLevel(raw: string | undefined): Level | undefined {
  return raw === undefined ? undefined : (COLOR[raw] ?? guessLevel(raw));
}

const CLOSED = new Set(['resolved', 'completed', 'cancelled', 'canceled']);

export function parseHerokuValue(root: unknown, ctx: ParseContext): ParseResult {
  if (!isRec(root) || (!Array.isArray(root.status) && !Array.isArray(root.incidents))) {
    return fail('not a Heroku current-status (no status list)');
  }
  return withBudget((budget) => readCurrent(root, ctx, budget), ctx.workBudget);
}

function readCurrent(root: Rec, ctx: ParseContext, budget: WorkBudget): ParseResult {
  const components: Component[] = [];
  const systems = new Set<string>();
  for (const s of budgetedRecs(root.status, budget, MAX_COMPONENTS)) {
    const name = label(s.system);
    if (name === undefined || systems.has(name)) continue;
    systems.add(name);
    components.push(makeComponent(name, name, colorLevel(word(s.status)) ?? 'unknown'));
  }
  const base = safeUrl(ctx.pageUrl);
  const read = (e: Rec, kind: 'incident' | 'maintenance'): StatusEvent | undefined => {
    const id = str(e.id);
    const state = word(e.state) ?? word(e.status) ?? (kind === 'incident' ? 'open' : 'scheduled');
    if (id === undefined || e.resolved === true || CLOSED.has(state)) return undefined;
    let last: Rec | undefined;
    for (const u of budgetedRecs(e.updates, budget, MAX_UPDATES)) {
      if (last === undefined || (time(u.created_at) ?? 0) > (time(last.created_at) ?? 0)) last = u;
    }
    const color = last
      ? (colorLevel(word(last.status_prod)) ?? colorLevel(word(last.status_dev)))
      : undefined;
    const impact: Level =
      kind === 'maintenance'
        ? 'maintenance'
        : color !== undefined && color !== 'operational' && color !== 'maintenance' && color !== 'unknown'
          ? color
          : incidentFallback(word(e.severity));
    const starts = time(e.starts_at) ?? time(e.scheduled_for);
    const ends = time(e.ends_at) ?? time(e.scheduled_until);
    const active =
      kind === 'incident' ||
      /progress|active/.test(state) ||
      (starts !== undefined && starts <= ctx.now && (ends === undefined || ends > ctx.now));
    const affected = new AffectedList();
    for (const s of [
      ...budgetedRecs(e.systems, budget, MAX_AFFECTED),
      ...budgetedRecs(e.components, budget, MAX_AFFECTED),
    ]) {
      const name = label(s.name) ?? label(s.system);
      if (name !== undefined) affected.add(makeAffected(name, name));
    }
    return compact<StatusEvent>({
      id,
      kind,
      title: label(e.title) ?? '(untitled)',
      impact,
      state,
      active,
      startedAt: kind === 'incident' ? time(e.created_at) : active ? starts : undefined,
      scheduledFor: kind === 'maintenance' ? starts : undefined,
      scheduledUntil: kind === 'maintenance' ? ends : undefined,
      updatedAt: time(e.updated_at),
      lastUpdate: last ? bodyText(last.contents) : bodyText(e.body),
      url: safeUrl(e.full_url) ?? (base ? joinUrl(base, `incidents/${encodeURIComponent(id)}`) : undefined),
      components: affected.items,
    });
  };
  const defined = (e: StatusEvent | undefined): e is StatusEvent => e !== undefined;
  const incidents = dedupeEvents(
    budgetedRecs(root.incidents, budget)
      .map((e) => read(e, 'incident'))
      .filter(defined),
  );
  const maintenances = dedupeEvents(
    budgetedRecs(root.scheduled, budget)
      .map((e) => read(e, 'maintenance'))
      .filter(defined),
  );
  const hasData = components.length > 0 || incidents.length > 0 || maintenances.length > 0;
  const known = components.filter((c) => c.level !== 'unknown');
  const level: Level =
    known.length > 0
      ? rollUp(known, [], [])
      : hasData
        ? rollUp(components, incidents, maintenances)
        : 'unknown';
  return ok({ level, components, incidents, maintenances });
}

export function parseHeroku(body: string, ctx: ParseContext): ParseResult {
  const json = parseJson(body);
  return json.ok ? parseHerokuValue(json.value, ctx) : json.result;
}
