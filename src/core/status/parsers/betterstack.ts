/**
 * Better Stack (Better Uptime) status pages, `<page>/index.json` (JSON:API):
 * `data.attributes.aggregate_state` ∈ operational | degraded | downtime | maintenance;
 * `included[]` holds `status_page_section` (name), `status_page_resource` (public_name, status,
 * status_page_section_id), `status_report` (title, report_type, starts_at, ends_at,
 * aggregate_state, affected_resources[{status_page_resource_id, status}]) and `status_update`
 * (message, published_at, status_report_id).
 *
 * Choices:
 * - operational → operational, degraded → degraded, downtime → major_outage,
 *   maintenance → maintenance; a resource with another word is guessed from it, else `unknown`.
 * - Resources are the components, grouped by their section's name.
 * - Reports with report_type "maintenance" are maintenances (active when starts_at ≤ now <
 *   ends_at, scheduled when they start later); the others are incidents, dropped once their
 *   aggregate_state is "resolved" or their ends_at has passed. Incident impact = the report's
 *   aggregate_state, at least degraded.
 * - Links: built from the page URL, `<pageUrl>/incident/<report id>` (the feed has no URL).
 */
import type { Component, Level, ParseResult, StatusEvent } from '../model.ts';
import {
  addAffected,
  bodyText,
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
  MAX_EVENTS,
  makeAffected,
  makeComponent,
  ok,
  type ParseContext,
  parseJson,
  type Rec,
  rec,
  recs,
  rollUp,
  safeUrl,
  str,
  time,
  word,
} from './util.ts';

const STATE: Readonly<Record<string, Level>> = {
  operational: 'operational',
  degraded: 'degraded',
  downtime: 'major_outage',
  maintenance: 'maintenance',
};

function stateLevel(raw: string | undefined): Level | undefined {
  return raw === undefined ? undefined : (STATE[raw] ?? guessLevel(raw));
}

/** JSON:API foreign keys may be numbers or strings. */
function ref(value: unknown): string | undefined {
  return str(value);
}

export function parseBetterstackValue(root: unknown, ctx: ParseContext): ParseResult {
  if (!isRec(root) || !isRec(root.data)) return fail('not a Better Stack index.json (no data object)');
  const included = recs(root.included, MAX_COMPONENTS * 2);
  const sections = new Map<string, string>();
  for (const i of included) {
    if (i.type !== 'status_page_section') continue;
    const id = ref(i.id);
    const name = label(rec(i.attributes).name);
    if (id !== undefined && name !== undefined) sections.set(id, name);
  }
  const components: Component[] = [];
  const byId = new Map<string, Component>();
  for (const i of included) {
    if (i.type !== 'status_page_resource') continue;
    const id = ref(i.id);
    const a = rec(i.attributes);
    const name = label(a.public_name) ?? label(a.name);
    if (id === undefined || name === undefined || byId.has(id)) continue;
    const sectionId = ref(a.status_page_section_id);
    const c = makeComponent(
      id,
      name,
      stateLevel(word(a.status)) ?? 'unknown',
      sectionId ? sections.get(sectionId) : undefined,
    );
    components.push(c);
    byId.set(id, c);
    if (components.length >= MAX_COMPONENTS) break;
  }
  const updates = new Map<string, Rec>();
  for (const i of included) {
    if (i.type !== 'status_update') continue;
    const a = rec(i.attributes);
    const reportId = ref(a.status_report_id);
    if (reportId === undefined) continue;
    const prev = updates.get(reportId);
    if (!prev || (time(a.published_at) ?? 0) > (time(prev.published_at) ?? 0)) updates.set(reportId, a);
  }
  const base = safeUrl(ctx.pageUrl);
  const incidents: StatusEvent[] = [];
  const maintenances: StatusEvent[] = [];
  for (const i of included) {
    if (i.type !== 'status_report') continue;
    if (incidents.length + maintenances.length >= MAX_EVENTS) break;
    const id = ref(i.id);
    if (id === undefined) continue;
    const a = rec(i.attributes);
    const isMaint = word(a.report_type) === 'maintenance';
    const state = word(a.aggregate_state) ?? 'unknown';
    const starts = time(a.starts_at);
    const ends = time(a.ends_at);
    const over = state === 'resolved' || (ends !== undefined && ends <= ctx.now);
    if (over) continue;
    const list: ReturnType<typeof makeAffected>[] = [];
    for (const r of recs(a.affected_resources, MAX_AFFECTED)) {
      const known = byId.get(ref(r.status_page_resource_id) ?? '');
      if (known) addAffected(list, makeAffected(known.name, known.id, known.group, known.pop));
    }
    const last = updates.get(id);
    const started = starts === undefined || starts <= ctx.now;
    const event = compact<StatusEvent>({
      id,
      kind: isMaint ? 'maintenance' : 'incident',
      title: label(a.title) ?? '(untitled)',
      impact: isMaint
        ? 'maintenance'
        : (() => {
            const l = stateLevel(state);
            return l !== undefined && l !== 'operational' && l !== 'maintenance'
              ? l
              : incidentFallback(state);
          })(),
      state,
      active: isMaint ? started : true,
      startedAt: started ? starts : undefined,
      scheduledFor: isMaint ? starts : undefined,
      scheduledUntil: isMaint ? ends : undefined,
      updatedAt: last ? time(last.published_at) : undefined,
      lastUpdate: last ? bodyText(last.message) : undefined,
      url: base ? joinUrl(base, `incident/${encodeURIComponent(id)}`) : undefined,
      components: list,
    });
    (isMaint ? maintenances : incidents).push(event);
  }
  const attrs = rec(root.data.attributes);
  const stated = stateLevel(word(attrs.aggregate_state));
  const inc = dedupeEvents(incidents);
  const maint = dedupeEvents(maintenances);
  const hasData = components.length > 0 || inc.length > 0 || maint.length > 0;
  return ok(
    compact({
      level: stated ?? (hasData ? rollUp(components, inc, maint) : 'unknown'),
      components,
      incidents: inc,
      maintenances: maint,
    }),
  );
}

export function parseBetterstack(body: string, ctx: ParseContext): ParseResult {
  const json = parseJson(body);
  return json.ok ? parseBetterstackValue(json.value, ctx) : json.result;
}
