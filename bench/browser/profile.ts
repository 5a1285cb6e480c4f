/**
 * `npx tsx bench/browser/profile.ts`: where a cold start of Faultline's worker spends its time,
 * with N heavy tabs stored. Not part of `npm test`; run it in a network namespace of your own
 * (`unshare -n`) like the benchmark. One Chromium with Faultline's build; N heavy tabs opened;
 * then, a few times each, the worker stopped and started again (a) by its status alarm, (b) by the
 * popup of one of the tabs, with the DevTools CPU profiler started while the new worker is paused
 * before its first script (arm.ts `onWorkerStart`) and stopped a few seconds later. Prints the
 * functions of most self and total time, summed over the runs. The profiler slows what it
 * measures: the ranking is what counts, the figures of index.ts are the costs.
 *
 * Options: --tabs N (50), --runs N (3), --extension DIR (default dist/chrome; a build with
 * `--minify false` names the functions), --out DIR (the .cpuprofile files, for DevTools).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { startLab } from '../../e2e/lab/index.ts';
import { DIST_CHROME } from '../../e2e/lib/paths.ts';
import { sleep, until } from '../../e2e/lib/wait.ts';
import { Arm } from './arm.ts';
import { raw } from './counters.ts';
import { resolverRules, startHeavyServer } from './heavy.ts';

const { values: opts } = parseArgs({
  options: {
    tabs: { type: 'string' },
    runs: { type: 'string' },
    extension: { type: 'string' },
    out: { type: 'string' },
  },
});
const TABS = Number(opts.tabs ?? 50);
const RUNS = Number(opts.runs ?? 3);
const POLL_ALARM = 'faultline-status-poll';
/** How long the profiler runs after the worker's start. */
const WINDOW_MS = 3_000;
/** Sampling interval, µs. */
const INTERVAL_US = 100;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** Self and total ms per function (by name and place), summed into `into`. */
function fold(profile: Profile, into: Map<string, { self: number; total: number }>): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    // A sample lasts until the next one.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const id = profile.samples[i]!;
    self.set(id, (self.get(id) ?? 0) + ms);
  }
  const keyOf = (f: CallFrame): string =>
    `${f.functionName || '(anonymous)'} ${f.url ? `${basename(f.url)}:${f.lineNumber + 1}:${f.columnNumber + 1}` : ''}`;
  const add = (key: string, field: 'self' | 'total', ms: number): void => {
    const e = into.get(key) ?? { self: 0, total: 0 };
    e[field] += ms;
    into.set(key, e);
  };
  // Total: every node's subtree, counted once per key along a path (recursion).
  const walk = (id: number, onPath: Set<string>): number => {
    const node = byId.get(id)!;
    const key = keyOf(node.callFrame);
    const mine = self.get(id) ?? 0;
    add(key, 'self', mine);
    const fresh = !onPath.has(key);
    if (fresh) onPath.add(key);
    let total = mine;
    for (const c of node.children ?? []) total += walk(c, onPath);
    if (fresh) {
      onPath.delete(key);
      add(key, 'total', total);
    }
    return total;
  };
  walk(profile.nodes[0]!.id, new Set());
}

function report(title: string, folded: Map<string, { self: number; total: number }>, runs: number): string {
  const rows = [...folded].map(([k, v]) => ({ k, self: v.self / runs, total: v.total / runs }));
  const top = (field: 'self' | 'total', n: number) =>
    [...rows]
      .sort((a, b) => b[field] - a[field])
      .slice(0, n)
      .map((r) => `  ${r.self.toFixed(1).padStart(7)} ${r.total.toFixed(1).padStart(7)}  ${r.k}`);
  return [
    `${title}: ms per run (self, total), mean of ${runs}`,
    '  by self time:',
    ...top('self', 30),
    '  by total time:',
    ...top('total', 30),
  ].join('\n');
}

async function main(): Promise<void> {
  const lab = await startLab({ port: 0 });
  const heavy = await startHeavyServer();
  const rules = resolverRules(heavy, lab.port);
  const arm = await Arm.launch('faultline', opts.extension ?? DIST_CHROME, rules, lab.port);
  const out = opts.out;
  if (out) mkdirSync(out, { recursive: true });
  try {
    const tabIds: number[] = [];
    for (let n = 1; n <= TABS; n++) {
      if (n % 10 === 0) process.stderr.write(`[profile] tabs ${n}/${TABS}\n`);
      const url = `${heavy.url}?tab=${n}`;
      await arm.openLoaded(url);
      tabIds.push(await arm.tabIdOf(url));
    }
    await sleep(6_000);

    let profiling: string | undefined;
    arm.onWorkerStart = async (sessionId) => {
      await arm.cdp.send('Profiler.enable', {}, sessionId);
      await arm.cdp.send('Profiler.setSamplingInterval', { interval: INTERVAL_US }, sessionId);
      await arm.cdp.send('Profiler.start', {}, sessionId);
      profiling = sessionId;
    };
    const collect = async (name: string, into: Map<string, { self: number; total: number }>) => {
      await until('the profiled worker', async () => profiling, Boolean, { timeout: 30_000, interval: 10 });
      await sleep(WINDOW_MS);
      const { profile } = (await arm.cdp.send('Profiler.stop', {}, profiling)) as { profile: Profile };
      profiling = undefined;
      fold(profile, into);
      if (out) writeFileSync(join(out, `${name}.cpuprofile`), JSON.stringify(profile));
    };

    const wake = new Map<string, { self: number; total: number }>();
    for (let r = 0; r < RUNS; r++) {
      process.stderr.write(`[profile] wake ${r + 1}/${RUNS}\n`);
      await arm.inWorker(
        raw('alarms.create', `'${POLL_ALARM}', { when: Date.now() + 2000, periodInMinutes: 1 }`),
      );
      await arm.stopWorker();
      await collect(`wake-${r}`, wake);
    }
    const popup = new Map<string, { self: number; total: number }>();
    for (let r = 0; r < RUNS; r++) {
      process.stderr.write(`[profile] popup ${r + 1}/${RUNS}\n`);
      await arm.stopWorker();
      const traced = arm.popupTrace(tabIds[Math.floor(tabIds.length / 2)]!);
      await collect(`popup-${r}`, popup);
      const { shown, messages, nav } = await traced;
      const ms = (n: number | null) => (n === null ? '–' : n.toFixed(0));
      const steps = messages.map((m) => `${m.type} ${ms(m.sent)}→${ms(m.answered)}`).join(', ');
      process.stderr.write(
        `[profile]   popup shown after ${shown.toFixed(0)} ms (profiled): ${JSON.stringify(nav)} ${steps}\n`,
      );
    }
    for (let r = 0; r < RUNS; r++) {
      // The worker running (it answered the popups above): where the popup's own time goes.
      const { shown, messages, nav } = await arm.popupTrace(tabIds[Math.floor(tabIds.length / 2)]!);
      const ms = (n: number | null) => (n === null ? '–' : n.toFixed(0));
      const steps = messages.map((m) => `${m.type} ${ms(m.sent)}→${ms(m.answered)}`).join(', ');
      process.stderr.write(
        `[profile] popup, worker running: shown after ${shown.toFixed(0)} ms: ${JSON.stringify(nav)} ${steps}\n`,
      );
    }
    console.log(report(`wake by the status alarm, ${TABS} heavy tabs`, wake, RUNS));
    console.log('');
    console.log(report(`popup with the worker stopped, ${TABS} heavy tabs`, popup, RUNS));
  } finally {
    await arm.close().catch(() => {});
    await heavy.stop();
    await lab.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
