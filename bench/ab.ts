/**
 * `npm run bench:ab -- [rev] [rounds]`: is the working tree's classifier faster than the one at
 * git revision `rev` (default HEAD)?
 *
 * Separate runs of `npm run bench` on this shared machine differ by ±10–20 %, which hides any
 * change smaller than that. Here both classifiers live in one process over the same corpus, and
 * their calls alternate (A then B, B then A, response after response; batch after batch), so the
 * machine's slow and fast moments fall on both alike. Same measures as `npm run bench`: each call
 * alone after a fresh copy of its response, and batches of fresh copies. Each round is a fresh
 * process; the report gives each round and the mean difference. Not part of `npm test`.
 *
 * Caveat: the two classifiers share the process's garbage collector, so a change that allocates
 * less also speeds up the other side a little; allocation savings are under-reported.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Classifier } from '../src/core/detect/index.ts';
import { BATCH, quantile } from './timing.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

type Side = 'A' | 'B';

/** One round, in this process: A = the tree at `dirA`, B = the working tree. */
async function round(dirA: string): Promise<void> {
  const { buildCorpus } = await import('./corpus.ts');
  // The detection module moved from src/detect/ to src/core/detect/ (e3985ce).
  const entryA = ['src/core/detect/index.ts', 'src/detect/index.ts'].find((f) => existsSync(join(dirA, f)));
  const { defaultClassifier: makeA } = (await import(
    pathToFileURL(join(dirA, entryA ?? 'src/detect/index.ts')).href
  )) as {
    defaultClassifier: () => Classifier;
  };
  const { defaultClassifier: makeB } = await import('../src/core/detect/index.ts');
  const corpus = buildCorpus().responses;
  const sides: Record<Side, Classifier> = { A: makeA(), B: makeB() };
  let sink = 0;
  for (let w = 0; w < 2; w++) {
    for (const r of corpus)
      sink += sides.A.classify(structuredClone(r)).length + sides.B.classify(structuredClone(r)).length;
  }
  const calls: Record<Side, number[]> = { A: [], B: [] };
  for (let p = 0; p < 3; p++) {
    corpus.forEach((r, i) => {
      for (const side of (i + p) % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
        const copy = structuredClone(r);
        const t0 = process.hrtime.bigint();
        sink += sides[side].classify(copy).length;
        calls[side].push(Number(process.hrtime.bigint() - t0));
      }
    });
  }
  const batches: Record<Side, number[]> = { A: [], B: [] };
  for (let p = 0; p < 6; p++) {
    for (let i = 0, b = 0; i < corpus.length; i += BATCH, b++) {
      for (const side of (b + p) % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
        const batch = corpus.slice(i, i + BATCH).map((r) => structuredClone(r));
        const t0 = process.hrtime.bigint();
        for (const x of batch) sink += sides[side].classify(x).length;
        batches[side].push(Number(process.hrtime.bigint() - t0) / batch.length);
      }
    }
  }
  const median = (xs: number[]): number =>
    quantile(
      [...xs].sort((a, b) => a - b),
      0.5,
    );
  process.stdout.write(
    `${JSON.stringify({
      A: { call: median(calls.A), batch: median(batches.A) },
      B: { call: median(calls.B), batch: median(batches.B) },
      sink: sink === -1,
    })}\n`,
  );
}

function main(): void {
  const [rev = 'HEAD', roundsArg = '3'] = process.argv.slice(2).filter((a) => a !== '--');
  const rounds = Math.max(1, Number.parseInt(roundsArg, 10) || 3);
  const dirA = mkdtempSync(join(tmpdir(), 'faultline-ab-'));
  try {
    // The revision's sources and package.json (ES module semantics, as in the working tree).
    execFileSync('sh', ['-c', `git archive "$1" src package.json | tar -x -C "$2"`, 'sh', rev, dirA], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const commit = execFileSync('git', ['rev-parse', '--short', rev], { cwd: ROOT, encoding: 'utf8' }).trim();
    const us = (ns: number): string => `${(ns / 1000).toFixed(3)} µs`;
    const pct = (a: number, b: number): string => `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(1)} %`;
    let callA = 0;
    let callB = 0;
    let batchA = 0;
    let batchB = 0;
    process.stdout.write(`A = ${rev} (${commit}), B = working tree; ${rounds} rounds, one process each\n`);
    for (let r = 0; r < rounds; r++) {
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', fileURLToPath(import.meta.url), '--round', dirA],
        {
          cwd: ROOT,
          encoding: 'utf8',
          timeout: 300_000,
        },
      );
      const m = JSON.parse(out.trim().split('\n').pop() ?? '{}') as Record<
        Side,
        { call: number; batch: number }
      >;
      callA += m.A.call;
      callB += m.B.call;
      batchA += m.A.batch;
      batchB += m.B.batch;
      process.stdout.write(
        `round ${r + 1}: per call A ${us(m.A.call)} B ${us(m.B.call)} (${pct(m.A.call, m.B.call)}) · batches A ${us(m.A.batch)} B ${us(m.B.batch)} (${pct(m.A.batch, m.B.batch)})\n`,
      );
    }
    process.stdout.write(
      `mean:    per call A ${us(callA / rounds)} B ${us(callB / rounds)} (${pct(callA, callB)}) · batches A ${us(batchA / rounds)} B ${us(batchB / rounds)} (${pct(batchA, batchB)})\n`,
    );
  } finally {
    rmSync(dirA, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--round') await round(process.argv[3]!);
else main();
