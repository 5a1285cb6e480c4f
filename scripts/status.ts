/**
 * `npm run status -- --provider <id> [--pop CDG] [--host h] [--file saved-body] [--kind <feed kind>]
 * [--url <status page>] [--now <ISO time>] [--json]`: how Faultline reads a provider's status page
 * for a page that uses the provider (served from `--pop`, through `--host`): the level, the
 * incidents and maintenances it shows and why, the ones it ignores and why, or why the status is
 * unknown. It reads exactly as the extension does, with the same core functions: a saved body
 * (`--file`, `-` for stdin) through status/read.ts, or, without `--file`, the live feed through
 * the poller's checkProvider; then the catalog entry's relevance through status/relevance.ts.
 * `--json` prints the PageStatus object the popup receives (README "Checking a status page").
 *
 * A provider the catalog does not know can be read too, with `--kind` (and `--file` or `--url`):
 * every component then counts, the documented default. Errors: one line on stderr; exit code 2
 * for usage and unreadable or unparseable input, 3 when the live feed cannot be read.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LEVEL_KEYS } from '../src/core/badge.ts';
import { providerById, STATUS_SOURCES, statusRelevanceOf } from '../src/core/catalog/index.ts';
import { placeOf } from '../src/core/catalog/places.ts';
import { FEED_KINDS, type FeedKind, type FeedSource } from '../src/core/catalog/types.ts';
import type { Translate } from '../src/core/i18n.ts';
import { type FetchLike, feedFetcher } from '../src/core/status/fetch.ts';
import type { ProviderStatus } from '../src/core/status/model.ts';
import { checkProvider } from '../src/core/status/poller.ts';
import { statusFromBody } from '../src/core/status/read.ts';
import {
  type Because,
  type IgnoredEvent,
  type PageStatus,
  pageStatus,
  type RelevantEvent,
} from '../src/core/status/relevance.ts';
import { newFeedState } from '../src/core/status/schedule.ts';
import { REASON_TEXT } from '../src/popup/status-text.ts';
import { translator } from './lib/locales-fragments.ts';

export const USAGE =
  'usage: npm run status -- --provider <id> [--pop CDG] [--host <hostname>] [--file <saved body>] [--kind <feed kind>] [--url <status page>] [--now <ISO time>] [--json]';

/** `fetch` as Node and browsers have it; tests pass a fake. */
export type { FetchLike };

/** What the command reaches outside itself; tests pass fakes. */
export interface Io {
  readonly readFile: (path: string | 0) => Uint8Array;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly fetch: FetchLike;
  readonly now: () => Date;
}

class Failure extends Error {
  constructor(
    message: string,
    readonly code: number,
  ) {
    super(message);
  }
}

function fail(message: string, code = 2): never {
  throw new Failure(message, code);
}

interface Args {
  provider?: string;
  pops: string[];
  hosts: string[];
  file?: string;
  kind?: FeedKind;
  url?: string;
  now?: number;
  json: boolean;
}

function parseArgs(argv: readonly string[]): Args | 'help' {
  const args: Args = { pops: [], hosts: [], json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || (v.startsWith('--') && v.length > 2)) fail(`status: ${arg} needs a value`);
      return v;
    };
    if (arg === '-h' || arg === '--help') return 'help';
    else if (arg === '--json') args.json = true;
    else if (arg === '--provider') args.provider = value();
    else if (arg === '--pop') args.pops.push(...value().split(','));
    else if (arg === '--host') args.hosts.push(...value().split(','));
    else if (arg === '--file') args.file = value();
    else if (arg === '--url') args.url = value();
    else if (arg === '--kind') {
      const kind = value();
      if (!(FEED_KINDS as readonly string[]).includes(kind)) {
        fail(`status: unknown feed kind ${kind} (one of ${FEED_KINDS.join(', ')})`);
      }
      args.kind = kind as FeedKind;
    } else if (arg === '--now') {
      const raw = value();
      const at = Date.parse(raw);
      if (!Number.isFinite(at)) fail(`status: --now ${raw} is not an ISO time`);
      args.now = at;
    } else fail(`status: unknown option ${arg}\n${USAGE}`);
  }
  for (const pop of args.pops) {
    if (!/^[A-Za-z0-9-]{2,16}$/.test(pop)) fail(`status: --pop ${pop} is not a PoP code`);
  }
  return args;
}

/** The feed to read: the catalog's source, its kind or page URL overridden by the options. */
function sourceOf(args: Args, id: string): FeedSource {
  const known = STATUS_SOURCES[id];
  const entry = providerById.get(id);
  if (!known && !args.kind) {
    if (entry?.status && 'none' in entry.status)
      fail(`status: ${id} has no public status: ${entry.status.none}`);
    fail(
      entry
        ? `status: ${id} has no status source in the catalog; give --kind (and --file or --url)`
        : `status: ${id} is not a catalog provider; give --kind (and --file or --url) to read a status page of your own`,
    );
  }
  if (!known && args.file === undefined && args.url === undefined) {
    fail(`status: ${id} is not in the catalog: give --file or --url with --kind`);
  }
  const kind = args.kind ?? known!.kind;
  const url = args.url ?? known?.url ?? 'https://status.invalid';
  // A changed kind or page drops the catalog's `api` override, which belongs to the catalog's page.
  if (known && kind === known.kind && url === known.url) return known;
  return { kind, url };
}

const iso = (at: number | undefined): string => (at === undefined ? '?' : new Date(at).toISOString());
const isoMinute = (at: number | undefined): string =>
  at === undefined ? '?' : `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function becauseText(b: Because | undefined): string {
  if (!b) return '';
  switch (b.kind) {
    case 'place':
      return b.products.length > 0
        ? `names ${b.products.join(', ')} in this page's place ${b.places.join(', ')}`
        : `names this page's datacenter or region ${b.places.join(', ')}`;
    case 'product':
      return `names ${b.products.join(', ')}, which this page uses`;
    case 'place_unknown':
      return `names ${[...b.products, ...b.places].join(', ') || 'places'}, and where this page is served is not known: it may affect it`;
    case 'unknown_scope':
      return 'names no component, product or place: it may affect this page';
  }
}

const IGNORED_TEXT: Readonly<Record<IgnoredEvent['reason'], string>> = {
  other_products: 'names only products this page does not use',
  other_places: 'names only other datacenters or regions',
  unrelated_title: 'is about a side of the provider this page does not touch',
  too_minor: 'names nothing this page can be placed against, and is too minor to warn',
};

/** The page status in words: what a person checking their status page needs to see. */
export function statusText(st: PageStatus, t: Translate, title: string, pops: readonly string[]): string {
  const words = (level: PageStatus['level']) => t(LEVEL_KEYS[level]);
  const lines: string[] = [`${title}`, `  status page: ${st.pageUrl}`];
  if (pops.length > 0) {
    const places = pops.map((p) => {
      const place = placeOf(p);
      return place.city ? `${place.code} (${place.city})` : place.code;
    });
    lines.push(`  page served from: ${places.join(', ')}`);
  }
  if (st.unknown) {
    const reason = (REASON_TEXT as Readonly<Record<string, string>>)[st.unknown.reason];
    const why =
      st.unknown.reason === 'stale'
        ? `source stale since ${iso(st.unknown.since)}`
        : reason
          ? t(reason)
          : st.unknown.reason;
    lines.push(`  level for this page: ${words('unknown')}: ${why}`);
    if (st.unknown.lastLevel) lines.push(`  the source last said: ${words(st.unknown.lastLevel)}`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`  level for this page: ${words(st.level)}${st.uncertain ? ' (may affect this page)' : ''}`);
  const event = (x: RelevantEvent) =>
    `    - [${words(x.event.impact)}] ${x.event.title} (${x.event.state}${
      x.event.kind === 'maintenance' && x.event.scheduledFor !== undefined
        ? `, from ${isoMinute(x.event.scheduledFor)}`
        : ''
    }): ${becauseText(x.because)}`;
  if (st.products.length > 0) {
    lines.push('  products this page uses, not operational:');
    for (const p of st.products) lines.push(`    - ${p.name}: ${words(p.level)}`);
  }
  lines.push(
    st.incidents.length > 0 ? '  incidents that concern this page:' : '  no incident concerns this page',
  );
  for (const x of st.incidents) lines.push(event(x));
  if (st.maintenances.length > 0) {
    lines.push('  maintenances that concern this page:');
    for (const x of st.maintenances) lines.push(event(x));
  }
  if (st.rerouted.length > 0) {
    lines.push(`  this page's datacenter re-routed (information): ${st.rerouted.join(', ')}`);
  }
  const ignored = st.ignored ?? [];
  if (ignored.length > 0) {
    lines.push('  ignored for this page:');
    for (const x of ignored) {
      const names = x.names.length > 0 ? ` (${x.names.join(', ')})` : '';
      lines.push(`    - ${x.title}: ${IGNORED_TEXT[x.reason]}${names}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

const NETWORK_REASONS = new Set(['unreachable', 'timed_out', 'http_error', 'too_large', 'redirected']);

async function statusOf(
  args: Args,
  id: string,
  source: FeedSource,
  io: Io,
  now: number,
): Promise<ProviderStatus> {
  if (args.file !== undefined) {
    let bytes: Uint8Array;
    try {
      bytes = io.readFile(args.file === '-' ? 0 : args.file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      fail(
        `status: ${args.file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (code ?? 'cannot read')}`,
      );
    }
    const status = statusFromBody(id, source, bytes, now);
    if (status.reason === 'unparseable')
      fail(`status: ${args.file}: not a ${source.kind} feed: ${status.detail}`);
    return status;
  }
  const { status } = await checkProvider(source, undefined, newFeedState(id, now), feedFetcher(io.fetch), {
    now,
    random: 0,
    wantDetail: true,
  });
  if (status.reason && NETWORK_REASONS.has(status.reason)) {
    fail(
      `status: ${id}: could not read the live feed of ${source.url}: ${status.reason} (${status.detail ?? ''})`,
      3,
    );
  }
  if (status.reason === 'unparseable') {
    fail(
      `status: ${id}: the live feed of ${source.url} could not be read as ${source.kind}: ${status.detail}`,
      3,
    );
  }
  return status;
}

async function main(argv: readonly string[], io: Io): Promise<void> {
  const args = parseArgs(argv);
  if (args === 'help') {
    io.stdout(`${USAGE}\n`);
    return;
  }
  if (!args.provider) fail(USAGE);
  const id = args.provider;
  const source = sourceOf(args, id);
  const now = args.now ?? io.now().getTime();
  const status = await statusOf(args, id, source, io, now);
  const pops = args.pops.map((p) => p.toUpperCase());
  const usage = { providerId: id, pops, hosts: args.hosts };
  const st = pageStatus(status, usage, statusRelevanceOf(id));
  if (args.json) {
    io.stdout(`${JSON.stringify(st, null, 2)}\n`);
    return;
  }
  const name = providerById.get(id)?.name ?? id;
  const title = `${name} (${id}), read as ${source.kind} at ${iso(now)}`;
  io.stdout(statusText(st, translator('en'), title, pops));
}

/** Runs the command; the exit code: 0, or 2/3 after one line on stderr (never a stack trace). */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  try {
    await main(argv, io);
    return 0;
  } catch (e) {
    if (e instanceof Failure) {
      io.stderr(`${e.message}\n`);
      return e.code;
    }
    io.stderr(`status: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}\n`);
    return 2;
  }
}

const NODE_IO: Io = {
  readFile: (path) => new Uint8Array(readFileSync(path)),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  fetch: (url, init) => fetch(url, init),
  now: () => new Date(),
};

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(resolve(entry)).href) {
  void run(process.argv.slice(2), NODE_IO).then((code) => {
    process.exitCode = code;
  });
}
