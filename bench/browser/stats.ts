/** Summaries of the browser benchmark's samples: median with min–max, ratios, a text table. */

export interface Summary {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function summary(samples: readonly number[]): Summary | undefined {
  if (samples.length === 0) return undefined;
  const s = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  const median = s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { n: s.length, median, min: s[0]!, max: s[s.length - 1]! };
}

function num(v: number, digits: number): string {
  if (Math.abs(v) >= 100_000) return `${(v / 1024).toFixed(0)}K`;
  return v.toFixed(digits);
}

export function show(s: Summary | undefined, digits = 1): string {
  if (!s) return '–';
  if (s.min === s.max) return num(s.median, digits);
  return `${num(s.median, digits)} (${num(s.min, digits)}–${num(s.max, digits)})`;
}

export function ratio(a: Summary | undefined, b: Summary | undefined): string {
  if (!a || !b || b.median === 0) return '–';
  return `×${(a.median / b.median).toFixed(2)}`;
}

/** Left-aligned first column, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
