import { describe, expect, it } from 'vitest';
import { providerById } from '../catalog/index.ts';
import { loadRealCorpus, type RealPage, type RealResponse } from './__fixtures__/harness.ts';
import { defaultClassifier, splitUrl } from './index.ts';
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

/** The page's main document, as the HAR reader picks it: the first document that is no redirect. */
function mainDocument(page: RealPage): RealResponse | undefined {
  const documents = page.responses.filter((r) => r.kind === 'document');
  return documents.find((r) => r.status < 300 || r.status >= 400) ?? documents[0];
}

interface Score {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

function score(): {
  all: Score;
  byProvider: Map<string, Score>;
  mains: { right: number; pages: number; wrong: string[] };
  roles: { right: number; of: number; wrong: string[] };
  misses: string[];
} {
  const all: Score = { tp: 0, fp: 0, fn: 0 };
  const byProvider = new Map<string, Score>();
  const of = (id: string): Score => {
    const s = byProvider.get(id) ?? { tp: 0, fp: 0, fn: 0 };
    byProvider.set(id, s);
    return s;
  };
  const mains = { right: 0, pages: 0, wrong: [] as string[] };
  const roles = { right: 0, of: 0, wrong: [] as string[] };
  const misses: string[] = [];
  for (const page of pages) {
    const expected = new Set<string>();
    const found = new Set<string>();
    const main = mainDocument(page);
    for (const r of page.responses) {
      const host = splitUrl(r.url).host;
      const got = classify(r);
      for (const id of Object.keys(r.expect)) expected.add(`${host} ${id}`);
      for (const d of got) found.add(`${host} ${d.providerId}`);
      for (const [id, role] of Object.entries(r.expect)) {
        const d = got.find((x) => x.providerId === id);
        if (!d) continue;
        roles.of++;
        if (d.role === role) roles.right++;
        else roles.wrong.push(`${page.file} ${r.url}: ${id} is ${d.role}, labelled ${role}`);
      }
      if (r === main) {
        mains.pages++;
        const want = Object.keys(r.expect).sort().join(' ');
        const have = got
          .map((d) => d.providerId)
          .sort()
          .join(' ');
        if (want === have) mains.right++;
        else mains.wrong.push(`${page.file}: main document ${r.url} gives [${have}], labelled [${want}]`);
      }
    }
    for (const pair of found) {
      const id = pair.slice(pair.indexOf(' ') + 1);
      if (expected.has(pair)) {
        all.tp++;
        of(id).tp++;
      } else {
        all.fp++;
        of(id).fp++;
        misses.push(`${page.file}: ${pair} found, not labelled`);
      }
    }
    for (const pair of expected) {
      if (found.has(pair)) continue;
      const id = pair.slice(pair.indexOf(' ') + 1);
      all.fn++;
      of(id).fn++;
      misses.push(`${page.file}: ${pair} labelled, not found`);
    }
  }
  return { all, byProvider, mains, roles, misses };
}

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
    const { all, byProvider, mains, roles, misses } = score();
    const responses = pages.reduce((n, p) => n + p.responses.length, 0);
    const lines = [
      `real-world corpus: ${pages.length} pages, ${responses} responses, ${all.tp + all.fn} labelled host–provider pairs`,
      `  precision ${ratio(all.tp, all.tp + all.fp).toFixed(3)} · recall ${ratio(all.tp, all.tp + all.fn).toFixed(3)} · main document right on ${mains.right}/${mains.pages} pages · roles right ${roles.right}/${roles.of}`,
      ...[...byProvider]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(
          ([id, s]) =>
            `  ${id.padEnd(16)} precision ${ratio(s.tp, s.tp + s.fp).toFixed(2)} recall ${ratio(s.tp, s.tp + s.fn).toFixed(2)} (${s.tp} found, ${s.fp} wrong, ${s.fn} missed)`,
        ),
      ...misses.map((m) => `  · ${m}`),
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
