import { randomBytes } from 'node:crypto';
import { dohUrl, RESOLVERS, type Resolver } from '../../src/core/resilience/dns.ts';

/**
 * The two DNS-over-HTTPS resolvers the extension asks who runs a site's DNS, as the lab answers
 * them: Cloudflare (`cloudflare-dns.com/dns-query`) and Google (`dns.google/resolve`), hosts and
 * paths taken from src/resilience/dns.ts (so the lab follows the product), JSON in the schema
 * both share (fingerprints.md section 9), from a small zone table kept as data below.
 *
 * Each resolver can be switched `ok`, `down` (503) or `unreachable` (the connection is closed)
 * over `/__lab/dns/<resolver>` on the front host (server.ts) or in-process with `DohLab.set`.
 * Every request reaching a resolver is counted per `<name> <type>`, whatever it was answered, so
 * tests can tell a look-up from a cached answer.
 */

/** A host name's own address record, as the site's DNS holds it. */
export interface AddressRecord {
  readonly type: 'A' | 'CNAME';
  readonly ttl: number;
  /** The address (A) or the name it points to (CNAME). */
  readonly data: string;
}

/** One zone: its nameservers, optionally its SOA record's data and its hosts' address records. */
export interface Zone {
  readonly ns: readonly string[];
  /** `mname rname serial refresh retry expire minimum`; derived from the first NS when absent. */
  readonly soa?: string;
  /** Host name → its address record (A queries); other names answer no data. */
  readonly addresses?: Readonly<Record<string, AddressRecord>>;
}

const CLOUDFLARE_SOA = (ns: string): string => `${ns}. dns.cloudflare.com. 2356178412 10000 2400 604800 1800`;

/**
 * The zones of the lab's sites and of the services they load. Names the lab does not know are
 * answered NXDOMAIN.
 */
export const ZONES: Readonly<Record<string, Zone>> = {
  // Maple Shop: every nameserver at Cloudflare, no secondary DNS.
  // The shop's own records are proxied by Cloudflare, which serves them with its "Auto" TTL, 300 s.
  'maple-shop.com': {
    ns: ['jessica.ns.cloudflare.com', 'rob.ns.cloudflare.com'],
    soa: CLOUDFLARE_SOA('jessica.ns.cloudflare.com'),
    addresses: {
      'www.maple-shop.com': { type: 'A', ttl: 300, data: '104.21.48.117' },
      'maple-shop.com': { type: 'A', ttl: 300, data: '104.21.48.117' },
    },
  },
  // Stripe: nameservers at three operators (Route 53, Dyn, one the catalog does not know).
  'stripe.com': {
    ns: ['ns-423.awsdns-52.com', 'ns-705.awsdns-24.net', 'ns1.p16.dynect.net', 'ns1.example-hosting.net'],
  },
  'jsdelivr.net': { ns: ['dns1.p03.nsone.net', 'dns2.p03.nsone.net', 'kay.ns.cloudflare.com'] },
  // The news site points its www name at Fastly with a CNAME it keeps for an hour.
  'daily-ledger.com': {
    ns: ['ns-1120.awsdns-12.org', 'ns-1750.awsdns-26.co.uk'],
    addresses: {
      'www.daily-ledger.com': { type: 'CNAME', ttl: 3600, data: 'dualstack.n.sni.global.fastly.net' },
    },
  },
  'voyage-planner.io': { ns: ['ns-88.awsdns-11.com', 'ns-1290.awsdns-33.org'] },
  'tidepool-api.com': {
    ns: ['amy.ns.cloudflare.com', 'tom.ns.cloudflare.com'],
    soa: CLOUDFLARE_SOA('amy.ns.cloudflare.com'),
  },
  'ferrydesk.io': {
    ns: ['lara.ns.cloudflare.com', 'sid.ns.cloudflare.com'],
    soa: CLOUDFLARE_SOA('lara.ns.cloudflare.com'),
  },
  'harborlight-photo.com': { ns: ['ns-512.awsdns-00.net', 'ns-1536.awsdns-00.co.uk'] },
  'quartzlib.dev': { ns: ['ns-cloud-c1.googledomains.com', 'ns-cloud-c2.googledomains.com'] },
  'emberfield.org': {
    ns: ['nina.ns.cloudflare.com', 'walt.ns.cloudflare.com'],
    soa: CLOUDFLARE_SOA('nina.ns.cloudflare.com'),
  },
  'githubusercontent.com': { ns: ['dns1.p08.nsone.net', 'ns-1622.awsdns-10.co.uk'] },
  'cloudfront.net': { ns: ['ns-1597.awsdns-07.co.uk', 'ns-130.awsdns-16.com'] },
  // A plain hosting company's own nameservers, which the catalog does not know.
  'plain-origin.org': { ns: ['ns1.example-hosting.net', 'ns2.example-hosting.net'] },
};

export const DOH_STATES = {
  /** Answers from the zone table. */
  ok: 'ok',
  /** 503 with an HTML page. */
  down: 'down',
  /** The connection is closed without an answer. */
  unreachable: 'unreachable',
} as const;

export type DohState = keyof typeof DOH_STATES;

const TYPES: Readonly<Record<string, number>> = { A: 1, NS: 2, CNAME: 5, SOA: 6 };
const TYPE_NAMES: Readonly<Record<number, string>> = { 1: 'A', 2: 'NS', 5: 'CNAME', 6: 'SOA' };

interface Endpoint {
  readonly resolver: Resolver;
  readonly host: string;
  readonly path: string;
}

const ENDPOINTS: readonly Endpoint[] = RESOLVERS.map((resolver) => {
  const url = new URL(dohUrl(resolver, 'example.com', 'NS'));
  return { resolver, host: url.host, path: url.pathname };
});

/** Every resolver host the lab answers for (certificate, Firefox's local DNS). */
export const DOH_HOSTNAMES: readonly string[] = ENDPOINTS.map((e) => e.host);

export interface ResolverSnapshot {
  host: string;
  path: string;
  state: DohState;
  states: DohState[];
  /** Requests that reached the resolver, per `<name> <type>` (lower-case name, no dot). */
  queries: Record<string, number>;
  /** All requests that reached it, answered or not. */
  total: number;
}

export type DohSnapshot = Record<Resolver, ResolverSnapshot>;

export type DohAnswer =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly headers: Readonly<Record<string, string>>;
      readonly body: string;
    }
  | { readonly kind: 'destroy' };

const DOWN_PAGE = `<!doctype html>
<html><head><title>503 Service Unavailable</title></head>
<body><h1>503 Service Unavailable</h1><p>The resolver is having a moment.</p></body></html>
`;

/** The zone a name belongs to (itself or its closest known parent). */
function zoneOf(name: string): [string, Zone] | undefined {
  const labels = name.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const candidate = labels.slice(i).join('.');
    const zone = ZONES[candidate];
    if (zone) return [candidate, zone];
  }
  return undefined;
}

function soaData(apex: string, zone: Zone): string {
  return zone.soa ?? `${zone.ns[0]}. hostmaster.${apex}. 2026112701 7200 3600 1209600 3600`;
}

/** The DoH JSON answer for a question (the schema both resolvers share). */
export function dohJson(name: string, type: number): Record<string, unknown> {
  const fqdn = `${name}.`;
  const base = { TC: false, RD: true, RA: true, AD: false, CD: false, Question: [{ name: fqdn, type }] };
  const found = zoneOf(name);
  if (!found) {
    return {
      Status: 3,
      ...base,
      Authority: [
        {
          name: '.',
          type: 6,
          TTL: 86400,
          data: 'a.root-servers.net. nstld.verisign-grs.com. 2026112700 1800 900 604800 86400',
        },
      ],
    };
  }
  const [apex, zone] = found;
  const soa = { name: `${apex}.`, type: 6, TTL: 1800, data: soaData(apex, zone) };
  if (name === apex && type === TYPES.NS) {
    return {
      Status: 0,
      ...base,
      Answer: zone.ns.map((ns) => ({ name: fqdn, type, TTL: 86400, data: `${ns}.` })),
    };
  }
  if (name === apex && type === TYPES.SOA) return { Status: 0, ...base, Answer: [soa] };
  const address = zone.addresses?.[name];
  if (address && type === TYPES.A) {
    const data = address.type === 'CNAME' ? `${address.data}.` : address.data;
    // The CDN's own records behind a CNAME are not the lab's zone: the answer stops at the CNAME.
    return {
      Status: 0,
      ...base,
      Answer: [{ name: fqdn, type: TYPES[address.type], TTL: address.ttl, data }],
    };
  }
  // Not the apex (or another type): no answer, the zone's SOA in the authority section.
  return { Status: 0, ...base, Authority: [soa] };
}

function headersOf(resolver: Resolver): Record<string, string> {
  // no-store: every look-up the extension makes reaches the lab and is counted (the browser's
  // HTTP cache would otherwise hide a second look-up from the tally).
  const common = { 'cache-control': 'no-store', 'access-control-allow-origin': '*' };
  return resolver === 'cloudflare'
    ? {
        ...common,
        server: 'cloudflare',
        'cf-ray': `${randomBytes(8).toString('hex')}-CDG`,
        'content-type': 'application/dns-json',
      }
    : {
        ...common,
        server: 'HTTP server (unknown)',
        'content-type': 'application/json; charset=UTF-8',
        'x-content-type-options': 'nosniff',
      };
}

/** The resolvers' switchable state and what reached each of them. */
export class DohLab {
  private readonly states = new Map<Resolver, DohState>();
  private readonly queries = new Map<Resolver, Record<string, number>>();
  private readonly totals = new Map<Resolver, number>();

  constructor() {
    this.reset();
  }

  /** Every resolver answers again (the tallies are kept: tests compare before and after). */
  reset(): void {
    for (const e of ENDPOINTS) this.states.set(e.resolver, 'ok');
  }

  isResolver(name: string): name is Resolver {
    return ENDPOINTS.some((e) => e.resolver === name);
  }

  /** Switches a resolver; throws on an unknown resolver or state. */
  set(resolver: string, state: string): void {
    if (!this.isResolver(resolver)) {
      throw new Error(`unknown resolver "${resolver}" (resolvers: ${RESOLVERS.join(', ')})`);
    }
    if (!Object.hasOwn(DOH_STATES, state)) {
      throw new Error(`unknown state "${state}" (states: ${Object.keys(DOH_STATES).join(', ')})`);
    }
    this.states.set(resolver, state as DohState);
  }

  snapshot(): DohSnapshot {
    const out = {} as DohSnapshot;
    for (const e of ENDPOINTS) {
      out[e.resolver] = {
        host: e.host,
        path: e.path,
        state: this.states.get(e.resolver)!,
        states: Object.keys(DOH_STATES) as DohState[],
        queries: { ...(this.queries.get(e.resolver) ?? {}) },
        total: this.totals.get(e.resolver) ?? 0,
      };
    }
    return out;
  }

  /** The answer for a request to a resolver host, or undefined when the host is not one. */
  answer(
    host: string,
    path: string,
    query: URLSearchParams,
    accept: string | undefined,
  ): DohAnswer | undefined {
    const endpoint = ENDPOINTS.find((e) => e.host === host);
    if (!endpoint) return undefined;
    const { resolver } = endpoint;
    const headers = headersOf(resolver);
    if (path !== endpoint.path) {
      return {
        kind: 'response',
        status: 404,
        headers: { ...headers, 'content-type': 'text/plain' },
        body: 'Not found\n',
      };
    }
    const name = (query.get('name') ?? '').trim().toLowerCase().replace(/\.$/, '');
    const rawType = (query.get('type') ?? 'A').toUpperCase();
    const type = TYPES[rawType] ?? (Number.isInteger(Number(rawType)) ? Number(rawType) : Number.NaN);
    const key = `${name} ${TYPE_NAMES[type] ?? rawType}`;
    const tally = this.queries.get(resolver) ?? {};
    this.queries.set(resolver, tally);
    tally[key] = (tally[key] ?? 0) + 1;
    this.totals.set(resolver, (this.totals.get(resolver) ?? 0) + 1);

    const state = this.states.get(resolver)!;
    if (state === 'unreachable') return { kind: 'destroy' };
    if (state === 'down') {
      return {
        kind: 'response',
        status: 503,
        headers: { ...headers, 'content-type': 'text/html; charset=utf-8', 'retry-after': '30' },
        body: DOWN_PAGE,
      };
    }
    // Cloudflare answers JSON only when asked for it (header or `ct`); Google always does.
    const wantsJson =
      (accept ?? '').toLowerCase().includes('application/dns-json') ||
      query.get('ct') === 'application/dns-json';
    if (name === '' || Number.isNaN(type) || (resolver === 'cloudflare' && !wantsJson)) {
      return {
        kind: 'response',
        status: 400,
        headers: { ...headers, 'content-type': 'text/plain' },
        body: 'Bad Request\n',
      };
    }
    return { kind: 'response', status: 200, headers, body: `${JSON.stringify(dohJson(name, type))}\n` };
  }
}
