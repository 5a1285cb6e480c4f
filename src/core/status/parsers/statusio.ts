/**
 * Status.io public status, `https://api.status.io/1.0/status/<page id>`:
 * `{result:{status_overall:{status, status_code, updated}, status:[{id, name, status, status_code,
 * containers:[{id, name, status, status_code}]}], incidents:[], maintenance:{active:[], upcoming:[]}}}`.
 *
 * Choices:
 * - Status codes: 100 operational, 200 maintenance (planned), 300 degraded, 400 partial_outage,
 *   500 major_outage (service disruption), 600 (security event) → degraded. Other codes are
 *   bucketed by hundreds (≥500 major, ≥400 partial, ≥300 degraded), else read from the status
 *   word, else `unknown` for components.
 * - One component per Status.io component, at the worst level of itself and its containers;
 *   a component whose containers differ also gets one entry per non-operational container
 *   ("<component> — <container>", group = component) so regional trouble stays visible.
 * - Incident objects are read tolerantly (`_id`/`id`, `name`/`title`, `datetime_open`/
 *   `datetime`, `messages[].details`, `components_affected[].name`); impact = the latest
 *   message's status code when present, else at least degraded. Maintenances likewise, active
 *   from `maintenance.active`, scheduled from `maintenance.upcoming`.
 * - Links: the event's own `url` when present, else the human page URL (ctx.pageUrl) — the
 *   Status.io incident path needs the page id, which the parser is not given.
 */
import { type Component, type Level, type ParseResult, type StatusEvent, worst } from '../model.ts';
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
  rec,
  rollUp,
  safeUrl,
  str,
  time,
  type WorkBudget,
  withBudget,
  word,
} from './util.ts';

export function codeLevel(code: unknown, status?: unknown): Level | undefined {
  const n = typeof code === 'number' ? code : typeof code === 'string' ? Number(code) : Number.NaN;
  if (Number.isFinite(n)) {
    if (n === 100) return 'operational';
    if (n === 200) return 'maintenance';
    if (n === 300) return 'degraded';
    if (n === 400) return 'partial_outage';
    if (n === 500) return 'major_outage';
    if (n === 600) return 'degraded';
    if (n > 600) return 'major_outage';
    if (n >= 500) return 'major_outage';
    if (n >= 400) return 'partial_outage';
    if (n >= 300) return 'degraded';
  }
  return guessLevel(str(status));
}

function readComponents(raw: unknown, budget: WorkBudget): Component[] {
  const out: Component[] = [];
  for (const c of budgetedRecs(raw, budget, MAX_COMPONENTS)) {
    const id = str(c.id) ?? str(c._id);
    const name = label(c.name);
    if (id === undefined || name === undefined) continue;
    let level: Level = codeLevel(c.status_code, c.status) ?? 'unknown';
    const containers = budgetedRecs(c.containers, budget, MAX_COMPONENTS);
    const containerLevels: { id: string; name: string; level: Level }[] = [];
    for (const k of containers) {
      const kl = codeLevel(k.status_code, k.status) ?? 'unknown';
      if (kl !== 'unknown') level = level === 'unknown' ? kl : worst(level, kl);
      const kid = str(k.id) ?? str(k._id);
      const kname = label(k.name);
      if (kid !== undefined && kname !== undefined) containerLevels.push({ id: kid, name: kname, level: kl });
    }
    out.push(makeComponent(id, name, level));
    if (containerLevels.length > 1) {
      for (const k of containerLevels) {
        if (k.level !== 'operational' && k.level !== 'unknown' && out.length < MAX_COMPONENTS) {
          out.push(makeComponent(`${id}/${k.id}`, `${name} — ${k.name}`, k.level, name));
        }
      }
    }
  }
  return out;
}

function readEvent(
  e: Rec,
  kind: 'incident' | 'maintenance',
  active: boolean,
  ctx: ParseContext,
  budget: WorkBudget,
): StatusEvent | undefined {
  const id = str(e._id) ?? str(e.id);
  if (id === undefined) return undefined;
  const messages = budgetedRecs(e.messages, budget, MAX_UPDATES);
  let last: Rec | undefined;
  let lastAt = Number.NEGATIVE_INFINITY;
  for (const m of messages) {
    const at = time(m.datetime) ?? Number.NEGATIVE_INFINITY;
    if (last === undefined || at > lastAt) {
      last = m;
      lastAt = at;
    }
  }
  const list = new AffectedList();
  for (const c of [
    ...budgetedRecs(e.components_affected, budget, MAX_AFFECTED),
    ...budgetedRecs(e.containers_affected, budget, MAX_AFFECTED),
  ]) {
    const name = label(c.name);
    if (name !== undefined) list.add(makeAffected(name, str(c._id) ?? str(c.id)));
  }
  const lastCode = last ? codeLevel(last.status) : undefined;
  const impact: Level =
    kind === 'maintenance'
      ? 'maintenance'
      : lastCode !== undefined && lastCode !== 'operational'
        ? lastCode
        : incidentFallback(str(e.status));
  return compact<StatusEvent>({
    id,
    kind,
    title: label(e.name) ?? label(e.title) ?? '(untitled)',
    impact,
    state:
      word(e.state) ??
      word(e.status) ??
      (kind === 'incident' ? 'open' : active ? 'in_progress' : 'scheduled'),
    active,
    startedAt:
      kind === 'incident'
        ? (time(e.datetime_open) ?? time(e.datetime) ?? time(e.created))
        : active
          ? (time(e.datetime_planned_start) ?? time(e.datetime_start) ?? time(e.datetime_open))
          : undefined,
    scheduledFor:
      kind === 'maintenance' ? (time(e.datetime_planned_start) ?? time(e.datetime_start)) : undefined,
    scheduledUntil:
      kind === 'maintenance' ? (time(e.datetime_planned_end) ?? time(e.datetime_end)) : undefined,
    updatedAt: Number.isFinite(lastAt) ? lastAt : undefined,
    lastUpdate: last ? bodyText(last.details) : undefined,
    url: safeUrl(e.url) ?? safeUrl(ctx.pageUrl),
    components: list.items,
  });
}

export function parseStatusioValue(root: unknown, ctx: ParseContext): ParseResult {
  const result = isRec(root) ? root.result : undefined;
  if (!isRec(result)) return fail('not a Status.io status (no result object)');
  return withBudget((budget) => readResult(result, ctx, budget), ctx.workBudget);
}

function readResult(result: Rec, ctx: ParseContext, budget: WorkBudget): ParseResult {
  const overall = rec(result.status_overall);
  const components = readComponents(result.status, budget);
  const defined = (e: StatusEvent | undefined): e is StatusEvent => e !== undefined;
  const incidents = dedupeEvents(
    budgetedRecs(result.incidents, budget)
      .map((e) => readEvent(e, 'incident', true, ctx, budget))
      .filter(defined),
  );
  const maint = rec(result.maintenance);
  const maintenances = dedupeEvents([
    ...budgetedRecs(maint.active, budget)
      .map((e) => readEvent(e, 'maintenance', true, ctx, budget))
      .filter(defined),
    ...budgetedRecs(maint.upcoming, budget)
      .map((e) => readEvent(e, 'maintenance', false, ctx, budget))
      .filter(defined),
  ]);
  const stated = codeLevel(overall.status_code, overall.status);
  const hasData = components.length > 0 || incidents.length > 0 || maintenances.length > 0;
  return ok(
    compact({
      level: stated ?? (hasData ? rollUp(components, incidents, maintenances) : 'unknown'),
      description: label(overall.status),
      components,
      incidents,
      maintenances,
      updatedAt: time(overall.updated),
    }),
  );
}

export function parseStatusio(body: string, ctx: ParseContext): ParseResult {
  const json = parseJson(body);
  return json.ok ? parseStatusioValue(json.value, ctx) : json.result;
}
