/**
 * Google Cloud (and the same format for Workspace, Firebase…), `<page>/incidents.json`: a JSON
 * array of rolling history. An incident is open while `end` is absent, null or empty.
 * Fields used: id, begin, modified, end, external_desc (title), uri (`incidents/<id>`),
 * status_impact, severity, most_recent_update{text, status, modified}, affected_products[{id, title}],
 * currently_affected_locations[{id, title}].
 *
 * Choices:
 * - Impact from `most_recent_update.status`, else `status_impact`: SERVICE_OUTAGE → major_outage,
 *   SERVICE_DISRUPTION → degraded, SERVICE_INFORMATION → operational (informational),
 *   AVAILABLE → operational. Unknown → from severity (low → degraded, medium → partial_outage,
 *   high → major_outage), else degraded.
 * - Level = worst open incident impact; operational when nothing is open.
 * - Components: none. The feed has no component list, and a product is down only where its
 *   incident says (a zonal Persistent Disk outage is not Persistent Disk down everywhere), which
 *   the incident itself carries. Each event's affected components are its products plus its
 *   currently affected locations, as
 *   places (group "Location", id and pop = the location id such as us-central1 / US-CENTRAL1;
 *   "global" is the place meaning everywhere). Without `currently_affected_locations`, the
 *   latest update's `affected_locations`.
 * - Links: `uri` resolved against the page URL (https://status.cloud.google.com/incidents/<id>).
 * - A list in which no entry is an incident (an object with an `id` and a `begin` time) is
 *   unparseable, not a quiet history: `["<html>Service Unavailable</html>"]` and
 *   `[{"error":{"code":429}}]` are what a failing or rate-limiting server sends. (`[]` stays a
 *   history with nothing in it.)
 */
import { type AffectedComponent, type Level, type ParseResult, type StatusEvent, worst } from '../model.ts';
import {
  AffectedList,
  arr,
  bodyText,
  budgetedRecs,
  compact,
  dedupeEvents,
  fail,
  isRec,
  joinUrl,
  label,
  linkFrom,
  MAX_AFFECTED,
  MAX_EVENTS,
  makeAffected,
  ok,
  type ParseContext,
  parseJson,
  rec,
  safeUrl,
  str,
  time,
  type WorkBudget,
  withBudget,
  word,
} from './util.ts';

/** The whole history is in the feed; walk at most this many entries. */
const MAX_HISTORY = 50_000;

const STATUS: Readonly<Record<string, Level>> = {
  service_outage: 'major_outage',
  service_disruption: 'degraded',
  service_information: 'operational',
  available: 'operational',
};

const SEVERITY: Readonly<Record<string, Level>> = {
  low: 'degraded',
  medium: 'partial_outage',
  high: 'major_outage',
};

function isOpen(end: unknown): boolean {
  return end === undefined || end === null || (typeof end === 'string' && end.trim() === '');
}

/** An entry of the history: an object with an id and a readable `begin`. */
function isIncident(item: unknown): boolean {
  return isRec(item) && str(item.id) !== undefined && time(item.begin) !== undefined;
}

export function parseGcpValue(root: unknown, ctx: ParseContext): ParseResult {
  if (!Array.isArray(root)) return fail('not a Google Cloud incidents.json (not an array)');
  const items = arr(root, MAX_HISTORY);
  if (items.length > 0 && !items.some(isIncident)) {
    return fail('not a Google Cloud incidents.json (no incident in it)');
  }
  return withBudget((budget) => readHistory(items, ctx, budget), ctx.workBudget);
}

function readHistory(items: readonly unknown[], ctx: ParseContext, budget: WorkBudget): ParseResult {
  const incidents: StatusEvent[] = [];
  const base = safeUrl(ctx.pageUrl);
  budget.spend(items.length);
  for (const item of items) {
    if (!isRec(item) || !isOpen(item.end)) continue;
    const id = str(item.id);
    if (id === undefined) continue;
    if (incidents.length >= MAX_EVENTS) break;
    const recent = rec(item.most_recent_update);
    const statusWord = word(recent.status) ?? word(item.status_impact);
    const sev = word(item.severity);
    const impact: Level =
      (statusWord !== undefined ? STATUS[statusWord] : undefined) ??
      (sev !== undefined ? SEVERITY[sev] : undefined) ??
      'degraded';
    const components = new AffectedList();
    for (const p of budgetedRecs(item.affected_products, budget, MAX_AFFECTED)) {
      const name = label(p.title);
      if (name === undefined) continue;
      const pid = str(p.id);
      components.add(makeAffected(name, pid));
    }
    const locations = Array.isArray(item.currently_affected_locations)
      ? item.currently_affected_locations
      : recent.affected_locations;
    for (const l of budgetedRecs(locations, budget, MAX_AFFECTED)) {
      const lid = str(l.id);
      const name = label(l.title) ?? label(lid);
      if (name === undefined) continue;
      components.add(
        compact<AffectedComponent>({
          name,
          id: lid,
          group: 'Location',
          pop: (lid ?? name).toUpperCase(),
          place: true,
        }),
      );
    }
    const uri = str(item.uri);
    incidents.push(
      compact<StatusEvent>({
        id,
        kind: 'incident',
        title: label(item.external_desc) ?? label(item.service_name) ?? '(untitled)',
        impact,
        state: statusWord ?? 'open',
        active: true,
        startedAt: time(item.begin) ?? time(item.created),
        updatedAt: time(item.modified) ?? time(recent.modified) ?? time(recent.created),
        lastUpdate: bodyText(recent.text),
        url:
          (uri !== undefined ? linkFrom(uri, ctx.pageUrl) : undefined) ??
          (base ? joinUrl(base, `incidents/${encodeURIComponent(id)}`) : undefined),
        components: components.items,
      }),
    );
  }
  const deduped = dedupeEvents(incidents);
  let level: Level = 'operational';
  for (const e of deduped) level = worst(level, e.impact);
  return ok({ level, components: [], incidents: deduped, maintenances: [] });
}

export function parseGcp(body: string, ctx: ParseContext): ParseResult {
  const json = parseJson(body);
  return json.ok ? parseGcpValue(json.value, ctx) : json.result;
}
