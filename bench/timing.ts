/** Timing helpers of the benchmarks: per call and per batch, with fresh copies of the input. */

/** Responses per timed batch. */
export const BATCH = 250;

export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export interface Timing {
  median: number;
  p99: number;
  perSecond: number;
}

/**
 * Runs `fn` over the corpus in batches; per-item time = batch time / batch size (ns).
 * With `fresh`, each batch is first copied (outside the timed region) so that the timed code sees
 * objects just created, as a webRequest listener does: the browser hands it a freshly
 * deserialised `details` object per response. Without it, a 12,000-response corpus of ~250,000
 * header objects mostly measures cache misses on data no listener would ever see twice.
 */
export function timeBatches<T>(
  items: readonly T[],
  fn: (item: T) => number,
  passes: number,
  fresh?: (item: T) => T,
): Timing {
  let sink = 0;
  for (let w = 0; w < 3; w++) for (const it of items) sink += fn(it); // warm-up
  const samples: number[] = [];
  let total = 0n;
  let count = 0;
  for (let p = 0; p < passes; p++) {
    for (let i = 0; i < items.length; i += BATCH) {
      const end = Math.min(items.length, i + BATCH);
      const batch = fresh ? items.slice(i, end).map(fresh) : items.slice(i, end);
      const t0 = process.hrtime.bigint();
      for (let k = 0; k < batch.length; k++) sink += fn(batch[k]!);
      const dt = process.hrtime.bigint() - t0;
      samples.push(Number(dt) / batch.length);
      total += dt;
      count += batch.length;
    }
  }
  if (sink === -1) process.stdout.write(''); // keep the results alive
  samples.sort((a, b) => a - b);
  return {
    median: quantile(samples, 0.5),
    p99: quantile(samples, 0.99),
    perSecond: count / (Number(total) / 1e9),
  };
}

/**
 * One call at a time, as a webRequest listener is called: each response is copied just before
 * its call (the browser builds a fresh `details` object per event, and that work runs between
 * two calls), then the call alone is timed with process.hrtime.bigint. Per-response median and
 * p99, timer overhead included (the report times the same loop around a call that does nothing).
 * Between two calls the copy's own code runs, as the browser's does: the classifier's code and
 * tables are no longer all in the processor's caches, so this is slower than a tight loop.
 */
export function timeEachCall<T>(
  items: readonly T[],
  fn: (item: T) => number,
  passes: number,
  fresh: (item: T) => T,
  warmUps = 2,
): Timing {
  let sink = 0;
  for (let w = 0; w < warmUps; w++) for (const it of items) sink += fn(fresh(it));
  const samples: number[] = [];
  for (let p = 0; p < passes; p++) {
    for (const it of items) {
      const copy = fresh(it);
      const t0 = process.hrtime.bigint();
      sink += fn(copy);
      samples.push(Number(process.hrtime.bigint() - t0));
    }
  }
  if (sink === -1) process.stdout.write('');
  samples.sort((a, b) => a - b);
  const total = samples.reduce((a, b) => a + b, 0);
  return {
    median: quantile(samples, 0.5),
    p99: quantile(samples, 0.99),
    perSecond: samples.length / (total / 1e9),
  };
}
