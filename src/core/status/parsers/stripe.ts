/**
 * Stripe, `<page>/current` (undocumented): `{statuses: {"<service>": "up"|…}, largestatus, message,
 * time: "February 09, 2024 @ 06:08PM +00:00"}`. `/current/full` has `{message, UptimeStatus}`;
 * both spellings are accepted, and `statuses` may also be an array of `{name, status}`.
 * This file has not changed since 2024-02-09 (its `time` and Last-Modified; status.stripe.com
 * itself became a script-rendered page with no JSON API): freshness.ts reads `time` and calls it
 * stale rather than "operational".
 *
 * Choices:
 * - up → operational, degraded → degraded, down → major_outage, maintenance → maintenance;
 *   pending/paused and unknown words → `unknown` for a service (the level roll-up ignores them).
 * - Level = `largestatus` (or `UptimeStatus`); when missing or unknown, the worst service.
 * - The feed has no incident list: when the level is not operational, one incident is
 *   synthesised from `message` (id "current", affected = the services not up), linking to the
 *   page URL.
 * - `time` (Stripe's own "Month DD, YYYY @ HH:MMAM/PM +HH:MM", or any ISO date) → `updatedAt`.
 */
import type { Component, Level, ParseResult, StatusEvent } from '../model.ts';
import {
  bodyText,
  compact,
  fail,
  guessLevel,
  isRec,
  label,
  MAX_COMPONENTS,
  makeAffected,
  makeComponent,
  ok,
  type ParseContext,
  parseJson,
  recs,
  rollUp,
  safeUrl,
  saneTime,
  str,
  time,
  word,
} from './util.ts';

const STATUS: Readonly<Record<string, Level>> = {
  up: 'operational',
  degraded: 'degraded',
  down: 'major_outage',
  maintenance: 'maintenance',
  pending: 'unknown',
  paused: 'unknown',
};

function level(raw: string | undefined): Level | undefined {
  return raw === undefined ? undefined : (STATUS[raw] ?? guessLevel(raw));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const STRIPE_TIME =
  /^\s*([A-Za-z]{3})[a-z]*\.? (\d{1,2}), (\d{4}) @ (\d{1,2}):(\d{2}) ?([AP]M) ?([+-])(\d{2}):?(\d{2})\s*$/i;

/** "February 09, 2024 @ 06:08PM +00:00" → epoch ms (Date.parse does not read it). */
export function stripeTime(value: unknown): number | undefined {
  const raw = str(value);
  if (raw === undefined || raw.length > 64) return undefined;
  const m = STRIPE_TIME.exec(raw);
  if (!m) return time(raw);
  const [, mon, day, year, hour, minute, ampm, sign, oh, om] = m;
  const month = MONTHS.indexOf((mon ?? '').toLowerCase());
  const h12 = Number(hour) % 12;
  const h = ampm?.toUpperCase() === 'PM' ? h12 + 12 : h12;
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000;
  const at = Date.UTC(Number(year), month, Number(day), h, Number(minute)) - offset;
  return month >= 0 ? saneTime(at) : undefined;
}

export function parseStripeValue(root: unknown, ctx: ParseContext): ParseResult {
  if (
    !isRec(root) ||
    (root.statuses === undefined && root.largestatus === undefined && root.UptimeStatus === undefined)
  ) {
    return fail('not a Stripe status (no statuses or largestatus)');
  }
  const components: Component[] = [];
  if (isRec(root.statuses)) {
    for (const [name, value] of Object.entries(root.statuses).slice(0, MAX_COMPONENTS)) {
      const n = label(name);
      if (n !== undefined) components.push(makeComponent(n, n, level(word(value)) ?? 'unknown'));
    }
  } else {
    for (const s of recs(root.statuses, MAX_COMPONENTS)) {
      const n = label(s.name);
      if (n !== undefined) components.push(makeComponent(n, n, level(word(s.status)) ?? 'unknown'));
    }
  }
  const rawTop = word(root.largestatus) ?? word(root.UptimeStatus);
  const stated = level(rawTop);
  const overall: Level =
    stated !== undefined && stated !== 'unknown'
      ? stated
      : components.length > 0
        ? rollUp(components, [], [])
        : 'unknown';
  const message = bodyText(root.message);
  const incidents: StatusEvent[] = [];
  if (overall !== 'operational' && overall !== 'unknown' && overall !== 'maintenance') {
    incidents.push(
      compact<StatusEvent>({
        id: 'current',
        kind: 'incident',
        title: label(message) ?? 'Stripe reports a problem',
        impact: overall,
        state: str(rawTop) ?? 'degraded',
        active: true,
        lastUpdate: message,
        url: safeUrl(ctx.pageUrl),
        components: components
          .filter((c) => c.level !== 'operational')
          .map((c) => makeAffected(c.name, c.id)),
      }),
    );
  }
  return ok(
    compact({
      level: overall,
      description: label(message),
      components,
      incidents,
      maintenances: [],
      updatedAt: stripeTime(root.time),
    }),
  );
}

export function parseStripe(body: string, ctx: ParseContext): ParseResult {
  const json = parseJson(body);
  return json.ok ? parseStripeValue(json.value, ctx) : json.result;
}
