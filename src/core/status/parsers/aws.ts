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
 * - Status: the event's `status`, else the latest log entry's, else the highest impacted
 *   service's `current`. 1 → operational (AWS's "informational"), 2 → degraded,
 *   3 → major_outage (AWS's "disruption"); any other value on an open event → degraded.
 * - Affected components: one per impacted service, group = region name ("Oregon"), pop = the
 *   region code upper-cased ("US-WEST-2", from the ARN or the service key). The same services
 *   become components at their `current` level.
 * - Links: AWS gives no per-event link; events link to the page URL (the Health Dashboard).
 */
import type { AffectedComponent, Component, Level, ParseResult, StatusEvent } from '../model.ts';
import { worst } from '../model.ts';
import {
  addAffected,
  arr,
  bodyText,
  compact,
  dedupeEvents,
  epochSeconds,
  fail,
  isRec,
  label,
  MAX_AFFECTED,
  MAX_UPDATES,
  ok,
  type ParseContext,
  parseJson,
  type Rec,
  rec,
  recs,
  safeUrl,
  str,
} from './util.ts';

const MAX_AWS_EVENTS = 5000;

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

/** `arn:aws:health:us-west-2::event/…` → us-west-2. */
function regionOf(event: Rec, serviceKey?: string): string | undefined {
  const arn = str(event.arn);
  const m = arn !== undefined ? /^arn:aws:health:([a-z0-9-]{2,30}):/.exec(arn) : null;
  if (m?.[1]) return m[1];
  const key = serviceKey ?? str(event.service);
  const k = key !== undefined ? /-((?:[a-z]{2}(?:-gov)?-[a-z]+-\d))$/.exec(key) : null;
  return k?.[1];
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function parseAwsValue(root: unknown, ctx: ParseContext): ParseResult {
  if (!Array.isArray(root)) return fail('not an AWS currentevents list (not an array)');
  const link = safeUrl(ctx.pageUrl);
  const incidents: StatusEvent[] = [];
  const compMap = new Map<string, Component>();
  for (const item of arr(root, MAX_AWS_EVENTS)) {
    if (!isRec(item) || !isEmpty(item.end_time)) continue;
    const title = label(item.summary) ?? label(item.service_name) ?? '(untitled)';
    if (/^\s*\[resolved\]/i.test(title)) continue;
    const log = recs(item.event_log, MAX_UPDATES);
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
    let maxCurrent: string | undefined;
    for (const [, s] of services) {
      const c = str(rec(s).current);
      if (c !== undefined && (maxCurrent === undefined || c > maxCurrent)) maxCurrent = c;
    }
    const level =
      statusLevel(str(item.status) ?? (last ? str(last.status) : undefined) ?? maxCurrent) ?? 'degraded';
    if (level === 'closed') continue;
    const region = regionOf(item);
    const pop = region?.toUpperCase();
    const group = label(item.region_name);
    const affected: AffectedComponent[] = [];
    for (const [key, s] of services) {
      const svc = rec(s);
      const name = label(svc.service_name) ?? label(key) ?? key;
      const svcRegion = regionOf(item, key)?.toUpperCase() ?? pop;
      addAffected(affected, compact<AffectedComponent>({ id: key, name, group, pop: svcRegion }));
      const current = statusLevel(str(svc.current));
      const cl: Level = current === undefined ? level : current === 'closed' ? 'operational' : current;
      const prev = compMap.get(key);
      compMap.set(
        key,
        compact<Component>({
          id: key,
          name,
          group,
          pop: svcRegion,
          level: prev ? worst(prev.level, cl) : cl,
        }),
      );
    }
    if (affected.length === 0) {
      const name = label(item.service_name) ?? label(item.service);
      if (name !== undefined)
        addAffected(affected, compact<AffectedComponent>({ id: str(item.service), name, group, pop }));
    }
    const date = epochSeconds(item.date);
    incidents.push(
      compact<StatusEvent>({
        id: str(item.arn) ?? `${str(item.service) ?? 'aws'}-${str(item.date) ?? title}`,
        kind: 'incident',
        title,
        impact: level,
        state: 'open',
        active: true,
        startedAt: date,
        updatedAt: Number.isFinite(lastAt) ? lastAt : date,
        lastUpdate: last ? bodyText(last.message) : undefined,
        url: link,
        components: affected,
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
