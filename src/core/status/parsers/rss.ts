/**
 * RSS 2.0, RSS 1.0 and Atom incident feeds (Fastly's StatusCast feed, Azure's status feed,
 * Statuspage `history.rss|atom`…). A feed is a list of posts, not a state, so the state is
 * inferred:
 * - Which posts describe the present: in a feed that lists only current issues
 *   (ctx.listsCurrent, Azure) every item, whatever its date, each item its own issue; in a log of
 *   posts, the posts dated within the last 24 h (RSS_WINDOW_MS; pubDate / updated / published /
 *   dc:date relative to ctx.now; up to RSS_MAX_AHEAD_MS in the future counts as recent),
 *   grouped per incident (guid/id, Fastly's `/<incident>/<post>` guids folded to the incident,
 *   else link, else title), the newest post of each group deciding.
 * - A post of a log that cannot be placed in time — no date, one Date.parse cannot read, or one
 *   more than RSS_MAX_AHEAD_MS ahead (a 2099 post would otherwise be "current" until 2099) — is
 *   neither ignored (it may be today's outage) nor counted as current (an old one would be an
 *   outage forever): unless its own words say it is over, the feed is unparseable, so the
 *   provider reads "unknown", with the post's title in the reason.
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
  type WorkBudget,
  withBudget,
} from './util.ts';

/** How far back a post still describes the present. */
export const RSS_WINDOW_MS = 24 * 60 * 60 * 1000;
/**
 * How far ahead of the clock a post's date may be and still be read: time zones put a
 * mislabelled local time at most 14 h off, plus the feed server's and the user's clock skew.
 */
export const RSS_MAX_AHEAD_MS = 24 * 60 * 60 * 1000;
const MAX_ITEMS = 500;

function local(name: string): string {
  const i = name.lastIndexOf(':');
  return (i >= 0 ? name.slice(i + 1) : name).toLowerCase();
}

/** An element's child elements by local name, walked once (and counted against the budget). */
type Children = ReadonlyMap<string, readonly XmlElement[]>;

function childrenOf(el: XmlElement, budget: WorkBudget): Children {
  budget.spend(el.children.length);
  const out = new Map<string, XmlElement[]>();
  for (const c of el.children) {
    if (!(c instanceof XmlElement)) continue;
    const name = local(c.name);
    const list = out.get(name);
    if (list) list.push(c);
    else out.set(name, [c]);
  }
  return out;
}

function textOf(children: Children, names: readonly string[]): string | undefined {
  for (const n of names) {
    for (const k of children.get(n) ?? []) {
      const t = str(k.text);
      if (t !== undefined) return t;
    }
  }
  return undefined;
}

function linkOf(children: Children): string | undefined {
  for (const l of children.get('link') ?? []) {
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

/** The post's own words say it is over. */
function saysOver(title: string, text: string | undefined): boolean {
  return RESOLVED_TITLE.test(title) || RESOLVED_TEXT.test((text ?? '').slice(0, 240));
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
  const top = root;
  return withBudget((budget) => readFeed(top, ctx, budget), ctx.workBudget);
}

function readFeed(root: XmlElement, ctx: ParseContext, budget: WorkBudget): ParseResult {
  const rootName = local(root.name);
  let items: readonly XmlElement[];
  let feedUpdated: number | undefined;
  if (rootName === 'rss') {
    const channel = childrenOf(root, budget).get('channel')?.[0];
    if (!channel) return fail('RSS without a channel');
    const children = childrenOf(channel, budget);
    items = children.get('item') ?? [];
    feedUpdated = time(textOf(children, ['lastbuilddate', 'pubdate']));
  } else if (rootName === 'feed') {
    const children = childrenOf(root, budget);
    items = children.get('entry') ?? [];
    feedUpdated = time(textOf(children, ['updated']));
  } else if (rootName === 'rdf') {
    items = childrenOf(root, budget).get('item') ?? [];
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
    const children = childrenOf(item, budget);
    const stated = time(textOf(children, ['pubdate', 'updated', 'published', 'date', 'issued', 'modified']));
    const at = stated !== undefined && stated <= ctx.now + RSS_MAX_AHEAD_MS ? stated : undefined;
    const title = label(textOf(children, ['title'])) ?? '(untitled)';
    const text = bodyText(textOf(children, ['description', 'summary', 'content', 'encoded']));
    if (!current && at === undefined) {
      if (saysOver(title, text)) continue;
      return fail(`a post cannot be placed in time (no readable date, or one far ahead): "${title}"`);
    }
    if (!current && at !== undefined && at < since) continue;
    const link = linkOf(children);
    const guid = textOf(children, ['guid', 'id']);
    // A feed of current issues lists each issue once; a log folds posts onto their incident.
    const key = current ? (guid ?? link ?? `${title}#${index}`) : incidentKey(guid, link, title);
    const categories: string[] = [];
    for (const c of (children.get('category') ?? []).slice(0, MAX_CATEGORIES)) {
      const name = label(c.text) ?? label(c.attributes.term);
      if (name !== undefined && !categories.includes(name)) categories.push(name);
    }
    const entry: Entry = { key, title, at, link, text, categories };
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
    if (saysOver(e.title, e.text)) continue;
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
