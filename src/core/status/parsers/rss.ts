/**
 * RSS 2.0, RSS 1.0 and Atom incident feeds (Fastly's StatusCast feed, Azure's status feed,
 * Statuspage `history.rss|atom`, Cloudflare's v3 feeds…). A feed is a list of posts, not a state,
 * so the state is inferred:
 * - Only entries dated within the last 24 h (pubDate / updated / published / dc:date, relative to
 *   ctx.now; future dates count as recent, undated entries are ignored) are considered.
 * - Entries are grouped per incident (guid/id, Fastly's `/<incident>/<post>` guids folded to the
 *   incident, else link, else title) and the newest entry of each group decides: it is over when
 *   its title says resolved/completed/restored/mitigated, or the head of its text does
 *   ("Resolved - …", "This incident has been resolved").
 * - What remains is active. Entries about maintenance (title or text head) are maintenances:
 *   active when the text says in progress/underway/started, else scheduled. The others are
 *   incidents: partial_outage when the title says outage/down/unavailable/offline, else degraded.
 * - A feed with nothing active is operational.
 * - A title carrying a `(XXX)` location code ("Ashburn (IAD)") gives the event an affected
 *   component with that pop.
 * - Links: the entry's link (Atom: rel="alternate" or no rel), resolved against the page URL;
 *   else the page URL.
 *
 * Parsing uses @rgrove/parse-xml (no DOM needed, works in a service worker). It never expands
 * entities declared in a DTD (only the five XML ones and character references), so an
 * entity-expansion bomb stays inert text; input is capped at MAX_XML_CHARS.
 */
import { parseXml, XmlElement } from '@rgrove/parse-xml';
import type { Level, ParseResult, StatusEvent } from '../model.ts';
import {
  bodyText,
  compact,
  fail,
  label,
  linkFrom,
  MAX_XML_CHARS,
  makeAffected,
  ok,
  type ParseContext,
  popOf,
  rollUp,
  safeUrl,
  str,
  time,
} from './util.ts';

/** How far back a post still describes the present. */
export const RSS_WINDOW_MS = 24 * 60 * 60 * 1000;
const MAX_ITEMS = 500;

function local(name: string): string {
  const i = name.lastIndexOf(':');
  return (i >= 0 ? name.slice(i + 1) : name).toLowerCase();
}

function kids(el: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of el.children) {
    if (c instanceof XmlElement && (name === undefined || local(c.name) === name)) out.push(c);
  }
  return out;
}

function textOf(el: XmlElement, names: readonly string[]): string | undefined {
  for (const n of names) {
    for (const k of kids(el, n)) {
      const t = str(k.text);
      if (t !== undefined) return t;
    }
  }
  return undefined;
}

function linkOf(el: XmlElement): string | undefined {
  for (const l of kids(el, 'link')) {
    const href = str(l.attributes.href);
    if (href !== undefined) {
      const rel = l.attributes.rel;
      if (rel === undefined || rel === 'alternate') return href;
      continue;
    }
    const t = str(l.text);
    if (t !== undefined) return t;
  }
  return undefined;
}

interface Entry {
  readonly key: string;
  readonly title: string;
  readonly at: number;
  readonly link?: string | undefined;
  readonly text?: string | undefined;
}

const RESOLVED_TITLE = /\[resolved\]|\b(resolved|completed|restored|mitigated)\b/i;
const RESOLVED_TEXT =
  /\b(resolved|completed|postmortem)\s*[-–—:]|this (incident|issue|event) (has been|is now|was) (resolved|mitigated)|maintenance (has been |is |was )?completed/i;
const MAINTENANCE = /\bmaint(enance)?\b/i;
const MAINT_ACTIVE = /\b(in progress|underway|has (begun|started)|is being performed|started)\b/i;
const OUTAGE = /\b(outage|down|unavailable|offline)\b/i;

/** Fastly guids `/378455/1234567` → the incident part. */
function incidentKey(guid: string | undefined, link: string | undefined, title: string): string {
  if (guid !== undefined) {
    const m = /^\/?(\d+)\/\d+\/?$/.exec(guid);
    return m?.[1] ?? guid;
  }
  return link ?? title;
}

export function parseRss(body: string, ctx: ParseContext): ParseResult {
  if (typeof body !== 'string') return fail('body is not text');
  if (body.length > MAX_XML_CHARS)
    return fail(`feed too large (${body.length} chars, limit ${MAX_XML_CHARS})`);
  const text = body.charCodeAt(0) === 0xfeff ? body.slice(1) : body;
  const head = text.slice(0, 256).trimStart();
  if (head[0] !== '<') return fail('not XML');
  let root: XmlElement | null;
  try {
    root = parseXml(text, { ignoreUndefinedEntities: true }).root;
  } catch (error) {
    return fail(`invalid XML: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!root) return fail('empty XML document');
  const rootName = local(root.name);
  let items: XmlElement[];
  let feedUpdated: number | undefined;
  if (rootName === 'rss') {
    const channel = kids(root, 'channel')[0];
    if (!channel) return fail('RSS without a channel');
    items = kids(channel, 'item');
    feedUpdated = time(textOf(channel, ['lastbuilddate', 'pubdate']));
  } else if (rootName === 'feed') {
    items = kids(root, 'entry');
    feedUpdated = time(textOf(root, ['updated']));
  } else if (rootName === 'rdf') {
    items = kids(root, 'item');
    feedUpdated = undefined;
  } else if (rootName === 'html') {
    return fail('HTML instead of a feed');
  } else {
    return fail(`not an RSS or Atom feed (root <${root.name.slice(0, 40)}>)`);
  }

  const since = ctx.now - RSS_WINDOW_MS;
  const groups = new Map<string, { newest: Entry; oldestAt: number }>();
  for (const item of items.slice(0, MAX_ITEMS)) {
    const at = time(textOf(item, ['pubdate', 'updated', 'published', 'date', 'issued', 'modified']));
    if (at === undefined || at < since) continue;
    const title = label(textOf(item, ['title'])) ?? '(untitled)';
    const link = linkOf(item);
    const guid = textOf(item, ['guid', 'id']);
    const key = incidentKey(guid, link, title);
    const entry: Entry = {
      key,
      title,
      at,
      link,
      text: bodyText(textOf(item, ['description', 'summary', 'content', 'encoded'])),
    };
    const g = groups.get(key);
    if (!g) groups.set(key, { newest: entry, oldestAt: at });
    else {
      if (at > g.newest.at) g.newest = entry;
      if (at < g.oldestAt) g.oldestAt = at;
    }
  }

  const pageUrl = safeUrl(ctx.pageUrl);
  const incidents: StatusEvent[] = [];
  const maintenances: StatusEvent[] = [];
  for (const { newest: e, oldestAt } of groups.values()) {
    const textHead = (e.text ?? '').slice(0, 240);
    if (RESOLVED_TITLE.test(e.title) || RESOLVED_TEXT.test(textHead)) continue;
    const isMaint =
      MAINTENANCE.test(e.title) || /scheduled maintenance|^\W*scheduled\s*[-–—:]/i.test(textHead);
    const impact: Level = isMaint ? 'maintenance' : OUTAGE.test(e.title) ? 'partial_outage' : 'degraded';
    const pop = popOf(e.title);
    const event = compact<StatusEvent>({
      id: e.key,
      kind: isMaint ? 'maintenance' : 'incident',
      title: e.title,
      impact,
      state: isMaint ? (MAINT_ACTIVE.test(textHead) ? 'in_progress' : 'scheduled') : 'active',
      active: isMaint ? MAINT_ACTIVE.test(textHead) : true,
      startedAt: oldestAt,
      updatedAt: e.at,
      lastUpdate: e.text,
      url: (e.link !== undefined ? linkFrom(e.link, ctx.pageUrl) : undefined) ?? pageUrl,
      components: pop !== undefined ? [makeAffected(e.title, undefined, undefined, pop)] : [],
    });
    (isMaint ? maintenances : incidents).push(event);
  }
  return ok(
    compact({
      level: rollUp([], incidents, maintenances),
      components: [],
      incidents,
      maintenances,
      updatedAt: feedUpdated,
    }),
  );
}
