import { describe, expect, it } from 'vitest';
import { providerById } from '../catalog/index.ts';
import { loadRealCorpus, type RealResponse } from './__fixtures__/harness.ts';
import { ratio, scoreCorpus, scoreLines } from './__fixtures__/real-score.ts';
import { defaultClassifier } from './index.ts';
import type { Detection } from './types.ts';

/*
 * The real-world corpus: facts transcribed from public captures (URL, status, headers, server IP),
 * each labelled with its providers and the evidence, classified with the shipped catalog and IP
 * snapshot. Scored on host–provider pairs (one pair per host and provider, however many responses
 * say it), and on the main document: its providers, exactly. The per-provider figures are printed.
 */

const PRECISION = 0.99;
const RECALL = 0.95;
const MAIN_DOCUMENT = 0.98;

const classifier = defaultClassifier();
const pages = loadRealCorpus();

function classify(r: RealResponse): Detection[] {
  const headers = r.headers.map(([name, value]) => ({ name, value }));
  return classifier.classify(r.ip ? { url: r.url, headers, ip: r.ip } : { url: r.url, headers });
}

const ours = (r: RealResponse): Map<string, string> =>
  new Map(classify(r).map((d) => [d.providerId, d.role]));

describe('the real-world corpus', () => {
  it('is real facts with a named source, labelled with catalog providers and roles', () => {
    expect(pages.length).toBeGreaterThanOrEqual(10);
    for (const page of pages) {
      expect(page.captured, page.file).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(page.tool.length, page.file).toBeGreaterThan(3);
      if ('repo' in page.source) {
        expect(page.source.repo, page.file).toMatch(/^[\w.-]+\/[\w.-]+$/);
        expect(page.source.path.length, page.file).toBeGreaterThan(3);
        expect(page.source.commit, page.file).toMatch(/^[0-9a-f]{40}$/);
      } else expect(page.source.url, page.file).toMatch(/^https:\/\//);
      expect(page.responses.length, page.file).toBeGreaterThan(0);
      for (const r of page.responses) {
        expect(() => new URL(r.url), r.url).not.toThrow();
        expect(r.why.length, r.url).toBeGreaterThan(5);
        for (const [id, role] of Object.entries(r.expect)) {
          expect(providerById.has(id), `${page.file}: ${id}`).toBe(true);
          expect(['edge', 'origin', 'service'], `${page.file}: ${id}`).toContain(role);
        }
      }
    }
  });

  it(`finds its host–provider pairs with precision ≥ ${PRECISION} and recall ≥ ${RECALL}, the main document's providers on ≥ ${MAIN_DOCUMENT * 100}% of pages`, () => {
    const s = scoreCorpus(ours, pages);
    const { all, mains, roles } = s;
    const lines = [
      ...scoreLines(s),
      ...s.misses.map((m) => `  · ${m}`),
      ...mains.wrong.map((m) => `  · ${m}`),
      ...roles.wrong.map((m) => `  · ${m}`),
    ];
    console.log(lines.join('\n'));
    expect(ratio(all.tp, all.tp + all.fp)).toBeGreaterThanOrEqual(PRECISION);
    expect(ratio(all.tp, all.tp + all.fn)).toBeGreaterThanOrEqual(RECALL);
    expect(ratio(mains.right, mains.pages)).toBeGreaterThanOrEqual(MAIN_DOCUMENT);
    expect(roles.wrong).toEqual([]);
  });

  it('reads the PoPs the labels name', () => {
    for (const page of pages) {
      for (const r of page.responses) {
        const got = classify(r);
        for (const [id, pop] of Object.entries(r.pop ?? {})) {
          expect(got.find((d) => d.providerId === id)?.pop, `${page.file} ${r.url}`).toBe(pop);
        }
      }
    }
  });
});
