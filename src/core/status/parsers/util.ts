/**
 * Shared, defensive helpers of the feed parsers. Feeds are untrusted input: every accessor
 * checks types, every loop is bounded and counted against the parse's work budget, nothing
 * throws out of a parser.
 */
import {
  type AffectedComponent,
  type Component,
  clipText,
  type Level,
  type ParsedStatus,
  type ParseResult,
  type StatusEvent,
  stripHidden,
  worst,
} from '../model.ts';

/** Context every parser gets: the human page (to build links) and the clock (RSS windows). */
export interface ParseContext {
  /** Base URL of the provider's human status page, no trailing slash needed. */
  readonly pageUrl: string;
  /** Epoch ms. */
  readonly now: number;
  /** The feed lists only current issues (FeedSource.listsCurrent): no recent-posts window. */
  readonly listsCurrent?: boolean | undefined;
  /** Records one parse may visit; WORK_BUDGET unless said otherwise. */
  readonly workBudget?: number | undefined;
}

/**
 * Bodies larger than this are refused before parsing (Cloudflare's summary.json, the largest
 * Statuspage body measured, is ~211 KB; GCP's full-history incidents.json is a few MB).
 */
export const MAX_JSON_CHARS = 16_000_000;
/** RSS/Atom feeds are small; anything larger is not a status feed. */
export const MAX_XML_CHARS = 4_000_000;
/** Bounds on what one parse keeps and walks. */
export const MAX_COMPONENTS = 3000;
export const MAX_EVENTS = 200;
export const MAX_AFFECTED = 300;
export const MAX_UPDATES = 200;
/** Names and titles are short; bodies use clipText's default. */
export const MAX_NAME = 200;

export type Rec = Readonly<Record<string, unknown>>;

export function isRec(value: unknown): value is Rec {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or an empty one (wrong type, null, array). */
export function rec(value: unknown): Rec {
  return isRec(value) ? value : {};
}

/** The value as an array (bounded), or an empty one. */
export function arr(value: unknown, max = MAX_EVENTS): readonly unknown[] {
  if (!Array.isArray(value)) return [];
  return value.length > max ? value.slice(0, max) : value;
}

/** Records of an array only, bounded. */
export function recs(value: unknown, max = MAX_EVENTS): Rec[] {
  return arr(value, max).filter(isRec);
}

/**
 * A non-empty trimmed string, without the characters a feed's text never needs (bidi overrides,
 * controls: model.ts stripHidden); numbers are accepted (AWS and ids), other types are not.
 */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const t = stripHidden(value).trim();
    return t.length > 0 ? t : undefined;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** Lower-case enum word, or undefined. */
export function word(value: unknown): string | undefined {
  const s = str(value);
  return s === undefined ? undefined : s.toLowerCase();
}

/** A short plain-text label (component and event names). */
export function label(value: unknown, max = MAX_NAME): string | undefined {
  const s = str(value);
  if (s === undefined) return undefined;
  const t = clipText(plainText(s), max);
  return t.length > 0 ? t : undefined;
}

/** A body of text, plain and clipped with the model's limit. */
export function bodyText(value: unknown): string | undefined {
  const s = typeof value === 'string' ? value : undefined;
  if (s === undefined) return undefined;
  // Bound the work before regexes run on a hostile 50 MB string.
  const t = clipText(plainText(s.length > 20_000 ? s.slice(0, 20_000) : s));
  return t.length > 0 ? t : undefined;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]{2,8});/gi, (all, ref: string) => {
    if (ref[0] === '#') {
      const code =
        ref[1] === 'x' || ref[1] === 'X'
          ? Number.parseInt(ref.slice(2), 16)
          : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[ref.toLowerCase()] ?? all;
  });
}

/**
 * HTML (as found in RSS descriptions and some JSON bodies) → plain text: tags dropped, block
 * boundaries become spaces, the common entities decoded. Not a sanitizer: the result is shown as
 * text, never as markup.
 */
export function plainText(html: string): string {
  if (html.indexOf('<') < 0 && html.indexOf('&') < 0) return html;
  const noTags = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    // Block boundaries separate words; inline tags (<b>, <a>, <span>…) do not.
    .replace(/<\/?(p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|hr|blockquote|pre|section|article)\b[^>]*>/gi, ' ')
    .replace(/<\/?[a-z][^>]*>/gi, '');
  return decodeEntities(noTags);
}

/**
 * The range a feed's time is read in; a value outside it is no time at all (undefined), never
 * moved to a bound, which would invent a date. Checked where every parser reads a time (time,
 * epochSeconds, and the parsers' own sums), so nothing downstream (sorting, freshness, the
 * popup's `toISOString` and `Intl` formats, which throw a RangeError past ±8.64e15 ms) ever sees
 * an out-of-range number.
 * - EARLIEST_TIME_MS, 2000-01-01: no status feed we read has a post from before it (Statuspage
 *   dates from 2013, the AWS dashboard from 2008); below it lie 0, negative numbers and epoch
 *   seconds mistaken for milliseconds (1.7e9 ms is 20 January 1970).
 * - LATEST_TIME_MS, 2100-01-01: far past any announced maintenance (weeks, at most months
 *   ahead) and far inside what Date and Intl format: a `scheduled_for` of 1e20 is not a date.
 */
export const EARLIEST_TIME_MS = Date.UTC(2000, 0, 1);
export const LATEST_TIME_MS = Date.UTC(2100, 0, 1);

/** The number as epoch ms when it is a time in the sane range, else undefined. */
export function saneTime(ms: number | undefined): number | undefined {
  return ms !== undefined && Number.isFinite(ms) && ms >= EARLIEST_TIME_MS && ms < LATEST_TIME_MS
    ? ms
    : undefined;
}

/** An ISO-8601 / RFC-822 date string → epoch ms; numbers are epoch ms. Only sane times. */
export function time(value: unknown): number | undefined {
  if (typeof value === 'number') return saneTime(value);
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return undefined;
  return saneTime(Date.parse(value));
}

/** Epoch seconds as a number or a numeric string (AWS) → epoch ms. Only sane times. */
export function epochSeconds(value: unknown): number | undefined {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\s*\d{1,12}(\.\d+)?\s*$/.test(value)
        ? Number(value)
        : Number.NaN;
  return Number.isFinite(n) ? saneTime(Math.round(n * 1000)) : undefined;
}

/**
 * A component. `pop` only when the feed's structure states the place (AWS regions): names are
 * read for places by the catalog's location schemes (status/relevance.ts), not here.
 */
export function makeComponent(
  id: string,
  name: string,
  level: Level,
  group?: string,
  pop?: string,
): Component {
  return compact<Component>({ id, name, level, group, pop });
}

export function makeAffected(name: string, id?: string, group?: string, pop?: string): AffectedComponent {
  return compact<AffectedComponent>({ name, id, group, pop });
}

/**
 * The components an event names, each once: an entry with the id of one already there (or,
 * without an id, its name) is a duplicate, which still fills in a group or pop the first entry
 * lacked. Indexed, so adding is constant time (a hostile event names 60,000 components); at most
 * MAX_AFFECTED are kept.
 */
export class AffectedList {
  readonly items: AffectedComponent[] = [];
  private readonly byId = new Map<string, number>();
  private readonly byName = new Map<string, number>();

  add(a: AffectedComponent): void {
    const at = a.id !== undefined ? this.byId.get(a.id) : this.byName.get(a.name);
    if (at === undefined) {
      if (this.items.length >= MAX_AFFECTED) return;
      const index = this.items.push(a) - 1;
      if (a.id !== undefined) this.byId.set(a.id, index);
      if (!this.byName.has(a.name)) this.byName.set(a.name, index);
      return;
    }
    const b = this.items[at];
    if (
      b &&
      ((b.group === undefined && a.group !== undefined) || (b.pop === undefined && a.pop !== undefined))
    ) {
      this.items[at] = compact<AffectedComponent>({ ...b, group: b.group ?? a.group, pop: b.pop ?? a.pop });
    }
  }
}

/**
 * How many records (components, events, updates, affected entries, list items) one parse of one
 * feed may visit. Every recorded real payload reads within a tenth of it (hardening.test.ts);
 * Cloudflare's full component list, the largest Statuspage body (243 KB), has ~490 components
 * (~360 datacenters, ~119 products, their groups), so an incident naming every one of them in
 * each of 100 updates still fits. A body that needs more is hostile or broken and reads as
 * unparseable (unknown) — never read halfway, which could miss the one open incident and say
 * "operational". With every loop also bounded on its own, a parse is linear in its input.
 */
export const WORK_BUDGET = 100_000;

class WorkBudgetExceeded extends Error {}

/** The records one parse may still visit (WORK_BUDGET). */
export class WorkBudget {
  private used = 0;

  constructor(private readonly limit = WORK_BUDGET) {}

  /** Counts `n` more records; past the limit, the parse stops (withBudget turns it into a failure). */
  spend(n = 1): void {
    this.used += n;
    if (this.used > this.limit) throw new WorkBudgetExceeded();
  }

  /** Records visited so far. */
  get spent(): number {
    return this.used;
  }
}

/** Runs one parse with its own budget: over budget, the feed is unparseable. */
export function withBudget(parse: (budget: WorkBudget) => ParseResult, limit = WORK_BUDGET): ParseResult {
  try {
    return parse(new WorkBudget(limit));
  } catch (error) {
    if (error instanceof WorkBudgetExceeded) {
      return fail(`feed too complex (more than ${limit} records to read)`);
    }
    throw error;
  }
}

/** Records of an array only, bounded, each counted against the parse's budget. */
export function budgetedRecs(value: unknown, budget: WorkBudget, max = MAX_EVENTS): Rec[] {
  const list = arr(value, max);
  budget.spend(list.length);
  return list.filter(isRec);
}

/**
 * Best-effort level of an enum word a parser does not know (a new Statuspage status, a renamed
 * Instatus impact…). `undefined` when the word says nothing recognisable.
 */
export function guessLevel(raw: string | undefined): Level | undefined {
  if (raw === undefined) return undefined;
  const w = raw.toLowerCase();
  if (/maint/.test(w)) return 'maintenance';
  if (/major|full|critical|down|offline|unavailable|severe/.test(w)) return 'major_outage';
  if (/partial|outage|disrupt/.test(w)) return 'partial_outage';
  if (/degrad|minor|slow|issue|incident|warn|elevated|yellow/.test(w)) return 'degraded';
  if (/^(operational|ok|up|none|green|normal|available|resolved|healthy)$/.test(w)) return 'operational';
  return undefined;
}

/**
 * Level of an incident whose impact word is unknown or missing: never silently `operational` —
 * an incident exists, so at least `degraded`.
 */
export function incidentFallback(raw: string | undefined): Level {
  const g = guessLevel(raw);
  return g === undefined || g === 'operational' || g === 'unknown' || g === 'maintenance' ? 'degraded' : g;
}

/** Keeps one event per id: the most recently updated one (first seen on a tie). */
export function dedupeEvents(events: readonly StatusEvent[]): StatusEvent[] {
  const byId = new Map<string, StatusEvent>();
  for (const e of events) {
    const prev = byId.get(e.id);
    if (!prev || (e.updatedAt ?? Number.NEGATIVE_INFINITY) > (prev.updatedAt ?? Number.NEGATIVE_INFINITY)) {
      byId.set(e.id, e);
    }
  }
  return [...byId.values()];
}

/** Worst level among active incidents' impacts, in-progress maintenances and components. */
export function rollUp(
  components: readonly Component[],
  incidents: readonly StatusEvent[],
  maintenances: readonly StatusEvent[],
): Level {
  let level: Level = 'operational';
  for (const c of components) if (c.level !== 'unknown') level = worst(level, c.level);
  for (const e of incidents) if (e.active) level = worst(level, e.impact);
  for (const m of maintenances) if (m.active) level = worst(level, 'maintenance');
  return level;
}

export function fail(detail: string): ParseResult {
  return { ok: false, reason: 'unparseable', detail: clipText(detail, 200) };
}

export function ok(status: ParsedStatus): ParseResult {
  return { ok: true, status };
}

/** Strips undefined optional fields so results compare and serialise cleanly. */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

export type JsonResult =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly result: ParseResult };

/**
 * JSON.parse with the checks every JSON feed needs: a size cap (bounded work on a 50 MB body),
 * a BOM, and an HTML error page (a captive portal, a CDN error, a login wall) recognised as such.
 */
export function parseJson(body: string): JsonResult {
  if (typeof body !== 'string') return { ok: false, result: fail('body is not text') };
  if (body.length > MAX_JSON_CHARS) {
    return { ok: false, result: fail(`body too large (${body.length} chars, limit ${MAX_JSON_CHARS})`) };
  }
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  const head = text.slice(0, 64).trimStart();
  if (head.length === 0) return { ok: false, result: fail('empty body') };
  if (head[0] === '<') return { ok: false, result: fail('HTML or XML instead of JSON') };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      result: fail(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`),
    };
  }
}

/** `base` + `/` + `path` without doubled slashes. */
export function joinUrl(base: string, path: string): string {
  const b = base.endsWith('/') ? base.slice(0, -1) : base;
  const p = path.startsWith('/') ? path.slice(1) : path;
  return `${b}/${p}`;
}

const MAX_URL = 2048;

/**
 * Keeps only plain http(s) URLs: a feed must not be able to plant a `javascript:` link, nor one
 * that shows one host and opens another (`https://status.example.com@evil.example/` is a login
 * "status.example.com" at evil.example: any user name or password is refused), nor one disguised
 * by whitespace, controls or bidi overrides.
 */
export function safeUrl(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (s.length === 0 || s.length > MAX_URL || /\s/.test(s) || stripHidden(s) !== s) return undefined;
  if (!/^https?:\/\//i.test(s)) return undefined;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return undefined;
  }
  if (url.username !== '' || url.password !== '' || url.hostname === '') return undefined;
  return s;
}

/** Resolves a relative link against the page URL; absolute http(s) links pass through. */
export function linkFrom(value: unknown, pageUrl: string): string | undefined {
  const abs = safeUrl(value);
  if (abs) return abs;
  const s = typeof value === 'string' ? value.trim() : undefined;
  if (s === undefined || s.length === 0 || /^[a-z][a-z0-9+.-]*:/i.test(s) || /^[/\\]{2}/.test(s))
    return undefined;
  return safeUrl(pageUrl) ? safeUrl(joinUrl(pageUrl, s)) : undefined;
}
