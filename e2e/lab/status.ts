import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { STATUS_SOURCES } from '../../src/core/catalog/index.ts';
import { endpointsOf } from '../../src/core/status/feeds.ts';

/**
 * The providers' status pages as the lab serves them. Each feed answers on the real status host
 * and paths of its source (taken from the catalog entries, so the lab follows the product), with
 * a payload per scenario kept as data in `feeds/` (the shapes of src/core/status/__fixtures__).
 * A scenario is switched at run time over the control endpoint (`/__lab/status/<feed>` on the
 * front host, see server.ts) or in-process with `StatusLab.set`.
 *
 * Payload placeholders, filled when served, relative to the time the scenario was switched on
 * (stable until the next switch, so validators stay valid): `@iso` / `@iso+4h` (ISO 8601),
 * `@date` (YYYY-MM-DD), `@rfc` / `@rfc-1h` (RFC 822, for RSS).
 */

/** Scenarios every feed has: the status host failing. */
export const FAILURE_STATES = {
  /** 503 with an HTML error page (a status host behind a failing proxy). */
  down: 'down',
  /** The connection is closed without an answer. */
  unreachable: 'unreachable',
  /**
   * A 302 to another path of the same host (a status host behind a login wall or a maintenance
   * page), whose target serves the calm feed: only a fetcher that follows it reads "operational".
   */
  redirect_same: 'redirect_same',
  /** A 301 to another status host, whose target also serves the calm feed. */
  redirect_cross: 'redirect_cross',
} as const;

/** Where the redirect states point: `/__moved/<original host><original path>`, on any status host. */
const MOVED = /^\/__moved\/([^/]+)(\/.*)$/;
/** Headers of every answer. */
const COMMON = { server: 'faultline-lab', 'cache-control': 'no-cache' } as const;
/** The status host the cross-host redirect points to. */
const CROSS_HOST = 'www.githubstatus.com';

export type FailureState = keyof typeof FAILURE_STATES;

interface FeedDef {
  readonly id: string;
  /** Catalog id of the provider whose status source this feed stands in for. */
  readonly provider: string;
  readonly contentType: string;
  /** Scenario → payload file in feeds/ (the detailed feed; Statuspage's roll-up is derived). */
  readonly payloads: Readonly<Record<string, string>>;
}

export const FEEDS: readonly FeedDef[] = [
  {
    id: 'cloudflare',
    provider: 'cloudflare',
    contentType: 'application/json; charset=utf-8',
    payloads: {
      operational: 'cloudflare-operational.json',
      /** "Widespread 5xx errors" on CDN/Cache, indicator critical. */
      major_outage: 'cloudflare-major_outage.json',
      /** A minor incident on Tunnel only (a product a proxied page does not use). */
      tunnel_only: 'cloudflare-tunnel_only.json',
      /** Maintenance in progress in IAD (the lab's Cloudflare site is served from CDG). */
      maintenance_elsewhere: 'cloudflare-maintenance_elsewhere.json',
      /** Authoritative DNS failing (the shop's DNS is at Cloudflare), CDN/Cache working. */
      dns_outage: 'cloudflare-dns_outage.json',
    },
  },
  {
    id: 'fastly',
    provider: 'fastly',
    contentType: 'application/rss+xml; charset=utf-8',
    payloads: {
      operational: 'fastly-operational.xml',
      /** An incident at the London (LHR) PoP, The Daily Ledger's. */
      pop_incident: 'fastly-pop_incident.xml',
    },
  },
  {
    id: 'akamai',
    provider: 'akamai',
    contentType: 'application/json; charset=utf-8',
    payloads: { operational: 'akamai-operational.json' },
  },
  // Calm feeds for the providers of the stacked sites, so their popups show a status and nothing
  // is looked up outside the lab. GitHub's page covers GitHub Pages and GitHub; AWS's covers
  // CloudFront and S3 (served as UTF-8: the real endpoint's UTF-16 is a unit-test matter).
  {
    id: 'github',
    provider: 'github-pages',
    contentType: 'application/json; charset=utf-8',
    payloads: { operational: 'github-operational.json' },
  },
  {
    id: 'render',
    provider: 'render',
    contentType: 'application/json; charset=utf-8',
    payloads: { operational: 'render-operational.json' },
  },
  {
    id: 'fly',
    provider: 'fly',
    contentType: 'application/json; charset=utf-8',
    payloads: { operational: 'fly-operational.json' },
  },
  // Stripe's own status endpoint (`/current`), for the checkout's payment frame.
  {
    id: 'stripe',
    provider: 'stripe',
    contentType: 'application/json; charset=utf-8',
    payloads: { operational: 'stripe-operational.json' },
  },
  {
    id: 'aws',
    provider: 'cloudfront',
    contentType: 'application/json',
    payloads: { operational: 'aws-operational.json' },
  },
];

export const INITIAL_STATE = 'operational';

interface Route {
  readonly feed: FeedDef;
  readonly path: string;
  /** Statuspage's cheap roll-up: `{ page, status }` of the summary. */
  readonly rollup: boolean;
}

function urlOf(raw: string): URL {
  return new URL(raw);
}

const ROUTES = new Map<string, Route>();
for (const feed of FEEDS) {
  const source = STATUS_SOURCES[feed.provider];
  if (!source) throw new Error(`No status source for ${feed.provider} in the catalog`);
  const { cheap, detail } = endpointsOf(source);
  const d = urlOf(detail);
  ROUTES.set(`${d.host}${d.pathname}`, { feed, path: d.pathname, rollup: false });
  if (cheap) {
    const c = urlOf(cheap);
    ROUTES.set(`${c.host}${c.pathname}`, { feed, path: c.pathname, rollup: true });
  }
}

/** Every status host the lab answers for (certificate, Firefox's local DNS). */
export const STATUS_HOSTNAMES: readonly string[] = [
  ...new Set([...ROUTES.keys()].map((k) => k.split('/')[0]!)),
];

const PAYLOADS = new Map<string, string>();
for (const feed of FEEDS) {
  for (const file of Object.values(feed.payloads)) {
    PAYLOADS.set(file, readFileSync(new URL(`./feeds/${file}`, import.meta.url), 'utf8'));
  }
}

const HOUR = 3_600_000;

function fill(template: string, at: number): string {
  return template.replace(/@(iso|rfc|date)([+-]\d+)?h?/g, (_m, kind: string, hours?: string) => {
    const when = new Date(at + Number(hours ?? 0) * HOUR);
    if (kind === 'date') return when.toISOString().slice(0, 10);
    return kind === 'rfc' ? when.toUTCString() : when.toISOString();
  });
}

export type StatusAnswer =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
    }
  | { readonly kind: 'destroy' };

export interface FeedSnapshot {
  state: string;
  /** Epoch ms of the last switch (what `@iso` stands for). */
  changedAt: number;
  states: string[];
  /**
   * Requests answered, per `<path> <state>` (a 304 counts under `<path> <state> 304`); a
   * redirect's target, when requested, under `moved <host><path>` of the feed redirected from.
   */
  served: Record<string, number>;
}

export type StatusSnapshot = Record<string, FeedSnapshot>;

const DOWN_PAGE = `<!doctype html>
<html><head><title>503 Service Temporarily Unavailable</title></head>
<body><h1>503 Service Temporarily Unavailable</h1><p>The status page is having a moment.</p></body></html>
`;

/** The switchable state of every feed and what the lab served for each. */
export class StatusLab {
  private readonly states = new Map<string, { state: string; changedAt: number }>();
  private readonly served = new Map<string, Record<string, number>>();

  constructor() {
    this.reset();
  }

  /** Every feed back to operational (its time only changes when its state does). */
  reset(): void {
    for (const feed of FEEDS) this.set(feed.id, INITIAL_STATE);
  }

  statesOf(feedId: string): string[] | undefined {
    const feed = FEEDS.find((f) => f.id === feedId);
    return feed ? [...Object.keys(feed.payloads), ...Object.keys(FAILURE_STATES)] : undefined;
  }

  /** Switches a feed; throws on an unknown feed or state. */
  set(feedId: string, state: string): void {
    const states = this.statesOf(feedId);
    if (!states) throw new Error(`unknown feed "${feedId}" (feeds: ${FEEDS.map((f) => f.id).join(', ')})`);
    if (!states.includes(state)) {
      throw new Error(`unknown state "${state}" for ${feedId} (states: ${states.join(', ')})`);
    }
    const current = this.states.get(feedId);
    if (current?.state === state) return;
    // Strictly later than the previous switch, so `updated_at` always changes with the state.
    const changedAt = Math.max(Date.now(), (current?.changedAt ?? 0) + 1);
    this.states.set(feedId, { state, changedAt });
  }

  snapshot(): StatusSnapshot {
    const out: StatusSnapshot = {};
    for (const feed of FEEDS) {
      const s = this.states.get(feed.id)!;
      out[feed.id] = {
        state: s.state,
        changedAt: s.changedAt,
        states: this.statesOf(feed.id)!,
        served: { ...(this.served.get(feed.id) ?? {}) },
      };
    }
    return out;
  }

  /** The answer for a request to a status host, or undefined when the host is not one. */
  answer(host: string, path: string, ifNoneMatch: string | undefined): StatusAnswer | undefined {
    if (!STATUS_HOSTNAMES.includes(host)) return undefined;
    const moved = MOVED.exec(path);
    if (moved) {
      // A redirect's target: the calm feed of the route redirected from, counted.
      const from = ROUTES.get(`${moved[1]}${moved[2]}`);
      if (from) {
        const tally = this.tallyOf(from.feed.id);
        const key = `moved ${host}${moved[2]}`;
        tally[key] = (tally[key] ?? 0) + 1;
        const { changedAt } = this.states.get(from.feed.id)!;
        return this.payload(from, INITIAL_STATE, changedAt, undefined, () => {});
      }
    }
    const route = ROUTES.get(`${host}${path}`);
    if (!route) {
      return {
        kind: 'response',
        status: 404,
        headers: { ...COMMON, 'content-type': 'text/plain; charset=utf-8' },
        body: 'Not found\n',
      };
    }
    const { feed } = route;
    const { state, changedAt } = this.states.get(feed.id)!;
    const tally = this.tallyOf(feed.id);
    const count = (key: string): void => {
      tally[key] = (tally[key] ?? 0) + 1;
    };
    if (state === 'redirect_same' || state === 'redirect_cross') {
      count(`${path} ${state}`);
      const target = `/__moved/${host}${path}`;
      return {
        kind: 'response',
        status: state === 'redirect_same' ? 302 : 301,
        headers: {
          ...COMMON,
          location: state === 'redirect_same' ? target : `https://${CROSS_HOST}${target}`,
          'content-type': 'text/plain; charset=utf-8',
        },
        body: 'Moved\n',
      };
    }
    if (state === 'unreachable') {
      count(`${path} ${state}`);
      return { kind: 'destroy' };
    }
    if (state === 'down') {
      count(`${path} ${state}`);
      return {
        kind: 'response',
        status: 503,
        headers: { ...COMMON, 'content-type': 'text/html; charset=utf-8', 'retry-after': '60' },
        body: DOWN_PAGE,
      };
    }
    return this.payload(route, state, changedAt, ifNoneMatch, count);
  }

  private tallyOf(feedId: string): Record<string, number> {
    const tally = this.served.get(feedId) ?? {};
    this.served.set(feedId, tally);
    return tally;
  }

  /** A feed's payload in a state, as a 200 (or a 304 when the validator matches). */
  private payload(
    route: Route,
    state: string,
    changedAt: number,
    ifNoneMatch: string | undefined,
    count: (key: string) => void,
  ): StatusAnswer {
    const { path, feed, rollup } = route;
    const file = feed.payloads[state]!;
    let body = fill(PAYLOADS.get(file)!, changedAt);
    if (rollup) {
      const summary = JSON.parse(body) as { page: unknown; status: unknown };
      body = `${JSON.stringify({ page: summary.page, status: summary.status })}\n`;
    }
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
    const matches = ifNoneMatch?.split(',').some((t) => t.trim().replace(/^W\//, '') === etag) ?? false;
    if (matches) {
      count(`${path} ${state} 304`);
      return { kind: 'response', status: 304, headers: { ...COMMON, etag }, body: '' };
    }
    count(`${path} ${state}`);
    return {
      kind: 'response',
      status: 200,
      headers: {
        ...COMMON,
        etag,
        'last-modified': new Date(changedAt).toUTCString(),
        'content-type': feed.contentType,
      },
      body,
    };
  }
}
