import { splitUrl } from '../classify.ts';
import { loadRealCorpus, type RealPage, type RealResponse } from './harness.ts';

/*
 * Scores a detector on the real-world corpus (`real/`): host–provider pairs (one pair per host and
 * provider, however many responses say it), the main document's providers (exactly), and the
 * roles of the labelled providers it found. Used by real.test.ts (our classifier) and by
 * `npm run bench` (ours and wappalyzer-core's, on the same responses).
 */

/** What a detector says of one response: provider id → role (a role of '' is not scored). */
export type Detect = (response: RealResponse) => ReadonlyMap<string, string>;

export interface Score {
  tp: number;
  fp: number;
  fn: number;
}

export interface CorpusScore {
  readonly pages: number;
  readonly responses: number;
  readonly all: Score;
  readonly byProvider: ReadonlyMap<string, Score>;
  readonly mains: { right: number; pages: number; wrong: string[] };
  readonly roles: { right: number; of: number; wrong: string[] };
  readonly misses: readonly string[];
}

export const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

/** The page's main document, as the HAR reader picks it: the first document that is no redirect. */
export function mainDocument(page: RealPage): RealResponse | undefined {
  const documents = page.responses.filter((r) => r.kind === 'document');
  return documents.find((r) => r.status < 300 || r.status >= 400) ?? documents[0];
}

export function scoreCorpus(detect: Detect, pages: readonly RealPage[] = loadRealCorpus()): CorpusScore {
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
  let responses = 0;
  for (const page of pages) {
    const expected = new Set<string>();
    const found = new Set<string>();
    const main = mainDocument(page);
    for (const r of page.responses) {
      responses++;
      const host = splitUrl(r.url).host;
      const got = detect(r);
      for (const id of Object.keys(r.expect)) expected.add(`${host} ${id}`);
      for (const id of got.keys()) found.add(`${host} ${id}`);
      for (const [id, role] of Object.entries(r.expect)) {
        const have = got.get(id);
        if (have === undefined || have === '') continue;
        roles.of++;
        if (have === role) roles.right++;
        else roles.wrong.push(`${page.file} ${r.url}: ${id} is ${have}, labelled ${role}`);
      }
      if (r === main) {
        mains.pages++;
        const want = Object.keys(r.expect).sort().join(' ');
        const have = [...got.keys()].sort().join(' ');
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
  return { pages: pages.length, responses, all, byProvider, mains, roles, misses };
}

/** The printed summary: totals, then provider by provider. */
export function scoreLines(s: CorpusScore): string[] {
  return [
    `real-world corpus: ${s.pages} pages, ${s.responses} responses, ${s.all.tp + s.all.fn} labelled host–provider pairs`,
    `  precision ${ratio(s.all.tp, s.all.tp + s.all.fp).toFixed(3)} · recall ${ratio(s.all.tp, s.all.tp + s.all.fn).toFixed(3)} · main document right on ${s.mains.right}/${s.mains.pages} pages · roles right ${s.roles.right}/${s.roles.of}`,
    ...[...s.byProvider]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(
        ([id, p]) =>
          `  ${id.padEnd(16)} precision ${ratio(p.tp, p.tp + p.fp).toFixed(2)} recall ${ratio(p.tp, p.tp + p.fn).toFixed(2)} (${p.tp} found, ${p.fp} wrong, ${p.fn} missed)`,
      ),
  ];
}
