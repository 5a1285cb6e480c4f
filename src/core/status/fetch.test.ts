import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_SOURCES } from '../catalog/index.ts';
import { originsOf } from './feeds.ts';
import { feedFetcher } from './fetch.ts';
import type { FetchRequest } from './poller.ts';

/**
 * The feed fetcher on Node's real `fetch` against real local servers (two origins: a status host
 * and another host), so what is refused is seen from the server side too: a refused URL or a
 * redirect target is never requested. The browser's opaque redirects are covered end to end
 * (e2e/status.e2e.ts, the lab's `redirect_*` states).
 */

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

interface Lab {
  readonly origin: string;
  readonly seen: string[];
  route: (path: string, handler: Handler) => void;
  close: () => Promise<void>;
}

async function lab(): Promise<Lab> {
  const routes = new Map<string, Handler>();
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.url ?? '');
    const handler = routes.get(req.url ?? '');
    if (handler) handler(req, res);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    seen,
    route: (path, handler) => routes.set(path, handler),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const OPERATIONAL = JSON.stringify({ page: { id: 'x' }, status: { indicator: 'none' } });
const fetcher = feedFetcher((url, init) => fetch(url, init));

let feeds: Lab;
let other: Lab;

beforeAll(async () => {
  feeds = await lab();
  other = await lab();
  const json = (res: ServerResponse, body: string, headers: Record<string, string> = {}) =>
    res.writeHead(200, { 'content-type': 'application/json', ...headers }).end(body);
  feeds.route('/status.json', (_q, res) => json(res, OPERATIONAL, { etag: '"v1"', 'last-modified': 'x' }));
  feeds.route('/revalidated.json', (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') res.writeHead(304, { etag: '"v1"' }).end();
    else json(res, OPERATIONAL, { etag: '"v1"' });
  });
  // What a status host behind a login wall or in maintenance does: a same-host redirect to a
  // page that would read as a calm feed if it were followed.
  feeds.route('/moved.json', (_q, res) => res.writeHead(302, { location: '/login' }).end());
  feeds.route('/login', (_q, res) => json(res, OPERATIONAL));
  feeds.route('/elsewhere.json', (_q, res) =>
    res.writeHead(301, { location: `${other.origin}/status.json` }).end(),
  );
  feeds.route('/see-other.json', (_q, res) => res.writeHead(303, { location: '/login' }).end());
  feeds.route('/big-declared.json', (_q, res) =>
    res.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000)),
  );
  feeds.route('/big-streamed.json', (_q, res) => {
    res.writeHead(200); // chunked: no length declared
    for (let i = 0; i < 10; i++) res.write('x'.repeat(1000));
    res.end();
  });
  feeds.route('/silent.json', () => {
    // Never answers.
  });
  other.route('/status.json', (_q, res) => json(res, OPERATIONAL));
});

afterAll(async () => {
  await feeds.close();
  await other.close();
});

const request = (url: string, extra: Partial<FetchRequest> = {}): FetchRequest => ({
  url,
  headers: {},
  timeoutMs: 2_000,
  maxBytes: 4_096,
  origins: [feeds.origin],
  ...extra,
});

describe('feedFetcher', () => {
  it('reads a feed from its own origin, with its validators', async () => {
    const res = await fetcher(request(`${feeds.origin}/status.json`));
    expect(res).toMatchObject({ ok: true, status: 200, etag: '"v1"', lastModified: 'x' });
    expect(res.ok && new TextDecoder().decode(res.bytes)).toBe(OPERATIONAL);
  });

  it('passes the conditional headers and reads a 304 as not modified', async () => {
    const res = await fetcher(
      request(`${feeds.origin}/revalidated.json`, { headers: { 'if-none-match': '"v1"' } }),
    );
    expect(res).toEqual({ ok: true, status: 304, etag: '"v1"', lastModified: undefined });
  });

  it('refuses a URL outside the source’s origins before any request is made', async () => {
    const before = other.seen.length;
    const res = await fetcher(request(`${other.origin}/status.json`));
    expect(res).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(!res.ok && res.detail).toContain(`${other.origin} is not this source's status host`);
    expect(other.seen.length).toBe(before);
    // A port is part of the origin: the same host on another port is another origin.
    const sameHost = await fetcher(request(`${feeds.origin}/status.json`, { origins: ['http://127.0.0.1'] }));
    expect(sameHost).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(await fetcher(request('not a url'))).toMatchObject({ ok: false, reason: 'unreachable' });
  });

  it('does not follow a same-host redirect, however calm its target would read', async () => {
    for (const path of ['/moved.json', '/see-other.json']) {
      const res = await fetcher(request(`${feeds.origin}${path}`));
      expect(res, path).toMatchObject({ ok: false, reason: 'redirected' });
      expect(!res.ok && res.detail).toMatch(
        new RegExp(`^HTTP 30[23] to ${feeds.origin}/login, not followed$`),
      );
    }
    expect(feeds.seen).not.toContain('/login');
  });

  it('does not follow a redirect to another host: the target is never requested', async () => {
    const before = other.seen.length;
    const res = await fetcher(request(`${feeds.origin}/elsewhere.json`));
    expect(res).toEqual({
      ok: false,
      reason: 'redirected',
      detail: `HTTP 301 to ${other.origin}/status.json, not followed`,
    });
    expect(other.seen.length).toBe(before);
  });

  it('caps the body, declared or streamed', async () => {
    expect(await fetcher(request(`${feeds.origin}/big-declared.json`))).toEqual({
      ok: false,
      reason: 'too_large',
      detail: '5000 bytes declared',
    });
    expect(await fetcher(request(`${feeds.origin}/big-streamed.json`))).toEqual({
      ok: false,
      reason: 'too_large',
      detail: 'more than 4096 bytes',
    });
  });

  it('gives up after the timeout, and reads a refused connection as unreachable', async () => {
    const started = Date.now();
    expect(await fetcher(request(`${feeds.origin}/silent.json`, { timeoutMs: 300 }))).toEqual({
      ok: false,
      reason: 'timed_out',
      detail: 'no answer within 300 ms',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    const closed = await lab();
    const url = `${closed.origin}/status.json`;
    await closed.close();
    const res = await fetcher(request(url, { origins: [closed.origin] }));
    expect(res).toMatchObject({ ok: false, reason: 'unreachable' });
    expect(!res.ok && res.detail).toMatch(/ECONNREFUSED/);
  });
});

describe('originsOf', () => {
  it('allows exactly the origins of a source’s endpoints, not its human page', () => {
    expect(originsOf(STATUS_SOURCES.cloudflare!)).toEqual(['https://www.cloudflarestatus.com']);
    // Azure's page is on azure.status.microsoft, its feed on rssfeed.azure.status.microsoft.
    expect(originsOf(STATUS_SOURCES['azure-fd']!)).toEqual(['https://rssfeed.azure.status.microsoft']);
    expect(originsOf(STATUS_SOURCES.cloudfront!)).toEqual(['https://health.aws.amazon.com']);
    for (const [id, source] of Object.entries(STATUS_SOURCES)) {
      expect(originsOf(source).length, id).toBeGreaterThan(0);
    }
  });
});
