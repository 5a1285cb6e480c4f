import { request } from 'node:https';
import type { Resolver } from '../../src/core/resilience/dns.ts';
import type { DohSnapshot, DohState } from '../lab/doh.ts';
import type { FailureMode, FailureSnapshot } from '../lab/failures.ts';
import type { VisitStats } from '../lab/server.ts';
import { FRONT_HOST } from '../lab/sites.ts';
import type { StatusSnapshot } from '../lab/status.ts';

/** One request to a running lab's control endpoints (maybe in another process); JSON answer. */
function labCall<T>(method: 'GET' | 'POST', path: string, port: number, body?: unknown): Promise<T> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        servername: FRONT_HOST,
        path,
        headers: {
          host: FRONT_HOST,
          ...(payload === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
        // The lab's own self-signed certificate.
        rejectUnauthorized: false,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 400) {
            fail(new Error(`lab ${method} ${path}: HTTP ${res.statusCode} ${text}`));
            return;
          }
          try {
            ok(JSON.parse(text) as T);
          } catch (error) {
            fail(error);
          }
        });
      },
    );
    req.on('error', fail);
    req.end(payload);
  });
}

/** Asks a running lab what it served for `?visit=<id>`. */
export function labVisit(id: string, port = 443): Promise<VisitStats> {
  return labCall('GET', `/__lab/visit/${encodeURIComponent(id)}`, port);
}

/** Switches one of the lab's status feeds (`cloudflare`, `fastly`, `akamai`) to a scenario. */
export function setLabStatus(feed: string, state: string, port = 443): Promise<StatusSnapshot> {
  return labCall('POST', `/__lab/status/${encodeURIComponent(feed)}`, port, { state });
}

/** Every status feed back to operational. */
export function resetLabStatus(port = 443): Promise<StatusSnapshot> {
  return labCall('POST', '/__lab/status/reset', port);
}

/** Every feed's scenario and what the lab served for it. */
export function labStatus(port = 443): Promise<StatusSnapshot> {
  return labCall('GET', '/__lab/status', port);
}

/** Switches the lab's sites to a failure mode (`origin_522`, `cloudflare_incident`, `none`). */
export function setLabFailures(mode: FailureMode, port = 443): Promise<FailureSnapshot> {
  return labCall('POST', `/__lab/failures/${encodeURIComponent(mode)}`, port);
}

/** Every site answers normally again. */
export function resetLabFailures(port = 443): Promise<FailureSnapshot> {
  return labCall('POST', '/__lab/failures/reset', port);
}

/** The sites' failure mode and the failed answers served. */
export function labFailures(port = 443): Promise<FailureSnapshot> {
  return labCall('GET', '/__lab/failures', port);
}

/** Switches one of the lab's DNS-over-HTTPS resolvers (`cloudflare`, `google`): ok, down, unreachable. */
export function setLabDoh(resolver: Resolver, state: DohState, port = 443): Promise<DohSnapshot> {
  return labCall('POST', `/__lab/dns/${encodeURIComponent(resolver)}`, port, { state });
}

/** Every resolver answers again (tallies are kept). */
export function resetLabDoh(port = 443): Promise<DohSnapshot> {
  return labCall('POST', '/__lab/dns/reset', port);
}

/** Every resolver's state and the queries that reached it. */
export function labDoh(port = 443): Promise<DohSnapshot> {
  return labCall('GET', '/__lab/dns', port);
}

/** Starts one of the demo's scenarios (e2e/lab/scenarios.ts), or `reset`: status pages and sites together. */
export function setLabScenario(id: string, port = 443): Promise<{ scenario: string | null; mode: string }> {
  return labCall('POST', `/__lab/scenario/${encodeURIComponent(id)}`, port);
}
