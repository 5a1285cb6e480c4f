import type { Place } from '../core/catalog/places.ts';
import { LEVEL_KEYS } from '../core/levels.ts';
import type { Level, StatusEvent, UnknownReason } from '../core/status/model.ts';
import type { Strings } from './i18n.ts';

/** Live status put into words. Pure: every age is measured against a `now` passed in. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Message key of each reason a status is unknown. */
export const REASON_TEXT: Readonly<Record<UnknownReason, string>> = {
  not_checked: 'reasonNotChecked',
  unreachable: 'reasonUnreachable',
  timed_out: 'reasonTimedOut',
  http_error: 'reasonHttpError',
  too_large: 'reasonTooLarge',
  unparseable: 'reasonUnparseable',
  redirected: 'reasonRedirected',
  stale: 'reasonStale',
};

/** Message key of the state words feeds use (Statuspage, incident.io…); others are shown as sent. */
export const EVENT_STATE_TEXT: Readonly<Record<string, string>> = {
  investigating: 'eventInvestigating',
  identified: 'eventIdentified',
  monitoring: 'eventMonitoring',
  resolved: 'eventResolved',
  scheduled: 'eventScheduled',
  in_progress: 'eventInProgress',
  verifying: 'eventVerifying',
  completed: 'eventCompleted',
};

/** The level in words, as the badge title says it ("major outage"). */
export function levelWords(s: Strings, level: Level): string {
  return s.t(LEVEL_KEYS[level]);
}

/** First letter upper-case, for words that start a line ("Major outage"). */
export function capitalize(s: Strings, text: string): string {
  const first = text.charAt(0);
  return first ? first.toLocaleUpperCase(s.locale) + text.slice(1) : text;
}

/**
 * How long since `from`: "12 min", "3 h", "2 d"; undefined under a minute and for times in the
 * future (a clock ahead of ours), which read "just now" — never a negative age.
 */
export function elapsed(s: Strings, from: number, now: number): string | undefined {
  const ms = now - from;
  if (!(ms >= MINUTE)) return undefined;
  if (ms < HOUR) return s.t('timeMinutes', [s.num(Math.floor(ms / MINUTE))]);
  if (ms < 2 * DAY) return s.t('timeHours', [s.num(Math.floor(ms / HOUR))]);
  return s.t('timeDays', [s.num(Math.floor(ms / DAY))]);
}

/** "12 min" or "just now". */
export function since(s: Strings, from: number, now: number): string {
  return elapsed(s, from, now) ?? s.t('timeJustNow');
}

/** "12 min ago" or "just now". */
export function ago(s: Strings, at: number, now: number): string {
  const time = elapsed(s, at, now);
  return time === undefined ? s.t('timeJustNow') : s.t('timeAgo', [time]);
}

export function reasonText(s: Strings, reason: string): string {
  const key = (REASON_TEXT as Readonly<Record<string, string>>)[reason];
  return s.t(key ?? 'reasonOther');
}

export function eventStateText(s: Strings, state: string): string {
  const key = EVENT_STATE_TEXT[state.toLowerCase()];
  return key ? s.t(key) : state.replace(/_/g, ' ');
}

/** An incident's declared impact in words; "impact not stated" when it declares none. */
export function impactText(s: Strings, impact: Level): string {
  return impact === 'operational' || impact === 'unknown' ? s.t('impactNotStated') : levelWords(s, impact);
}

/** "Paris (CDG)", or the code alone when the city is not known. */
export function placeName(s: Strings, place: Place): string {
  return place.city ? s.t('placeCity', [place.city, place.code]) : place.code;
}

/** Only plain http(s) links from a feed become links (never javascript:, data:…, nor user@host). */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    // `https://status.example.com@evil.example/` opens evil.example: the parsers refuse it too.
    return parsed.username === '' && parsed.password === '' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The page's own datacenters that an event names, in the page's order. */
export function popsOf(event: StatusEvent, pops: readonly Place[]): string[] {
  const named = new Set(event.components.flatMap((c) => (c.pop ? [c.pop.toUpperCase()] : [])));
  return pops.map((p) => p.code).filter((code) => named.has(code.toUpperCase()));
}

/**
 * A time as ISO 8601, or undefined when it is no date. The parsers keep times in 2000–2100, but a
 * status stored by an older version (or a message) may hold any number, and `toISOString` and
 * `Intl` throw a RangeError on one out of range: that would blank the whole popup.
 */
export function isoOf(ms: number | undefined): string | undefined {
  if (ms === undefined || !Number.isFinite(ms)) return undefined;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Short window of a scheduled maintenance, in the messages' language; undefined if no date. */
export function windowText(s: Strings, from: number, until: number | undefined): string | undefined {
  if (isoOf(from) === undefined) return undefined;
  const format = new Intl.DateTimeFormat(s.locale, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  if (until === undefined || isoOf(until) === undefined || until < from) {
    return s.t('maintenanceStarts', [format.format(from)]);
  }
  return format.formatRange(from, until);
}
