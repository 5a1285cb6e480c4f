/**
 * AWS Health Dashboard, `https://health.aws.amazon.com/public/currentevents` (decode with
 * decodeBody: the body is UTF-16BE with a BOM). A JSON array of recent events (`[]` when quiet):
 * `{date: "<epoch s>", arn, region_name, status: "0".."3", service, service_name, summary,
 * event_log[{summary, message, status: <number>, timestamp: <epoch s>}],
 * impacted_services{"<svc>-<region>": {service_name, current: "0".."3", max}}, end_time?}`.
 * Strings and numbers are both accepted for every numeric field.
 *
 * Choices:
 * - Open = no `end_time` and a status other than 0 (and no "[RESOLVED]" title).
 * - Status: the event's `status`, else (when it has none) the latest log entry's, else the
 *   highest impacted service's `current`. 1 → operational (AWS's "informational"), 2 → degraded,
 *   3 → major_outage (AWS's "disruption"); any other value on an open event → degraded. A
 *   `status` of the wrong type (an object, a list, a boolean) is unreadable, not absent: the
 *   event stays open (never closed by its log) at the worst of its impacted services, at least
 *   degraded, and its state says "unreadable".
 * - A list whose entries are not events (none has an arn, a service or a summary: an error
 *   object, HTML in a string) is unparseable, not a quiet dashboard; `[]` is the quiet one.
 * - Affected components: one per impacted service whose `current` is not 0 (a 0 is a service
 *   back to normal while the event goes on), at its `current` level; group = region name
 *   ("Oregon"); pop = the region of the service key, upper-cased (`s3-us-west-2` → US-WEST-2).
 *   A key without a region (`cloudfront`, `route53`, `iam`) is a global service: no pop, never
 *   the event's region (CloudFront listed in a us-east-1 event is CloudFront everywhere). The
 *   same services become components at their `current` level. An event whose impacted services
 *   are all back to 0 is information (impact `operational`).
 * - Without impacted services, the event's own `service` is its one affected component.
 * - Links: AWS gives no per-event link; events link to the page URL (the Health Dashboard).
 */
import type { AffectedComponent, Component, Level, ParseResult, StatusEvent } from '../model.ts';
import { worst } from '../model.ts';
import {
  AffectedList,
  arr,
  bodyText,
  budgetedRecs,
  compact,
  dedupeEvents,
  epochSeconds,
  fail,
  isRec,
  label,
  MAX_AFFECTED,
  MAX_COMPONENTS,
  MAX_EVENTS,
  MAX_UPDATES,
  ok,
  type ParseContext,
  parseJson,
  type Rec,
  rec,
  safeUrl,
  str,
  type WorkBudget,
  withBudget,
} from './util.ts';

const MAX_AWS_EVENTS = 5000;

/** An entry the dashboard writes: an object naming an event (arn), a service or a summary. */
function isEvent(item: unknown): boolean {
  return isRec(item) && (str(item.arn) ?? str(item.service) ?? str(item.summary)) !== undefined;
}

function statusLevel(raw: string | undefined): Level | 'closed' | undefined {
  switch (raw) {
    case undefined:
      return undefined;
    case '0':
      return 'closed';
    case '1':
      return 'operational';
    case '2':
      return 'degraded';
    case '3':
      return 'major_outage';
    default:
      return 'degraded';
  }
}

const REGION_SUFFIX = /-((?:[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d))$/;

/** `s3-us-west-2` → us-west-2; `cloudfront` (a global service) → undefined. */
function regionOfKey(key: string | undefined): string | undefined {
  return key !== undefined ? REGION_SUFFIX.exec(key)?.[1] : undefined;
}

/** The event's region: its own service key's, else the ARN's (`arn:aws:health:us-west-2::…`). */
function regionOfEvent(event: Rec): string | undefined {
  const fromKey = regionOfKey(str(event.service));
  if (fromKey) return fromKey;
  const arn = str(event.arn);
  const m = arn !== undefined ? /^arn:aws:health:([a-z0-9-]{2,30}):/.exec(arn) : null;
  return m?.[1] && m[1] !== 'global' ? m[1] : undefined;
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function parseAwsValue(root: unknown, ctx: ParseContext): ParseResult {
  if (!Array.isArray(root)) return fail('not an AWS currentevents list (not an array)');
  const items = arr(root, MAX_AWS_EVENTS);
  if (items.length > 0 && !items.some(isEvent)) {
    return fail('not an AWS currentevents list (no event in it)');
  }
  return withBudget((budget) => readEvents(items, ctx, budget), ctx.workBudget);
}

function readEvents(items: readonly unknown[], ctx: ParseContext, budget: WorkBudget): ParseResult {
  const link = safeUrl(ctx.pageUrl);
  const incidents: StatusEvent[] = [];
  const compMap = new Map<string, Component>();
  budget.spend(items.length);
  for (const item of items) {
    if (!isRec(item) || !isEmpty(item.end_time)) continue;
    if (incidents.length >= MAX_EVENTS) break;
    const title = label(item.summary) ?? label(item.service_name) ?? '(untitled)';
    if (/^\s*\[resolved\]/i.test(title)) continue;
    const log = budgetedRecs(item.event_log, budget, MAX_UPDATES);
    let last: Rec | undefined;
    let lastAt = Number.NEGATIVE_INFINITY;
    for (const entry of log) {
      const at = epochSeconds(entry.timestamp) ?? Number.NEGATIVE_INFINITY;
      if (last === undefined || at >= lastAt) {
        last = entry;
        lastAt = at;
      }
    }
    const services = Object.entries(rec(item.impacted_services)).slice(0, MAX_AFFECTED);
    budget.spend(services.length);
    let maxCurrent: string | undefined;
    let worstCurrent: Level | undefined;
    for (const [, s] of services) {
      const c = str(rec(s).current);
      if (c !== undefined && (maxCurrent === undefined || c > maxCurrent)) maxCurrent = c;
      const l = statusLevel(c);
      if (l !== undefined && l !== 'closed') worstCurrent = worst(worstCurrent ?? l, l);
    }
    // A status of the wrong type is unreadable, not absent: neither the log nor a service closes
    // the event then, and its impacted services set its level.
    const unreadable = !isEmpty(item.status) && str(item.status) === undefined;
    const stated = unreadable
      ? worst('degraded', worstCurrent ?? 'degraded')
      : (statusLevel(str(item.status) ?? (last ? str(last.status) : undefined) ?? maxCurrent) ?? 'degraded');
    if (stated === 'closed') continue;
    const group = label(item.region_name);
    const affected = new AffectedList();
    let anyCurrent = false;
    for (const [key, s] of services) {
      const svc = rec(s);
      const name = label(svc.service_name) ?? label(key) ?? key;
      const pop = regionOfKey(key)?.toUpperCase();
      const current = statusLevel(str(svc.current));
      const cl: Level = current === undefined ? stated : current === 'closed' ? 'operational' : current;
      if (current !== 'closed') {
        anyCurrent = true;
        affected.add(
          compact<AffectedComponent>({ id: key, name, group: pop ? group : undefined, pop, level: cl }),
        );
      }
      const prev = compMap.get(key);
      if (!prev && compMap.size >= MAX_COMPONENTS) continue;
      compMap.set(
        key,
        compact<Component>({
          id: key,
          name,
          group: pop ? group : undefined,
          pop,
          level: prev ? worst(prev.level, cl) : cl,
        }),
      );
    }
    // Every impacted service is back to normal while the event stays open: information.
    const level: Level = services.length > 0 && !anyCurrent ? 'operational' : stated;
    if (services.length === 0) {
      const name = label(item.service_name) ?? label(item.service);
      const pop = regionOfEvent(item)?.toUpperCase();
      if (name !== undefined)
        affected.add(compact<AffectedComponent>({ id: str(item.service), name, group, pop }));
    }
    const date = epochSeconds(item.date);
    incidents.push(
      compact<StatusEvent>({
        id: str(item.arn) ?? `${str(item.service) ?? 'aws'}-${str(item.date) ?? title}`,
        kind: 'incident',
        title,
        impact: level,
        state: unreadable ? 'unreadable' : 'open',
        active: true,
        startedAt: date,
        updatedAt: Number.isFinite(lastAt) ? lastAt : date,
        lastUpdate: last ? bodyText(last.message) : undefined,
        url: link,
        components: affected.items,
      }),
    );
  }
  const deduped = dedupeEvents(incidents);
  let level: Level = 'operational';
  for (const e of deduped) level = worst(level, e.impact);
  return ok({ level, components: [...compMap.values()], incidents: deduped, maintenances: [] });
}

export function parseAws(body: string, ctx: ParseContext): ParseResult {
  const json = parseJson(body);
  return json.ok ? parseAwsValue(json.value, ctx) : json.result;
}
