/**
 * RSS 2.0, RSS 1.0 and Atom incident feeds (Fastly's StatusCast feed, Azure's status feed,
 * Statuspage `history.rss|atom`…). A feed is a list of posts, not a state, so the state is
 * inferred:
 * - Which posts describe the present: in a feed that lists only current issues
 *   (ctx.listsCurrent, Azure) every item, whatever its date, each item its own issue; in a log of
 *   posts, the posts dated within the last 24 h (RSS_WINDOW_MS; pubDate / updated / published /
 *   dc:date relative to ctx.now; future dates count as recent, undated posts are ignored),
 *   grouped per incident (guid/id, Fastly's `/<incident>/<post>` guids folded to the incident,
 *   else link, else title), the newest post of each group deciding.
 * - Over: the title says resolved/completed/restored/mitigated, or the head of the text does
 *   ("Resolved - …", "This incident has been resolved", "we have completed our scheduled
 *   maintenance", "now working normally").
 * - Maintenance: the title or text head says so; active when the text says in progress/underway/
 *   started, else scheduled.
 * - Impact of the rest, the worse of what its title and the head of its text say: partial_outage
 *   for outage/down/unavailable/offline/connectivity/failures/timeouts/not serving; degraded for
 *   degraded/errors/delays/latency/slow/intermittent/issues/elevated. A post whose title calls
 *   it guidance/advisory/notice/informational (and names no outage), or that names no problem at
 *   all, is information (impact `operational`: shown, raising no level).
 * - Components: the item's `<category>` elements (Azure lists the services and regions an item
 *   concerns there). Which names are places, and which titles name a datacenter ("Ashburn
 *   (IAD)"), is the provider's naming convention, kept in its catalog entry.
 * - Links: the entry's link (Atom: rel="alternate" or no rel), resolved against the page URL;
 *   else the page URL. `updatedAt` = the channel's lastBuildDate (else pubDate) or Atom `updated`.
 *
 * Parsing uses @rgrove/parse-xml (no DOM needed, works in a service worker). It never expands
 * entities declared in a DTD (only the five XML ones and character references), so an
 * entity-expansion bomb stays inert text; input is capped at MAX_XML_CHARS.
 */
import { parseXml, XmlElement } from '@rgrove/parse-xml';
import { type AffectedComponent, type Level, type ParseResult, type StatusEvent, worst } from '../model.ts';
import {
  bodyText,
  compact,
  fail,
  label,
  linkFrom,
  MAX_AFFECTED,
  MAX_XML_CHARS,
  makeAffected,
  ok,
  type ParseContext,
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
  readonly at: number | undefined;
  readonly link?: string | undefined;
  readonly text?: string | undefined;
  readonly categories: readonly string[];
}

const RESOLVED_TITLE = /\[resolved\]|\b(resolved|completed|restored|mitigated)\b/i;
const RESOLVED_TEXT =
  /\b(resolved|completed|postmortem)\s*[-–—:]|this (incident|issue|event) (has been|is now|was) (resolved|mitigated)|maintenance (has been |is |was )?completed|\b(have|has) completed (our|the) (scheduled )?maintenance|\bnow (working|operating) normally\b/i;
const MAINTENANCE = /\bmaint(enance)?\b/i;
const MAINT_ACTIVE = /\b(in progress|underway|has (begun|started)|is being performed|started)\b/i;
const OUTAGE =
  /\b(outages?|down|unavailable|offline|connectivity|failures?|failing|timeouts?|unreachable|not serving)\b/i;
const DEGRADED =
  /\b(degraded|degradation|errors?|delays?|delayed|latency|latencies|slow(ness)?|intermittent(ly)?|issues?|problems?|elevated|increased|disruptions?|impact(ed)?)\b/i;
const INFORMATION = /\b(guidance|advisory|notice|notification|informational|update to)\b/i;
const MAX_CATEGORIES = 60;

function wordsLevel(text: string): Level {
  return OUTAGE.test(text) ? 'partial_outage' : DEGRADED.test(text) ? 'degraded' : 'operational';
}

/**
 * The impact a post's words state: the worse of its title's and its text head's, unless the title
 * calls the post information and names no outage ("CrowdStrike Falcon agent guidance").
 */
function impactOf(title: string, textHead: string): Level {
  if (INFORMATION.test(title) && !OUTAGE.test(title)) return 'operational';
  return worst(wordsLevel(title), wordsLevel(textHead));
}

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
  const current = ctx.listsCurrent === true;
  const groups = new Map<string, { newest: Entry; oldestAt: number | undefined }>();
  for (const [index, item] of items.slice(0, MAX_ITEMS).entries()) {
    const at = time(textOf(item, ['pubdate', 'updated', 'published', 'date', 'issued', 'modified']));
    if (!current && (at === undefined || at < since)) continue;
    const title = label(textOf(item, ['title'])) ?? '(untitled)';
    const link = linkOf(item);
    const guid = textOf(item, ['guid', 'id']);
    // A feed of current issues lists each issue once; a log folds posts onto their incident.
    const key = current ? (guid ?? link ?? `${title}#${index}`) : incidentKey(guid, link, title);
    const categories: string[] = [];
    for (const c of kids(item, 'category').slice(0, MAX_CATEGORIES)) {
      const name = label(c.text) ?? label(c.attributes.term);
      if (name !== undefined && !categories.includes(name)) categories.push(name);
    }
    const entry: Entry = {
      key,
      title,
      at,
      link,
      text: bodyText(textOf(item, ['description', 'summary', 'content', 'encoded'])),
      categories,
    };
    const g = groups.get(key);
    if (!g) groups.set(key, { newest: entry, oldestAt: at });
    else {
      if ((at ?? 0) > (g.newest.at ?? 0)) g.newest = entry;
      if (at !== undefined && (g.oldestAt === undefined || at < g.oldestAt)) g.oldestAt = at;
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
    const impact: Level = isMaint ? 'maintenance' : impactOf(e.title, (e.text ?? '').slice(0, 600));
    const components: AffectedComponent[] = e.categories
      .slice(0, MAX_AFFECTED)
      .map((name) => makeAffected(name));
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
      components,
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
