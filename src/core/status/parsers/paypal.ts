/**
 * PayPal, `<page>/api/v1/components`: `{result:[{id, name, category:{name: product|api},
 * status:{production, sandbox}}]}` (a bare array is accepted too).
 *
 * Choices:
 * - Only `status.production` counts (sandbox trouble does not affect visitors of a site).
 * - operational and informational → operational, under_maintenance → maintenance,
 *   service_disruption → degraded, service_outage → major_outage; other words are guessed,
 *   else `unknown`.
 * - Components = the entries, grouped by category name. Level = worst component; `unknown`
 *   when none is readable. The feed has no incidents.
 */
import type { Component, Level, ParseResult } from '../model.ts';
import {
  fail,
  guessLevel,
  isRec,
  label,
  MAX_COMPONENTS,
  makeComponent,
  ok,
  type ParseContext,
  parseJson,
  rec,
  recs,
  rollUp,
  str,
  word,
} from './util.ts';

const STATUS: Readonly<Record<string, Level>> = {
  operational: 'operational',
  informational: 'operational',
  under_maintenance: 'maintenance',
  service_disruption: 'degraded',
  service_outage: 'major_outage',
};

export function parsePaypalValue(root: unknown, _ctx: ParseContext): ParseResult {
  const list = Array.isArray(root) ? root : isRec(root) ? root.result : undefined;
  if (!Array.isArray(list)) return fail('not a PayPal components list (no result array)');
  const components: Component[] = [];
  const ids = new Set<string>();
  for (const c of recs(list, MAX_COMPONENTS)) {
    const name = label(c.name);
    if (name === undefined) continue;
    const id = str(c.id) ?? name;
    if (ids.has(id)) continue;
    ids.add(id);
    const raw = word(rec(c.status).production) ?? word(c.status);
    const level = raw === undefined ? 'unknown' : (STATUS[raw] ?? guessLevel(raw) ?? 'unknown');
    components.push(makeComponent(id, name, level, label(rec(c.category).name)));
  }
  const known = components.filter((c) => c.level !== 'unknown');
  return ok({
    level: known.length > 0 ? rollUp(known, [], []) : 'unknown',
    components,
    incidents: [],
    maintenances: [],
  });
}

export function parsePaypal(body: string, ctx: ParseContext): ParseResult {
  const json = parseJson(body);
  return json.ok ? parsePaypalValue(json.value, ctx) : json.result;
}
