import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { labCertificate } from './cert.ts';
import { DohLab } from './doh.ts';
import { FailureLab } from './failures.ts';
import { SCENARIO_PATH, SCENARIOS } from './scenarios.ts';
import { FRONT_HOST, HOSTNAMES, HOSTS } from './sites.ts';
import { StatusLab } from './status.ts';
import type { HostDef, LabRequest, Resource } from './types.ts';

/** Where the lab keeps its generated certificate (gitignored). */
export const LAB_DIR = fileURLToPath(new URL('../.lab/', import.meta.url));

export interface VisitStats {
  /** Responses served for this visit, all hosts together. */
  total: number;
  /** Responses served per host. */
  hosts: Record<string, number>;
}

export interface Lab {
  readonly host: string;
  readonly port: number;
  readonly hostnames: readonly string[];
  /** The demo's front page. */
  readonly frontPage: string;
  /** What the lab served for requests carrying `?visit=<id>`. */
  visit(id: string): VisitStats;
  /** The providers' status feeds: switch scenarios in-process (or over `/__lab/status/<feed>`). */
  readonly status: StatusLab;
  /** The sites' failure mode (a site's origin down, a Cloudflare incident): see failures.ts. */
  readonly failures: FailureLab;
  /** The DNS-over-HTTPS resolvers (zones, failures, tallies): see doh.ts. */
  readonly doh: DohLab;
  stop(): Promise<void>;
}

export interface LabOptions {
  /** 443 by default: Firefox cannot remap ports, so URLs carry none. */
  port?: number;
  host?: string;
}

const BY_HOST = new Map<string, HostDef>(HOSTS.map((h) => [h.host, h]));

function resolve(def: HostDef, req: LabRequest): Resource | undefined {
  return def.routes[req.path] ?? def.dynamic?.(req);
}

/** One visit's tally, readable by tests running in another process. */
const STATS_PATH = /^\/__lab\/visit\/([\w-]+)$/;
/**
 * The status feeds' control: `GET /__lab/status` (every feed's state and tally),
 * `POST /__lab/status/reset` (all operational), `POST /__lab/status/<feed>` with
 * `{"state": "<scenario>"}` or `?state=<scenario>` (GET with `?state=` too, for people).
 */
const STATUS_PATH = /^\/__lab\/status(?:\/([\w-]+))?\/?$/;
const MAX_CONTROL_BODY = 4096;
/**
 * The sites' failure mode: `GET /__lab/failures` (mode and tally), `POST /__lab/failures/reset`
 * (every site normal), `POST /__lab/failures/<mode>` (GET too, for people).
 */
const FAILURES_PATH = /^\/__lab\/failures(?:\/([\w-]+))?\/?$/;
/**
 * The DNS-over-HTTPS resolvers: `GET /__lab/dns` (every resolver's state and tally),
 * `POST /__lab/dns/reset` (all answering), `POST /__lab/dns/<resolver>` with
 * `{"state": "ok|down|unreachable"}` or `?state=` (GET with `?state=` too, for people).
 */
const DOH_PATH = /^\/__lab\/dns(?:\/([\w-]+))?\/?$/;

/**
 * A switchable part of the lab (status feeds, DoH resolvers, the sites' failure mode), driven
 * over one control protocol: `GET` the snapshot, `POST …/reset`, `POST …/<target>` with
 * `{"state": …}` or `?state=` (GET with `?state=` too, for people).
 */
interface Switchable {
  snapshot(): unknown;
  reset(): void;
  /** Whether `target` names something to switch (a feed, a resolver, a mode). */
  has(target: string): boolean;
  /** Switches it; throws on an unknown target or state. */
  set(target: string, state: string | undefined): void;
  /** The failure modes need no state: the target is the mode. */
  readonly stateless?: boolean;
}

type ControlAnswer = { code: number; body: unknown };

async function control(
  part: Switchable,
  target: string | undefined,
  request: IncomingMessage,
  query: URLSearchParams,
): Promise<ControlAnswer> {
  const method = request.method ?? 'GET';
  if (target === undefined) {
    return method === 'GET'
      ? { code: 200, body: part.snapshot() }
      : { code: 405, body: { error: 'GET only' } };
  }
  if (target === 'reset') {
    if (method !== 'POST') return { code: 405, body: { error: 'POST only' } };
    part.reset();
    return { code: 200, body: part.snapshot() };
  }
  if (method !== 'POST' && method !== 'GET') return { code: 405, body: { error: 'GET or POST' } };
  let state = query.get('state') ?? undefined;
  if (!part.stateless && method === 'POST' && state === undefined) {
    try {
      const parsed = JSON.parse((await readBody(request)) || '{}') as { state?: unknown };
      if (typeof parsed.state === 'string') state = parsed.state;
    } catch {
      return { code: 400, body: { error: 'body must be JSON: {"state": "<state>"}' } };
    }
  }
  if (!part.stateless && state === undefined) {
    return part.has(target)
      ? { code: 200, body: part.snapshot() }
      : { code: 404, body: { error: `unknown "${target}"` } };
  }
  try {
    part.set(target, state);
    return { code: 200, body: part.snapshot() };
  } catch (error) {
    return { code: 400, body: { error: error instanceof Error ? error.message : String(error) } };
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((ok, fail) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_CONTROL_BODY) request.destroy(new Error('control body too large'));
    });
    request.on('end', () => ok(body));
    request.on('error', fail);
  });
}

/**
 * Starts the lab: one HTTPS server that answers for every lab hostname by its Host header, with
 * the response headers of the CDN that "serves" that host. Requests for other hosts (a
 * browser's own background traffic) get a quiet 404.
 */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
  const port = options.port ?? 443;
  const host = options.host ?? '127.0.0.1';
  const { key, cert } = labCertificate(LAB_DIR, HOSTNAMES);
  const visits = new Map<string, VisitStats>();
  const status = new StatusLab();
  const failures = new FailureLab(HOSTS);
  const doh = new DohLab();
  const controls: [RegExp, Switchable][] = [
    [
      STATUS_PATH,
      {
        snapshot: () => status.snapshot(),
        reset: () => status.reset(),
        has: (feed) => status.statesOf(feed) !== undefined,
        set: (feed, state) => status.set(feed, state ?? ''),
      },
    ],
    [
      DOH_PATH,
      {
        snapshot: () => doh.snapshot(),
        reset: () => doh.reset(),
        has: (resolver) => doh.isResolver(resolver),
        set: (resolver, state) => doh.set(resolver, state ?? ''),
      },
    ],
    [
      FAILURES_PATH,
      {
        snapshot: () => failures.snapshot(),
        reset: () => failures.reset(),
        has: () => true,
        set: (mode) => failures.set(mode),
        stateless: true,
      },
    ],
  ];

  const visit = (id: string): VisitStats => {
    const v = visits.get(id);
    return v ? { total: v.total, hosts: { ...v.hosts } } : { total: 0, hosts: {} };
  };

  const handle = (request: IncomingMessage, response: ServerResponse): void => {
    const hostName = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(request.url ?? '/', 'https://lab.invalid');
    const def = BY_HOST.get(hostName);
    const common = { 'cache-control': 'no-store', 'access-control-allow-origin': '*' };

    if (hostName === FRONT_HOST) {
      const story = SCENARIO_PATH.exec(url.pathname);
      if (story) {
        const id = story[1];
        const scenario = SCENARIOS.find((x) => x.id === id);
        if (id === 'reset' || scenario) {
          status.reset();
          failures.reset();
          doh.reset();
          for (const [feed, state] of Object.entries(scenario?.status ?? {})) status.set(feed, state);
          if (scenario) failures.set(scenario.failures);
        }
        const code = id === undefined || id === 'reset' || scenario ? 200 : 404;
        // A person's button (a form) goes back to the front page; a script gets JSON.
        if (request.headers.accept?.includes('text/html')) {
          response.writeHead(303, { ...common, location: '/' });
          response.end();
          return;
        }
        response.writeHead(code, { ...common, 'content-type': 'application/json' });
        response.end(JSON.stringify({ scenario: scenario?.id ?? null, mode: failures.mode }));
        return;
      }
      const m = STATS_PATH.exec(url.pathname);
      if (m) {
        response.writeHead(200, { ...common, 'content-type': 'application/json' });
        response.end(JSON.stringify(visit(m[1]!)));
        return;
      }
      for (const [path, part] of controls) {
        const match = path.exec(url.pathname);
        if (!match) continue;
        control(part, match[1], request, url.searchParams).then(
          ({ code, body }) => {
            response.writeHead(code, { ...common, 'content-type': 'application/json' });
            response.end(JSON.stringify(body));
          },
          () => response.destroy(),
        );
        return;
      }
    }
    // "Your own connection is down": nothing but the front page answers at all (a person who
    // pressed the scenario's button gets the page back, with its Reset button).
    if (failures.mode === 'offline' && hostName !== FRONT_HOST) {
      request.socket.destroy();
      return;
    }
    const resolverAnswer = doh.answer(hostName, url.pathname, url.searchParams, request.headers.accept);
    if (resolverAnswer) {
      if (resolverAnswer.kind === 'destroy') {
        request.socket.destroy();
        return;
      }
      response.writeHead(resolverAnswer.status, {
        ...resolverAnswer.headers,
        'content-length': Buffer.byteLength(resolverAnswer.body),
      });
      response.end(request.method === 'HEAD' ? undefined : resolverAnswer.body);
      return;
    }
    const feed = status.answer(hostName, url.pathname, request.headers['if-none-match']);
    if (feed) {
      if (feed.kind === 'destroy') {
        request.socket.destroy();
        return;
      }
      response.writeHead(feed.status, {
        ...feed.headers,
        'access-control-allow-origin': '*',
        ...(feed.status === 304 ? {} : { 'content-length': Buffer.byteLength(feed.body) }),
      });
      response.end(request.method === 'HEAD' || feed.status === 304 ? undefined : feed.body);
      return;
    }
    const req: LabRequest = { host: hostName, path: url.pathname, query: url.searchParams };
    const resource =
      def && (request.method === 'GET' || request.method === 'HEAD') ? resolve(def, req) : undefined;
    const visitId = url.searchParams.get('visit');
    if (def && visitId) {
      const v = visits.get(visitId) ?? { total: 0, hosts: {} };
      v.total++;
      v.hosts[hostName] = (v.hosts[hostName] ?? 0) + 1;
      visits.set(visitId, v);
    }
    // A failing site answers its error on every path, at once (before any route or delay).
    const failed = def ? failures.answer(def) : undefined;
    if (failed) {
      response.writeHead(failed.status, {
        ...failed.headers,
        'content-length': Buffer.byteLength(failed.body),
      });
      response.end(request.method === 'HEAD' ? undefined : failed.body);
      return;
    }
    const send = (): void => {
      if (response.destroyed) return;
      const edge = def ? def.edge() : {};
      if (!resource) {
        response.writeHead(404, { ...edge, ...common, 'content-type': 'text/plain; charset=utf-8' });
        response.end('Not found\n');
        return;
      }
      const body = typeof resource.body === 'function' ? resource.body(req) : resource.body;
      response.writeHead(resource.status ?? 200, {
        ...edge,
        ...common,
        'content-type': resource.contentType,
        'content-length': Buffer.byteLength(body),
      });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (resource?.delayMs) setTimeout(send, resource.delayMs);
    else send();
  };

  const server: Server = createServer({ key, cert }, handle);
  // A browser dropping a connection mid-handshake is not the lab's problem.
  server.on('tlsClientError', () => {});
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((ok, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EACCES') {
        fail(new Error(`The lab needs port ${port} on ${host}: run as root (binding ports below 1024).`));
      } else if (error.code === 'EADDRINUSE') {
        fail(new Error(`Port ${port} on ${host} is taken (is another lab or \`npm start\` running?).`));
      } else fail(error);
    });
    server.listen(port, host, () => ok());
  });
  const bound = (server.address() as AddressInfo).port;

  return {
    host,
    port: bound,
    hostnames: HOSTNAMES,
    frontPage: `https://${FRONT_HOST}/`,
    visit,
    status,
    failures,
    doh,
    stop: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
