/**
 * Atlassian Statuspage v2 (`/api/v2/summary.json` and the cheap `/api/v2/status.json`). Also the
 * shape served by incident.io pages and Cloudflare's rebuilt page on the same paths.
 *
 * Mapping choices:
 * - `status.indicator`: none → operational, minor → degraded, major → partial_outage,
 *   critical → major_outage, maintenance → maintenance. Unknown or missing → the worst level of
 *   the parsed components and active events; `unknown` when the body has neither.
 * - component `status`: operational, degraded_performance → degraded, partial_outage,
 *   major_outage, under_maintenance → maintenance; an unknown word is guessed from its wording
 *   ("…_outage" → partial_outage…), else `unknown` (never a silent `operational`).
 * - incident `impact`: none → operational (declared no impact), minor → degraded,
 *   major → partial_outage, critical → major_outage; unknown/missing → at least degraded.
 * - Group components (`group: true`) are not returned as components: they only name the group of
 *   their children (`group_id` → the group component's name).
 * - Incidents `resolved`/`postmortem` and maintenances `completed`/`cancelled` are dropped (the
 *   summary should not list them). Maintenances `in_progress`/`verifying` are active, `scheduled`
 *   ones are not; an unknown maintenance status is active when `scheduled_for ≤ now < until`.
 * - Links: `shortlink`, else `<pageUrl>/incidents/<id>` (the Statuspage incident path).
 * - Affected components: the event's `components[]` plus every update's `affected_components[]`
 *   (`"<Group> - <Component>"`, group prefix stripped when it names a known group — the shortest
 *   such prefix, looked up in an index of the groups, so the work is linear in the body — or,
 *   when the body lists no groups, at the first " - ").
 * - Places: none here. Which component names or titles stand for a datacenter ("Paris, France -
 *   (CDG)", "IAD (Ashburn) on 2026-09-14") is each provider's naming convention, kept in its
 *   catalog entry (StatusRelevance.locations) and read by status/relevance.ts.
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
  rec,
  rollUp,
  safeUrl,
  str,
  time,
  type WorkBudget,
  withBudget,
  word,
} from './util.ts';

const INDICATOR: Readonly<Record<string, Level>> = {
  none: 'operational',
  minor: 'degraded',
  major: 'partial_outage',
  critical: 'major_outage',
  maintenance: 'maintenance',
};

const COMPONENT: Readonly<Record<string, Level>> = {
  operational: 'operational',
  degraded_performance: 'degraded',
  partial_outage: 'partial_outage',
  major_outage: 'major_outage',
  under_maintenance: 'maintenance',
};

const IMPACT: Readonly<Record<string, Level>> = {
  none: 'operational',
  minor: 'degraded',
  major: 'partial_outage',
  critical: 'major_outage',
  maintenance: 'maintenance',
};

const CLOSED_INCIDENT = new Set(['resolved', 'postmortem', 'completed']);
const CLOSED_MAINTENANCE = new Set(['completed', 'cancelled', 'canceled', 'resolved', 'postmortem']);
const ACTIVE_MAINTENANCE = new Set(['in_progress', 'verifying']);

export function indicatorLevel(indicator: string | undefined): Level | undefined {
  return indicator === undefined ? undefined : INDICATOR[indicator];
}

function componentLevel(raw: string | undefined): Level {
  if (raw === undefined) return 'unknown';
  return COMPONENT[raw] ?? guessLevel(raw) ?? 'unknown';
}

interface Directory {
  /** Leaf components by id, with their resolved group name. */
  readonly byId: ReadonlyMap<string, Component>;
  /** Group names (from group components). */
  readonly groups: ReadonlySet<string>;
}

function readComponents(raw: unknown, budget: WorkBudget): { components: Component[]; dir: Directory } {
  const items = budgetedRecs(raw, budget, MAX_COMPONENTS);
  const groupName = new Map<string, string>();
  for (const c of items) {
    const id = str(c.id);
    const name = label(c.name);
    if (id !== undefined && name !== undefined && (c.group === true || Array.isArray(c.components))) {
      groupName.set(id, name);
    }
  }
  const components: Component[] = [];
  const byId = new Map<string, Component>();
  for (const c of items) {
    const id = str(c.id);
    const name = label(c.name);
    if (id === undefined || name === undefined || groupName.has(id) || byId.has(id)) continue;
    const groupId = str(c.group_id);
    const group = groupId !== undefined ? groupName.get(groupId) : undefined;
    const comp = makeComponent(id, name, componentLevel(word(c.status)), group);
    components.push(comp);
    byId.set(id, comp);
  }
  return { components, dir: { byId, groups: new Set(groupName.values()) } };
}

/**
 * `"North America - Ashburn, VA, United States - (IAD)"` → group + name: each " - " of the name
 * (a few) is looked up in the group index, instead of every group being tried on every name.
 */
function splitGroupName(full: string, dir: Directory): { group?: string; name: string } {
  for (let at = full.indexOf(' - '); at >= 0; at = full.indexOf(' - ', at + 1)) {
    const g = full.slice(0, at);
    if (dir.groups.has(g) && full.length > at + 3) return { group: g, name: full.slice(at + 3) };
  }
  if (dir.groups.size === 0) {
    const at = full.indexOf(' - ');
    // Only when something other than a bare "(XXX)" remains on the right.
    if (at > 0 && !/^\s*\(\s*[A-Z]{3}\s*\)\s*$/.test(full.slice(at + 3))) {
      return { group: full.slice(0, at), name: full.slice(at + 3).trim() };
    }
  }
  return { name: full };
}

function affectedOf(e: Rec, updates: readonly Rec[], dir: Directory, budget: WorkBudget) {
  const list = new AffectedList();
  for (const c of budgetedRecs(e.components, budget, MAX_AFFECTED)) {
    const id = str(c.id);
    const known = id !== undefined ? dir.byId.get(id) : undefined;
    if (known) {
      list.add(makeAffected(known.name, known.id, known.group));
      continue;
    }
    const name = label(c.name);
    if (name === undefined) continue;
    list.add(makeAffected(name, id));
  }
  for (const u of updates) {
    for (const a of budgetedRecs(u.affected_components, budget, MAX_AFFECTED)) {
      const code = str(a.code);
      const known = code !== undefined ? dir.byId.get(code) : undefined;
      if (known) {
        list.add(makeAffected(known.name, known.id, known.group));
        continue;
      }
      const full = label(a.name);
      if (full === undefined) continue;
      const { group, name } = splitGroupName(full, dir);
      list.add(makeAffected(name, code, group));
    }
  }
  return list.items;
}

function latestUpdate(updates: readonly Rec[]): Rec | undefined {
  let best: Rec | undefined;
  let bestAt = Number.NEGATIVE_INFINITY;
  for (const u of updates) {
    const at = time(u.display_at) ?? time(u.created_at) ?? time(u.updated_at);
    if (best === undefined || (at !== undefined && at > bestAt)) {
      best = u;
      if (at !== undefined) bestAt = at;
    }
  }
  return best;
}

function readEvent(
  e: Rec,
  kind: 'incident' | 'maintenance',
  dir: Directory,
  ctx: ParseContext,
  budget: WorkBudget,
): StatusEvent | undefined {
  const id = str(e.id);
  if (id === undefined) return undefined;
  const state = word(e.status) ?? 'unknown';
  const scheduledFor = time(e.scheduled_for);
  const scheduledUntil = time(e.scheduled_until);
  let active: boolean;
  let impact: Level;
  if (kind === 'incident') {
    if (CLOSED_INCIDENT.has(state)) return undefined;
    active = true;
    const rawImpact = word(e.impact);
    impact =
      rawImpact !== undefined && IMPACT[rawImpact] !== undefined
        ? IMPACT[rawImpact]
        : incidentFallback(rawImpact);
  } else {
    if (CLOSED_MAINTENANCE.has(state)) return undefined;
    if (ACTIVE_MAINTENANCE.has(state)) active = true;
    else if (state === 'scheduled') active = false;
    else {
      active =
        scheduledFor !== undefined &&
        scheduledFor <= ctx.now &&
        (scheduledUntil === undefined || scheduledUntil > ctx.now);
    }
    impact = 'maintenance';
  }
  const updates = budgetedRecs(e.incident_updates, budget, MAX_UPDATES);
  const last = latestUpdate(updates);
  const title = label(e.name) ?? '(untitled)';
  const components = affectedOf(e, updates, dir, budget);
  return compact<StatusEvent>({
    id,
    kind,
    title,
    impact,
    state,
    active,
    // A scheduled maintenance has not started (its started_at is its creation time); an active
    // one started at its scheduled start when it has one.
    startedAt:
      kind === 'incident'
        ? (time(e.started_at) ?? time(e.created_at))
        : active
          ? (scheduledFor ?? time(e.started_at))
          : undefined,
    scheduledFor,
    scheduledUntil,
    updatedAt: time(e.updated_at),
    lastUpdate: last ? bodyText(last.body) : undefined,
    url:
      safeUrl(e.shortlink) ??
      (safeUrl(ctx.pageUrl) ? joinUrl(ctx.pageUrl, `incidents/${encodeURIComponent(id)}`) : undefined),
    components,
  });
}

export function parseStatuspageValue(root: unknown, ctx: ParseContext): ParseResult {
  if (!isRec(root)) return fail('not a Statuspage summary (not an object)');
  if (!isRec(root.status) && !Array.isArray(root.components) && !Array.isArray(root.incidents)) {
    return fail('not a Statuspage summary (no status, components or incidents)');
  }
  return withBudget((budget) => readSummary(root, ctx, budget), ctx.workBudget);
}

function readSummary(root: Rec, ctx: ParseContext, budget: WorkBudget): ParseResult {
  const { components, dir } = readComponents(root.components, budget);
  const incidents = dedupeEvents(
    budgetedRecs(root.incidents, budget)
      .map((e) => readEvent(e, 'incident', dir, ctx, budget))
      .filter((e): e is StatusEvent => e !== undefined),
  );
  const maintenances = dedupeEvents(
    budgetedRecs(root.scheduled_maintenances, budget)
      .map((e) => readEvent(e, 'maintenance', dir, ctx, budget))
      .filter((e): e is StatusEvent => e !== undefined),
  );
  const status = rec(root.status);
  const stated = indicatorLevel(word(status.indicator));
  const hasData = components.length > 0 || incidents.length > 0 || maintenances.length > 0;
  const level: Level = stated ?? (hasData ? rollUp(components, incidents, maintenances) : 'unknown');
  return ok(
    compact({
      level,
      description: label(status.description),
      components,
      incidents,
      maintenances,
      updatedAt: time(rec(root.page).updated_at),
    }),
  );
}

export function parseStatuspage(body: string, ctx: ParseContext): ParseResult {
  const json = parseJson(body);
  return json.ok ? parseStatuspageValue(json.value, ctx) : json.result;
}

export type StatuspageRollup =
  | {
      readonly ok: true;
      readonly level: Level;
      readonly indicator: string;
      readonly updatedAt?: number | undefined;
    }
  | { readonly ok: false; readonly reason: 'unparseable'; readonly detail: string };

/**
 * The cheap `/api/v2/status.json` poll: `{page:{updated_at…}, status:{indicator, description}}`.
 * An unknown indicator gives level `unknown` (the raw word is returned so the poller can fetch
 * the detailed feed); `page.updated_at` is the change token.
 */
export function parseStatuspageRollup(body: string): StatuspageRollup {
  const json = parseJson(body);
  if (!json.ok) {
    const r = json.result;
    return r.ok ? { ok: false, reason: 'unparseable', detail: 'unexpected' } : r;
  }
  const root = json.value;
  if (!isRec(root) || !isRec(root.status)) {
    return { ok: false, reason: 'unparseable', detail: 'not a Statuspage status.json (no status object)' };
  }
  const indicator = word(root.status.indicator);
  if (indicator === undefined) {
    return { ok: false, reason: 'unparseable', detail: 'status.indicator missing' };
  }
  const updatedAt = time(rec(root.page).updated_at);
  return {
    ok: true,
    level: indicatorLevel(indicator) ?? 'unknown',
    indicator: indicator.slice(0, 40),
    ...(updatedAt !== undefined ? { updatedAt } : {}),
  };
}
