/**
 * Stripe, `<page>/current` (undocumented): `{statuses: {"<service>": "up"|…}, largestatus, message}`.
 * `/current/full` has `{message, UptimeStatus}`; both spellings are accepted, and `statuses` may
 * also be an array of `{name, status}`.
 *
 * Choices:
 * - up → operational, degraded → degraded, down → major_outage, maintenance → maintenance;
 *   pending/paused and unknown words → `unknown` for a service (the level roll-up ignores them).
 * - Level = `largestatus` (or `UptimeStatus`); when missing or unknown, the worst service.
 * - The feed has no incident list: when the level is not operational, one incident is
 *   synthesised from `message` (id "current", affected = the services not up), linking to the
 *   page URL.
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
  str,
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
    compact({ level: overall, description: label(message), components, incidents, maintenances: [] }),
  );
}

export function parseStripe(body: string, ctx: ParseContext): ParseResult {
  const json = parseJson(body);
  return json.ok ? parseStripeValue(json.value, ctx) : json.result;
}
