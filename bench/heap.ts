/**
 * Child process of the benchmark, started with `node --expose-gc --import tsx`: measures the heap
 * retained by the catalog modules and by compiling them (classifier + IP matcher), as V8 heap plus
 * ArrayBuffer memory (the matcher's typed arrays). Prints one JSON object on stdout.
 */
import { type CompiledIpRanges, formatCidr, type IpRangesData, parseCidr } from '../src/core/detect/ip.ts';
import { compileIpRanges } from '../src/core/detect/ip-pack.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('heap.ts: run with node --expose-gc\n');
  process.exit(1);
}

function settle(): number {
  for (let i = 0; i < 4; i++) gc!();
  // Typed arrays live outside the JS heap; count them too.
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Random prefixes in the proportions of a large published list (AWS-sized). */
function syntheticRanges(v4: number, v6: number): IpRangesData {
  let seed = 12345;
  const rand = (): number => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed;
  };
  const list4: string[] = [];
  for (let i = 0; i < v4; i++) {
    const bits = 16 + (rand() % 13);
    const a = rand();
    list4.push(`${(a >>> 24) & 255}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.0/${bits}`);
  }
  const list6: string[] = [];
  for (let i = 0; i < v6; i++) {
    const g = [rand() & 0xffff, rand() & 0xffff, rand() & 0xffff].map((x) => x.toString(16));
    list6.push(`2600:${g.join(':')}::/${48 + (rand() % 17)}`);
  }
  // Canonical text, as `npm run update-ranges` writes it.
  const canonical = (list: string[]): string[] => list.map((t) => formatCidr(parseCidr(t)!));
  return { generated: 'synthetic', sets: { big: { v4: canonical(list4), v6: canonical(list6) } } };
}

async function main(): Promise<void> {
  // Load the loader's own machinery first so it is not counted.
  await import('../src/core/catalog/types.ts');
  const base = settle();
  const mod = await import('../src/core/detect/index.ts');
  const { CATALOG } = await import('../src/core/catalog/index.ts');
  const afterImport = settle();
  // Several copies, averaged: one copy is small enough for GC noise to matter.
  const COPIES = 5;
  const classifiers = Array.from({ length: COPIES }, () =>
    mod.compile(CATALOG, mod.unpackIpRanges(mod.IP_RANGES)),
  );
  const afterCompile = settle();
  const classifier = classifiers[0]!;

  const data = syntheticRanges(10_000, 6_000);
  const beforeBig = settle();
  const bigs: CompiledIpRanges[] = Array.from({ length: COPIES }, () => compileIpRanges(data));
  const afterBig = settle();
  const big = bigs[0]!;

  process.stdout.write(
    `${JSON.stringify({
      modules: afterImport - base,
      compiled: Math.round((afterCompile - afterImport) / COPIES),
      providers: classifier.providers.length,
      synthetic: { prefixes: big.prefixes, heap: Math.round((afterBig - beforeBig) / COPIES) },
    })}\n`,
  );
  // Keep everything alive until after the last measurement.
  if (classifiers.length + bigs.length < 0 || big.match('') || data.generated === '') process.exit(3);
}

main().catch((e: unknown) => {
  process.stderr.write(`heap.ts: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
