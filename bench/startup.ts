/**
 * Child process of the benchmark: what the IP ranges cost a worker that has just started. Reads
 * the shipped packed table as text (the bundle holds it as a literal the engine parses when the
 * worker loads), then times parsing it and unpacking it into the matcher's typed arrays, and the
 * first lookup. Prints one JSON object on stdout, in milliseconds.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PackedIpRanges, unpackIpRanges } from '../src/core/detect/ip.ts';

const FILE = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'src',
  'core',
  'catalog',
  'data',
  'ip-ranges.packed.json',
);

const text = readFileSync(FILE, 'utf8');
const t0 = performance.now();
const packed = JSON.parse(text) as PackedIpRanges;
const t1 = performance.now();
const matcher = unpackIpRanges(packed);
const t2 = performance.now();
const hit = matcher.match('23.45.67.89');
const t3 = performance.now();
process.stdout.write(
  `${JSON.stringify({ parse: t1 - t0, unpack: t2 - t1, firstLookup: t3 - t2, rows: matcher.prefixes, bytes: text.length, ok: hit !== undefined })}\n`,
);
