import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog/index.ts';
import { expected, loadFixtureFiles, stubIpMatcher, summarize } from './__fixtures__/harness.ts';
import { compile } from './classify.ts';

const classifier = compile(CATALOG, stubIpMatcher);
const files = loadFixtureFiles();

for (const { file, cases } of files) {
  describe(`fixtures: ${file}`, () => {
    for (const c of cases) {
      it(c.name, () => {
        const input = c.ip
          ? { url: c.url, headers: c.headers, ip: c.ip }
          : { url: c.url, headers: c.headers };
        expect(summarize(classifier.classify(input))).toEqual(expected(c));
      });
    }
  });
}

describe('fixture coverage', () => {
  it('has fixture files to run', () => {
    expect(files.map((f) => f.file)).toEqual(
      expect.arrayContaining(['first-four.json', 'cdn.json', 'stacked.json', 'traps.json']),
    );
  });

  it('has at least one positive case for every provider with detection rules', () => {
    const positive = new Set<string>();
    for (const { cases } of files) for (const c of cases) for (const e of c.expect) positive.add(e.id);
    const missing = CATALOG.filter(
      (p) => (p.headers?.length ?? 0) > 0 || (p.hosts?.length ?? 0) > 0 || p.ipRanges !== undefined,
    )
      .map((p) => p.id)
      .filter((id) => !positive.has(id));
    expect(missing).toEqual([]);
  });

  it('only expects providers and roles that exist', () => {
    const ids = new Set(CATALOG.map((p) => p.id));
    for (const { file, cases } of files) {
      for (const c of cases) {
        for (const e of c.expect) {
          expect(ids.has(e.id), `${file}: ${c.name}: ${e.id}`).toBe(true);
          expect(['edge', 'origin', 'service']).toContain(e.role);
        }
        expect(c.expect.filter((e) => e.role === 'edge').length, `${file}: ${c.name}`).toBeLessThanOrEqual(1);
      }
    }
  });
});
