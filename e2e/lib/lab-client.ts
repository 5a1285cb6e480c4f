import { request } from 'node:https';
import type { VisitStats } from '../lab/server.ts';
import { FRONT_HOST } from '../lab/sites.ts';

/** Asks a running lab (maybe in another process) what it served for `?visit=<id>`. */
export function labVisit(id: string, port = 443): Promise<VisitStats> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        servername: FRONT_HOST,
        path: `/__lab/visit/${encodeURIComponent(id)}`,
        headers: { host: FRONT_HOST },
        // The lab's own self-signed certificate.
        rejectUnauthorized: false,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => {
          try {
            ok(JSON.parse(body) as VisitStats);
          } catch (error) {
            fail(error);
          }
        });
      },
    );
    req.on('error', fail);
    req.end();
  });
}
