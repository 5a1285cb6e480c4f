import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATUS_SOURCES } from '../src/core/catalog/index.ts';
import { FEED_KINDS } from '../src/core/catalog/types.ts';
import { CORPUS, type Reading } from '../src/core/status/__fixtures__/corpus/corpus.ts';
import type { PageStatus } from '../src/core/status/relevance.ts';
import { type Io, run } from './status.ts';

/**
 * The real-payload corpus (src/core/status/__fixtures__/corpus/corpus.ts), each reading run
 * through `npm run status -- … --json` in this process: the page status the popup would receive
 * for a page using that product, from that place, must be what the status page means.
 */

const FIX = join(import.meta.dirname, '..', 'src', 'core', 'status', '__fixtures__');

const offline: Io['fetch'] = async () => {
  throw new Error('the corpus is read from files only');
};

async function pageStatusOf(file: string, now: string, r: Reading): Promise<PageStatus> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    readFile: (path) => new Uint8Array(readFileSync(path === 0 ? '/dev/stdin' : path)),
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    fetch: offline,
    now: () => new Date(now),
  };
  const args = ['--provider', r.provider, '--file', join(FIX, file), '--now', r.now ?? now, '--json'];
  for (const pop of r.pops ?? []) args.push('--pop', pop);
  for (const host of r.hosts ?? []) args.push('--host', host);
  if (r.kind) args.push('--kind', r.kind);
  if (r.url) args.push('--url', r.url);
  const code = await run(args, io);
  expect(stderr, file).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout) as PageStatus;
}

describe('the real-payload corpus, read as each status page means it', () => {
  for (const capture of CORPUS) {
    describe(`${capture.file} (${capture.form}, ${capture.date})`, () => {
      it('says where it comes from', () => {
        expect(capture.source.length).toBeGreaterThan(20);
        if (capture.form === 'reconstruction') expect(capture.assumed, 'what is assumed').toBeTruthy();
      });
      for (const r of capture.readings) {
        const where = [...(r.pops ?? []), ...(r.hosts ?? [])].join(' ') || 'no place';
        it(`${r.provider} (${where}${r.now ? ` at ${r.now}` : ''}): ${r.means}`, async () => {
          const st = await pageStatusOf(capture.file, capture.now, r);
          expect(st.level).toBe(r.level);
          if (r.unknown !== undefined) {
            expect(st.unknown?.reason).toBe(r.unknown);
            expect(st.incidents).toEqual([]);
            return;
          }
          expect(st.unknown).toBeUndefined();
          expect(st.uncertain).toBe(r.uncertain ?? false);
          expect(st.incidents.map((x) => [x.event.title, x.relation])).toEqual(r.incidents ?? []);
          expect(st.maintenances.map((x) => [x.event.title, x.relation])).toEqual(r.maintenances ?? []);
          expect((st.ignored ?? []).map((x) => [x.title, x.reason])).toEqual(r.ignored ?? []);
          expect(st.rerouted).toEqual(r.rerouted ?? []);
          expect(st.products.map((p) => p.name)).toEqual(r.products ?? []);
        });
      }
    });
  }

  it('reads a real (or documented) payload of every feed kind the catalog uses, but two', () => {
    const read = new Set(
      CORPUS.flatMap((c) => c.readings.map((r) => r.kind ?? STATUS_SOURCES[r.provider]?.kind)),
    );
    // No real Heroku or PayPal payload was found in public material (their parsers are tested
    // on the documented shapes in parsers/feeds.test.ts).
    const missing = FEED_KINDS.filter((k) => !read.has(k));
    expect(missing).toEqual(['heroku', 'paypal']);
  });
});
