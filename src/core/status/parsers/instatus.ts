/**
 * Instatus pages, `<page>/summary.json`:
 * `{page:{name, url, status}, activeIncidents[], activeMaintenances[]}`; the arrays are absent
 * when empty. Incidents `{id, name, started, status, impact, url, updatedAt}`, maintenances
 * `{id, name, start, status, duration, url, updatedAt}`.
 *
 * Choices:
 * - page.status UP → operational, HASISSUES → degraded, UNDERMAINTENANCE → maintenance; a page
 *   flag that contradicts the open events yields to them (real: Manychat's page said UP on
 *   2026-08-03 while a degraded incident was open and identified), so the level is the worst of
 *   the flag and the events; unknown/missing flag → worst of the events, `unknown` without any.
 * - impact OPERATIONAL → operational (declared no impact), DEGRADEDPERFORMANCE → degraded,
 *   PARTIALOUTAGE and MINOROUTAGE → partial_outage, MAJOROUTAGE → major_outage,
 *   UNDERMAINTENANCE → maintenance; unknown/missing → at least degraded.
 * - Incidents RESOLVED and maintenances COMPLETED are dropped (an incident without an id is
 *   identified by its name, never dropped); INPROGRESS maintenances are active,
 *   NOTSTARTEDYET ones are scheduled. `duration` is read as minutes for `scheduledUntil`.
 * - No component list in this feed: `components` is empty.
 * - Links: the event's `url`; else the page URL itself (Instatus event paths are not documented).
 */
import { type Level, type ParseResult, type StatusEvent, worst } from '../model.ts';
import {
  AffectedList,
  budgetedRecs,
  compact,
  dedupeEvents,
  fail,
  guessLevel,
  incidentFallback,
  isRec,
  label,
  MAX_AFFECTED,
  makeAffected,
  ok,
  type ParseContext,
  parseJson,
  type Rec,
  rec,
  rollUp,
  safeUrl,
  saneTime,
  str,
  time,
  type WorkBudget,
  withBudget,
  word,
} from './util.ts';

const PAGE: Readonly<Record<string, Level>> = {
  up: 'operational',
  hasissues: 'degraded',
  undermaintenance: 'maintenance',
};

const IMPACT: Readonly<Record<string, Level>> = {
  operational: 'operational',
  undermaintenance: 'maintenance',
  degradedperformance: 'degraded',
  partialoutage: 'partial_outage',
  minoroutage: 'partial_outage',
  majoroutage: 'major_outage',
};

function affected(e: Rec, budget: WorkBudget) {
  const list = new AffectedList();
  for (const c of budgetedRecs(e.components, budget, MAX_AFFECTED)) {
    const name = label(c.name);
    if (name !== undefined) list.add(makeAffected(name, str(c.id)));
  }
  return list.items;
}

export function parseInstatusValue(root: unknown, ctx: ParseContext): ParseResult {
  if (!isRec(root) || (!isRec(root.page) && !Array.isArray(root.activeIncidents))) {
    return fail('not an Instatus summary (no page object)');
  }
  return withBudget((budget) => readSummary(root, ctx, budget), ctx.workBudget);
}

function readSummary(root: Rec, ctx: ParseContext, budget: WorkBudget): ParseResult {
  const pageUrl = safeUrl(ctx.pageUrl);
  const incidents = dedupeEvents(
    budgetedRecs(root.activeIncidents, budget).flatMap((e): StatusEvent[] => {
      // An open incident without an id is still open: its name identifies it.
      const id = str(e.id) ?? label(e.name);
      const state = word(e.status) ?? 'investigating';
      if (id === undefined || state === 'resolved') return [];
      const raw = word(e.impact);
      const impact = raw !== undefined && IMPACT[raw] !== undefined ? IMPACT[raw] : incidentFallback(raw);
      return [
        compact<StatusEvent>({
          id,
          kind: 'incident',
          title: label(e.name) ?? '(untitled)',
          impact,
          state,
          active: true,
          startedAt: time(e.started),
          updatedAt: time(e.updatedAt),
          url: safeUrl(e.url) ?? pageUrl,
          components: affected(e, budget),
        }),
      ];
    }),
  );
  const maintenances = dedupeEvents(
    budgetedRecs(root.activeMaintenances, budget).flatMap((e): StatusEvent[] => {
      const id = str(e.id);
      const state = word(e.status) ?? 'notstartedyet';
      if (id === undefined || state === 'completed') return [];
      const start = time(e.start);
      const minutes = Number(str(e.duration));
      const until =
        start !== undefined && Number.isFinite(minutes) && minutes > 0
          ? saneTime(start + minutes * 60_000)
          : undefined;
      const active =
        state === 'inprogress' ||
        (state !== 'notstartedyet' &&
          start !== undefined &&
          start <= ctx.now &&
          (until === undefined || until > ctx.now));
      return [
        compact<StatusEvent>({
          id,
          kind: 'maintenance',
          title: label(e.name) ?? '(untitled)',
          impact: 'maintenance',
          state,
          active,
          startedAt: active ? start : undefined,
          scheduledFor: start,
          scheduledUntil: until,
          updatedAt: time(e.updatedAt),
          url: safeUrl(e.url) ?? pageUrl,
          components: affected(e, budget),
        }),
      ];
    }),
  );
  const page = rec(root.page);
  const raw = word(page.status);
  const stated = raw !== undefined ? (PAGE[raw] ?? guessLevel(raw)) : undefined;
  const fromEvents = rollUp([], incidents, maintenances);
  const hasEvents = incidents.length > 0 || maintenances.length > 0;
  const level: Level =
    stated !== undefined && stated !== 'unknown'
      ? worst(stated, fromEvents)
      : hasEvents
        ? fromEvents
        : 'unknown';
  return ok(compact({ level, components: [], incidents, maintenances }));
}

export function parseInstatus(body: string, ctx: ParseContext): ParseResult {
  const json = parseJson(body);
  return json.ok ? parseInstatusValue(json.value, ctx) : json.result;
}
