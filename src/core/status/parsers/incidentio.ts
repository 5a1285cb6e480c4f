/**
 * incident.io status pages, widget API `<page>/api/v1/summary`:
 * `{page_title, page_url, ongoing_incidents[], in_progress_maintenances[], scheduled_maintenances[]}`,
 * each event `{id, name, url, last_update_at, last_update_message, affected_components[{id, name,
 * group_name}]}`; incidents add `status` and `current_worst_impact`; in-progress maintenances
 * `started_at`/`scheduled_end_at`, scheduled ones `starts_at`/`ends_at`.
 *
 * Choices:
 * - impact degraded_performance → degraded, partial_outage → partial_outage,
 *   full_outage → major_outage; unknown/missing → at least degraded.
 * - The widget API lists no components, so `components` holds the ones named by active events,
 *   each at the worst level of the events naming it (a per-component `current_status`, when the
 *   page sends one, wins over the event's impact). Absent components are implicitly operational.
 * - Level = worst of those; `operational` when nothing is ongoing.
 * - Links: the event's `url`; else `<page_url or pageUrl>/incidents/<id>`.
 */
import {
  type AffectedComponent,
  type Component,
  type Level,
  type ParseResult,
  type StatusEvent,
  worst,
} from '../model.ts';
import {
  AffectedList,
  bodyText,
  budgetedRecs,
  compact,
  dedupeEvents,
  fail,
  incidentFallback,
  isRec,
  joinUrl,
  label,
  MAX_AFFECTED,
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

const IMPACT: Readonly<Record<string, Level>> = {
  degraded_performance: 'degraded',
  partial_outage: 'partial_outage',
  full_outage: 'major_outage',
  major_outage: 'major_outage',
};

const COMPONENT_STATUS: Readonly<Record<string, Level>> = {
  operational: 'operational',
  ...IMPACT,
  under_maintenance: 'maintenance',
};

type Section = 'incident' | 'active_maintenance' | 'scheduled_maintenance';

function affected(
  e: Rec,
  budget: WorkBudget,
): { list: AffectedComponent[]; levels: Map<string, Level | undefined> } {
  const list = new AffectedList();
  const levels = new Map<string, Level | undefined>();
  for (const c of budgetedRecs(e.affected_components, budget, MAX_AFFECTED)) {
    const name = label(c.name);
    if (name === undefined) continue;
    const id = str(c.id);
    list.add(makeAffected(name, id, label(c.group_name)));
    const s = word(c.current_status) ?? word(c.status);
    levels.set(id ?? name, s !== undefined ? COMPONENT_STATUS[s] : undefined);
  }
  return { list: list.items, levels };
}

export function parseIncidentioValue(root: unknown, ctx: ParseContext): ParseResult {
  if (!isRec(root)) return fail('not an incident.io summary (not an object)');
  const known = ['ongoing_incidents', 'in_progress_maintenances', 'scheduled_maintenances'];
  if (!known.some((k) => Array.isArray(root[k])) && typeof root.page_title !== 'string') {
    return fail('not an incident.io summary (no incident or maintenance lists)');
  }
  return withBudget((budget) => readSummary(root, ctx, budget), ctx.workBudget);
}

function readSummary(root: Rec, ctx: ParseContext, budget: WorkBudget): ParseResult {
  const base = safeUrl(root.page_url) ?? safeUrl(ctx.pageUrl);
  const compMap = new Map<string, Component>();
  const note = (a: AffectedComponent, level: Level): void => {
    const key = a.id ?? a.name;
    const prev = compMap.get(key);
    compMap.set(key, makeComponent(key, a.name, prev ? worst(prev.level, level) : level, a.group));
  };

  const read = (e: Rec, section: Section): StatusEvent | undefined => {
    const id = str(e.id);
    if (id === undefined) return undefined;
    const { list, levels } = affected(e, budget);
    const rawImpact = word(e.current_worst_impact);
    const impact: Level =
      section === 'incident'
        ? rawImpact !== undefined && IMPACT[rawImpact] !== undefined
          ? IMPACT[rawImpact]
          : incidentFallback(rawImpact)
        : 'maintenance';
    if (section !== 'scheduled_maintenance') {
      for (const a of list)
        note(a, section === 'incident' ? (levels.get(a.id ?? a.name) ?? impact) : 'maintenance');
    }
    const state =
      word(e.status) ??
      (section === 'incident'
        ? 'investigating'
        : section === 'active_maintenance'
          ? 'in_progress'
          : 'scheduled');
    return compact<StatusEvent>({
      id,
      kind: section === 'incident' ? 'incident' : 'maintenance',
      title: label(e.name) ?? '(untitled)',
      impact,
      state,
      active: section !== 'scheduled_maintenance',
      startedAt: time(e.started_at),
      scheduledFor: section === 'scheduled_maintenance' ? time(e.starts_at) : time(e.started_at),
      scheduledUntil: section === 'scheduled_maintenance' ? time(e.ends_at) : time(e.scheduled_end_at),
      updatedAt: time(e.last_update_at),
      lastUpdate: bodyText(e.last_update_message),
      url: safeUrl(e.url) ?? (base ? joinUrl(base, `incidents/${encodeURIComponent(id)}`) : undefined),
      components: list,
    });
  };
  const defined = (e: StatusEvent | undefined): e is StatusEvent => e !== undefined;
  const incidents = dedupeEvents(
    budgetedRecs(root.ongoing_incidents, budget)
      .map((e) => read(e, 'incident'))
      .filter(defined),
  );
  const maintenances = dedupeEvents([
    ...budgetedRecs(root.in_progress_maintenances, budget)
      .map((e) => read(e, 'active_maintenance'))
      .filter(defined),
    ...budgetedRecs(root.scheduled_maintenances, budget)
      .map((e) => read(e, 'scheduled_maintenance'))
      .filter(defined),
  ]);
  const components = [...compMap.values()];
  return ok(
    compact({
      level: rollUp(components, incidents, maintenances),
      components,
      incidents,
      maintenances,
    }),
  );
}

export function parseIncidentio(body: string, ctx: ParseContext): ParseResult {
  const json = parseJson(body);
  return json.ok ? parseIncidentioValue(json.value, ctx) : json.result;
}
