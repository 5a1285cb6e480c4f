/**
 * `npm run bench:browser`: what Faultline costs a real browser, A/B against the floor. Not part of
 * `npm test`; run it in a network namespace of your own (`unshare -n`) like the e2e tests.
 *
 * Three headless Chromiums side by side: no extension; the null extension (Faultline's
 * permissions and listeners, `webRequest` with `responseHeaders` included, each doing nothing —
 * the floor for any extension reading responses this way); Faultline's build (dist/chrome).
 * Pages: the lab's Maple Shop (light, 8 responses) and the heavy page of heavy.ts (301 responses
 * over 150 hosts), loaded in turn in each arm, the arms' order rotating every round, warm-up
 * rounds discarded. Then a many-tabs session. Every figure is measured from outside the
 * extension's code:
 *
 * - page load: Navigation Timing's `loadEventStart` in the page (ms since navigation start);
 * - worker CPU: the service worker thread's scheduler stats in /proc (proc.ts), from the
 *   navigation to 6 s after the load (the writes and badge updates that follow it included);
 *   browser CPU: every process of that browser over the same span (/proc stat, 10 ms ticks);
 * - API calls and bytes handed to `storage.*.set`: counters wrapped around the extension API by
 *   the benchmark through the DevTools protocol before the worker's first script runs
 *   (counters.ts); bytes are measured in separate rounds, never in the rounds whose CPU counts;
 * - storage: `storage.session.getBytesInUse` (Chrome's own count against its 10 MB quota) and the
 *   JSON of the tab's stored keys;
 * - wake: the status alarm set to fire 2 s later, the worker stopped (DevTools
 *   `ServiceWorker.stopAllWorkers`), the new worker thread's CPU for 3 s after the alarm;
 * - popup: the popup opened as a tab for one of the tabs, with the worker stopped and running:
 *   ms from its navigation start until it lists a provider.
 *
 * Options: --loads N (timed loads per arm and page, default 15), --warmup N (3), --tabs N (50),
 * --max-tabs N (100), --idle S (60; 0 skips), --quick (5 loads, 1 warm-up, 10/20 tabs, no idle),
 * --extension DIR (Faultline's build, default dist/chrome), --baseline DIR (a fourth arm: another
 * build of Faultline, e.g. of the previous revision, measured in the same interleaved rounds),
 * --json FILE (every sample), --wakes N (wakes and popups
 * measured per arm, 5), --only wake (the extension arms' many-tabs session, wakes and popups
 * alone: no page loads, bytes, idle or quota phases, no arm without an extension).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startLab } from '../../e2e/lab/index.ts';
import { CHROMIUM_PATH } from '../../e2e/lib/chromium.ts';
import { DIST_CHROME } from '../../e2e/lib/paths.ts';
import { sleep, until } from '../../e2e/lib/wait.ts';
import { Arm, type ArmName, type Tab } from './arm.ts';
import { raw, total } from './counters.ts';
import { HEAVY_SUBRESOURCES, resolverRules, startHeavyServer } from './heavy.ts';
import { cpuBetween, cpuSnapshot, workerThreadIds } from './proc.ts';
import { ratio, type Summary, show, summary, table } from './stats.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');

const { values: opts } = parseArgs({
  options: {
    loads: { type: 'string' },
    warmup: { type: 'string' },
    tabs: { type: 'string' },
    'max-tabs': { type: 'string' },
    idle: { type: 'string' },
    quick: { type: 'boolean', default: false },
    json: { type: 'string' },
    extension: { type: 'string' },
    baseline: { type: 'string' },
    only: { type: 'string' },
    wakes: { type: 'string' },
  },
});
const quick = opts.quick === true;
if (opts.only !== undefined && opts.only !== 'wake')
  throw new Error(`--only: 'wake' or nothing, not ${opts.only}`);
/** The wake and popup phases alone (with the tabs they need). */
const wakeOnly = opts.only === 'wake';
const LOADS = wakeOnly ? 0 : Number(opts.loads ?? (quick ? 5 : 15));
const WARMUP = wakeOnly ? 0 : Number(opts.warmup ?? (quick ? 1 : 3));
const TABS = Number(opts.tabs ?? (quick ? 10 : 50));
const MAX_TABS = Math.max(TABS, Number(opts['max-tabs'] ?? (quick ? 20 : 100)));
const IDLE_S = wakeOnly ? 0 : Number(opts.idle ?? (quick ? 0 : 60));
const BYTE_LOADS = wakeOnly ? 0 : quick ? 3 : 5;
const WAKES = Number(opts.wakes ?? (quick ? 3 : 5));
const POPUPS = WAKES;
/**
 * After the load event: the batched writes, badge updates and checks that follow it (the
 * observer writes 5 s after the first change of a batch, so its last write of a load falls in
 * the load's own window).
 */
const TAIL_MS = 6_000;
const WAKE_AFTER_MS = 5_000;
const WAKE_WINDOW_MS = 3_000;
const HEAVY_RESPONSES = 1 + HEAVY_SUBRESOURCES;
const SESSION_QUOTA = 10 * 1024 * 1024;
const POLL_ALARM = 'faultline-status-poll';

type PageName = 'light' | 'heavy';

interface LoadSample {
  loadMs: number;
  workerMs: number;
  browserMs: number;
  calls: Record<string, number>;
  bytes: Record<string, number>;
}

const rotate = <T>(list: readonly T[], by: number): T[] => list.map((_, i) => list[(i + by) % list.length]!);

function buildNullExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'faultline-null-ext-'));
  cpSync(join(HERE, 'null-extension'), dir, { recursive: true });
  // The same permissions as Faultline's, read from its manifest so the two never drift apart.
  const product = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as {
    permissions: string[];
    host_permissions: string[];
  };
  const manifestPath = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
  manifest.permissions = product.permissions;
  manifest.host_permissions = product.host_permissions;
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return dir;
}

async function measureLoad(arm: Arm, url: string): Promise<LoadSample> {
  await arm.takeCounters();
  const before = cpuSnapshot(arm.pid);
  const loadMs = await arm.load(url);
  await sleep(TAIL_MS);
  const after = cpuSnapshot(arm.pid);
  const { calls, bytes } = await arm.takeCounters();
  const { workerMs, browserMs } = cpuBetween(before, after, arm.pid);
  return { loadMs, workerMs, browserMs, calls, bytes };
}

const isBadge = (name: string): boolean => name.startsWith('action.');

/** Phases that failed (their rows stay empty); the others are still measured and reported. */
const failedPhases: string[] = [];

async function phase(name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    failedPhases.push(name);
    progress(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function progress(text: string): void {
  process.stderr.write(`[bench] ${text}\n`);
}

/** Longest wait for the alarm to start a worker (Chrome may fire an alarm late on a busy machine). */
const WAKE_TIMEOUT_MS = 20_000;

async function wakeSample(arm: Arm): Promise<{ workerMs: number; browserMainMs: number } | undefined> {
  const alarmAt = Date.now() + WAKE_AFTER_MS;
  // Faultline's own status alarm (the null extension listens to every alarm), due in 5 s.
  await arm.inWorker(raw('alarms.create', `'${POLL_ALARM}', { when: ${alarmAt}, periodInMinutes: 1 }`));
  const old = new Set(workerThreadIds(arm.pid));
  // No DevTools session on the woken worker: it starts and runs as it would for a person.
  await arm.autoAttach(false);
  try {
    await arm.stopWorker();
    if (Date.now() > alarmAt - 200) {
      // The stop took longer than the alarm's delay: it may have fired on the old worker.
      progress(`${arm.name}: the worker stopped too late for the alarm; sample left out`);
      return undefined;
    }
    const before = cpuSnapshot(arm.pid);
    const born = (): boolean => workerThreadIds(arm.pid).some((tid) => !old.has(tid));
    const woke = await until('the alarm to wake the worker', async () => born(), Boolean, {
      timeout: WAKE_AFTER_MS + WAKE_TIMEOUT_MS,
      interval: 10,
    }).catch(() => false);
    if (!woke) {
      progress(`${arm.name}: the alarm did not wake the worker; sample left out`);
      return undefined;
    }
    await sleep(WAKE_WINDOW_MS);
    const after = cpuSnapshot(arm.pid);
    // Every worker thread born since the stop: started by the alarm (or by an event just before it).
    let workerMs = 0;
    for (const [tid, ms] of after.workerThreads) if (!old.has(tid)) workerMs += ms;
    return { workerMs, browserMainMs: cpuBetween(before, after, arm.pid).browserMainMs };
  } finally {
    await arm.autoAttach(true);
  }
}

/** Tabs whose record comes back whole from a fresh worker (restored from storage.session). */
async function restoredTabs(arm: Arm, tabIds: readonly number[]): Promise<number> {
  await arm.stopWorker();
  const page: Tab = await Arm.openTab(arm.cdp);
  try {
    await arm.cdp.send(
      'Page.navigate',
      { url: `chrome-extension://${arm.extensionId}/src/options/index.html` },
      page.sessionId,
    );
    await until(
      'an extension page',
      () =>
        arm.cdp.evaluate<boolean>(page.sessionId, `typeof chrome !== 'undefined' && !!chrome.runtime?.id`),
      Boolean,
    );
    let whole = 0;
    for (const id of tabIds) {
      const s = await arm.getPage(page, id);
      if (s.kind === 'page' && s.requests === HEAVY_RESPONSES) whole++;
    }
    return whole;
  } finally {
    await arm.cdp.send('Target.closeTarget', { targetId: page.targetId }).catch(() => {});
  }
}

interface ArmResults {
  loads: Record<PageName, LoadSample[]>;
  written: { session: number[]; local: number[]; byKind: Record<string, number[]> };
  record: { json: number[]; bytes: number[]; keys: number[]; inUse: number[] };
  tabIds: number[];
  many: { bytesInUse: number; heap: number; restored: number };
  idle: { extensionMsPerS: number; browserMsPerS: number } | undefined;
  wakes: { workerMs: number[]; browserMainMs: number[] };
  popup: { stopped: number[]; running: number[] };
  most: { tabs: number; bytesInUse: number; restored: number; warnings: number; firstWarning?: string };
}

function emptyResults(): ArmResults {
  return {
    loads: { light: [], heavy: [] },
    written: { session: [], local: [], byKind: {} },
    record: { json: [], bytes: [], keys: [], inUse: [] },
    tabIds: [],
    many: { bytesInUse: 0, heap: 0, restored: 0 },
    idle: undefined,
    wakes: { workerMs: [], browserMainMs: [] },
    popup: { stopped: [], running: [] },
    most: { tabs: 0, bytesInUse: 0, restored: 0, warnings: 0 },
  };
}

const LABELS: Record<ArmName, string> = {
  none: 'no extension',
  null: 'null listener',
  faultline: 'Faultline',
  baseline: 'Faultline (baseline)',
};

async function main(): Promise<void> {
  const version = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).trim();
  const load = (): string =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  progress(`${version}; ${cpus().length} cores; load ${load()}`);
  const lab = await startLab({ port: 0 });
  const heavy = await startHeavyServer();
  const rules = resolverRules(heavy, lab.port);
  const nullDir = buildNullExtension();
  const dirs: Record<ArmName, string | undefined> = {
    none: undefined,
    null: nullDir,
    faultline: opts.extension ?? DIST_CHROME,
    baseline: opts.baseline,
  };
  const names: ArmName[] = [
    ...(wakeOnly ? [] : (['none'] as const)),
    'null',
    ...(opts.baseline ? (['baseline'] as const) : []),
    'faultline',
  ];
  const extensions = names.filter((n) => n !== 'none');
  const products: ArmName[] = names.filter((n) => n === 'faultline' || n === 'baseline');
  const arms = {} as Record<ArmName, Arm>;
  const res = Object.fromEntries(names.map((n) => [n, emptyResults()])) as Record<ArmName, ArmResults>;
  const out: string[] = [];
  try {
    for (const name of names) arms[name] = await Arm.launch(name, dirs[name], rules, lab.port);
    const urls: Record<PageName, string> = { light: 'https://www.maple-shop.com/', heavy: heavy.url };

    // --- Interleaved loads.
    const pages: PageName[] = ['light', 'heavy'];
    for (let r = 0; r < WARMUP + LOADS; r++) {
      progress(`round ${r + 1}/${WARMUP + LOADS}${r < WARMUP ? ' (warm-up)' : ''}; load ${load()}`);
      for (const [p, page] of pages.entries()) {
        for (const name of rotate(names, r + p)) {
          const s = await measureLoad(arms[name], `${urls[page]}?bench=${page}-${r}`);
          if (r >= WARMUP) res[name].loads[page].push(s);
        }
      }
    }

    await phase('bytes', async () => {
      // --- Bytes handed to storage per heavy load (separate rounds: measuring costs a stringify).
      for (let i = 0; i < BYTE_LOADS; i++) {
        progress(`bytes ${i + 1}/${BYTE_LOADS}`);
        for (const name of rotate(extensions, i)) {
          const arm = arms[name];
          await arm.measureBytes(true);
          const url = `${urls.heavy}?bench=bytes-${i}`;
          const { bytes } = await measureLoad(arm, url);
          await arm.measureBytes(false);
          res[name].written.session.push(bytes['storage.session.set'] ?? 0);
          res[name].written.local.push(bytes['storage.local.set'] ?? 0);
          for (const [k, n] of Object.entries(bytes)) {
            const kind = k.startsWith('storage.session.set ')
              ? k.slice('storage.session.set '.length)
              : undefined;
            if (!kind) continue;
            const list = res[name].written.byKind[kind] ?? [];
            list.push(n);
            res[name].written.byKind[kind] = list;
          }
          if (products.includes(name)) {
            const stored = await arm.storedRecord(await arm.tabIdOf(url));
            res[name].record.json.push(stored.json);
            res[name].record.bytes.push(stored.bytes);
            res[name].record.keys.push(stored.keys);
            res[name].record.inUse.push(await arm.bytesInUse());
          }
        }
      }
    });

    // --- Many tabs.
    const openTabs = async (which: readonly ArmName[], upTo: number): Promise<void> => {
      for (let n = res[which[0]!].tabIds.length + 1; n <= upTo; n++) {
        if (n % 10 === 0) progress(`tabs ${n}/${upTo}; load ${load()}`);
        for (const name of rotate(which, n)) {
          const url = `${urls.heavy}?tab=${n}`;
          await arms[name].openLoaded(url);
          res[name].tabIds.push(name === 'none' ? n : await arms[name].tabIdOf(url));
        }
      }
    };
    await phase('many tabs', async () => {
      await openTabs(names, TABS);
      await sleep(TAIL_MS);
      for (const name of extensions) {
        res[name].many.heap = await arms[name].workerHeapBytes();
        res[name].many.bytesInUse = await arms[name].bytesInUse();
      }
    });

    await phase('idle', async () => {
      if (IDLE_S > 0) {
        // Left alone, as a person's browser is: no DevTools session keeps a worker running, so
        // Chrome stops it when idle and the status alarm starts it again. A stopped worker takes
        // its thread's counters with it: the extension's whole renderer process is counted here.
        progress(`idle ${IDLE_S} s with ${TABS} tabs`);
        for (const n of extensions) {
          await arms[n].autoAttach(false);
          await arms[n].detachWorker();
        }
        const before = Object.fromEntries(names.map((n) => [n, cpuSnapshot(arms[n].pid)]));
        await sleep(IDLE_S * 1000);
        for (const n of names) {
          const cpu = cpuBetween(before[n]!, cpuSnapshot(arms[n].pid), arms[n].pid);
          res[n].idle = { extensionMsPerS: cpu.extensionMs / IDLE_S, browserMsPerS: cpu.browserMs / IDLE_S };
        }
        for (const n of extensions) await arms[n].autoAttach(true);
      }
    });

    await phase('wakes', async () => {
      for (let w = 0; w < WAKES + 2; w++) {
        // Two rounds more than asked for, for samples left out; at most WAKES kept.
        if (extensions.every((n) => res[n].wakes.workerMs.length >= WAKES)) break;
        progress(`wake ${w + 1}/${WAKES}`);
        for (const name of rotate(extensions, w)) {
          if (res[name].wakes.workerMs.length >= WAKES) continue;
          const s = await wakeSample(arms[name]);
          if (!s) continue;
          res[name].wakes.workerMs.push(s.workerMs);
          res[name].wakes.browserMainMs.push(s.browserMainMs);
        }
      }
    });

    await phase('popups', async () => {
      for (let p = 0; p < POPUPS; p++) {
        progress(`popup ${p + 1}/${POPUPS}`);
        for (const name of rotate(products, p)) {
          const arm = arms[name];
          const ids = res[name].tabIds;
          const tab = ids[Math.floor(ids.length / 2)];
          if (tab === undefined) throw new Error('no tab open');
          await arm.stopWorker();
          // Started by the popup's request with no DevTools session in its way.
          await arm.autoAttach(false);
          try {
            res[name].popup.stopped.push(await arm.popupTime(tab));
          } finally {
            await arm.autoAttach(true);
          }
          await sleep(500);
          res[name].popup.running.push(await arm.popupTime(tab));
        }
      }
    });
    await phase('restored tabs', async () => {
      if (wakeOnly) return;
      for (const name of products) res[name].many.restored = await restoredTabs(arms[name], res[name].tabIds);
    });

    await phase('max tabs', async () => {
      if (wakeOnly) return;
      // --- Up to MAX_TABS, Faultline alone: the session quota.
      for (const name of products) {
        arms[name].captureConsole = true;
        await arms[name].stopWorker();
      }
      await openTabs(products, MAX_TABS);
      await sleep(TAIL_MS);
      for (const name of products) {
        const arm = arms[name];
        res[name].most = {
          tabs: res[name].tabIds.length,
          bytesInUse: await arm.bytesInUse(),
          restored: await restoredTabs(arm, res[name].tabIds),
          warnings: arm.warnings.length,
          ...(arm.warnings[0] ? { firstWarning: arm.warnings[0] } : {}),
        };
      }
    });
  } finally {
    for (const arm of Object.values(arms)) await arm.close().catch(() => {});
    await heavy.stop();
    await lab.stop();
    rmSync(nullDir, { recursive: true, force: true });
  }

  // --- Report.
  const rows: string[][] = [];
  /** A row: one cell per arm (`cell` undefined where it does not apply), then Faultline's ratios. */
  const row = (label: string, cell: (n: ArmName) => Summary | undefined, digits = 1, ratios = true): void => {
    const f = cell('faultline');
    rows.push([
      label,
      ...names.map((n) => show(cell(n), digits)),
      ratios ? ratio(f, cell('null')) : '',
      ratios && names.includes('none') ? ratio(f, cell('none')) : '',
      ...(names.includes('baseline') ? [ratio(f, cell('baseline'))] : []),
    ]);
  };
  const one = (v: number | undefined): Summary | undefined => (v === undefined ? undefined : summary([v]));
  const isProduct = (n: ArmName): boolean => products.includes(n);
  for (const page of ['light', 'heavy'] as const) {
    const metrics: [string, (s: LoadSample) => number, number][] = [
      ['page load, ms', (s) => s.loadMs, 1],
      ['worker CPU, ms', (s) => s.workerMs, 1],
      ['browser CPU (all processes), ms', (s) => s.browserMs, 0],
      ['extension API calls', (s) => total(s.calls, () => true), 0],
      ['  badge (action.*)', (s) => total(s.calls, isBadge), 0],
      ['  storage.session.set', (s) => s.calls['storage.session.set'] ?? 0, 0],
      ['  storage.local.set', (s) => s.calls['storage.local.set'] ?? 0, 0],
      ['  runtime.sendMessage', (s) => s.calls['runtime.sendMessage'] ?? 0, 0],
    ];
    for (const [label, f, digits] of metrics)
      row(`${page}: ${label}`, (n) => summary(res[n].loads[page].map(f)), digits);
  }
  const ext = (n: ArmName, v: () => Summary | undefined) => (n === 'none' ? undefined : v());
  const prod = (n: ArmName, v: () => Summary | undefined) => (isProduct(n) ? v() : undefined);
  row(
    'heavy: storage.session bytes written (JSON)',
    (n) => ext(n, () => summary(res[n].written.session)),
    0,
    false,
  );
  const kinds = [...new Set(products.flatMap((n) => Object.keys(res[n].written.byKind)))].sort();
  for (const kind of kinds)
    row(`heavy:   ${kind}`, (n) => prod(n, () => summary(res[n].written.byKind[kind] ?? [])), 0, false);
  row(
    'heavy: storage.local bytes written (JSON)',
    (n) => ext(n, () => summary(res[n].written.local)),
    0,
    false,
  );
  row('heavy: stored tab record, JSON bytes', (n) => prod(n, () => summary(res[n].record.json)), 0, false);
  row('heavy: stored tab record, Chrome bytes', (n) => prod(n, () => summary(res[n].record.bytes)), 0, false);
  row('heavy: stored tab record, keys', (n) => prod(n, () => summary(res[n].record.keys)), 0, false);
  row('heavy: storage.session in use, bytes', (n) => prod(n, () => summary(res[n].record.inUse)), 0, false);
  row(`${TABS} tabs: wake, worker CPU ms`, (n) => ext(n, () => summary(res[n].wakes.workerMs)));
  row(`${TABS} tabs: wake, browser main thread ms`, (n) => ext(n, () => summary(res[n].wakes.browserMainMs)));
  if (IDLE_S > 0) {
    row(
      `${TABS} tabs: idle, extension process CPU ms/s`,
      (n) => ext(n, () => one(res[n].idle?.extensionMsPerS)),
      2,
    );
    row(`${TABS} tabs: idle, browser CPU ms/s`, (n) => one(res[n].idle?.browserMsPerS), 1);
  }
  row(`${TABS} tabs: worker JS heap, MB`, (n) => ext(n, () => one(res[n].many.heap / 1e6)), 1, false);
  row(
    `${TABS} tabs: storage.session in use, bytes`,
    (n) => prod(n, () => one(res[n].many.bytesInUse)),
    0,
    false,
  );
  row(
    `${TABS} tabs: popup, worker stopped, ms`,
    (n) => prod(n, () => summary(res[n].popup.stopped)),
    1,
    false,
  );
  row(
    `${TABS} tabs: popup, worker running, ms`,
    (n) => prod(n, () => summary(res[n].popup.running)),
    1,
    false,
  );
  row(
    `${TABS} tabs: records whole after a restart`,
    (n) => prod(n, () => one(res[n].many.restored)),
    0,
    false,
  );
  row(
    `${MAX_TABS} tabs: storage.session in use, bytes`,
    (n) => prod(n, () => one(res[n].most.bytesInUse)),
    0,
    false,
  );
  row(
    `${MAX_TABS} tabs: records whole after a restart`,
    (n) => prod(n, () => one(res[n].most.restored)),
    0,
    false,
  );
  row(
    `${MAX_TABS} tabs: worker warnings (failed writes…)`,
    (n) => prod(n, () => one(res[n].most.warnings)),
    0,
    false,
  );

  out.push(
    `${version}, ${cpus().length} cores, load ${load()} at the end; ${LOADS} timed loads per arm and page after ${WARMUP} warm-up rounds, interleaved; medians (min–max)`,
    '',
    table(
      [
        '',
        ...names.map((n) => LABELS[n]),
        'F/null',
        'F/none',
        ...(names.includes('baseline') ? ['F/baseline'] : []),
      ],
      rows,
    ),
  );
  if (failedPhases.length > 0)
    out.push('', `Failed phases (their rows are empty): ${failedPhases.join(', ')}`);
  for (const n of products) {
    const first = res[n].most.firstWarning;
    if (first) out.push('', `${LABELS[n]}, first warning: ${first}`);
  }

  // --- Targets (issue 18), for Faultline.
  const F = res.faultline;
  const med = (v: readonly number[]): number => summary(v)?.median ?? Number.NaN;
  const heavyMed = (n: ArmName, f: (s: LoadSample) => number): number => med(res[n].loads.heavy.map(f));
  const cpuRatio = heavyMed('faultline', (s) => s.workerMs) / heavyMed('null', (s) => s.workerMs);
  const loadRatio = heavyMed('faultline', (s) => s.loadMs) / heavyMed('null', (s) => s.loadMs);
  const writtenRatio = med(F.written.session) / med(F.record.json);
  const badge = med(F.loads.light.map((s) => total(s.calls, isBadge)));
  const targets: [string, boolean, string][] = [
    ['heavy: worker CPU ≤ 1.3× the null listener', cpuRatio <= 1.3, `×${cpuRatio.toFixed(2)}`],
    ['heavy: page load ≤ 1.03× the null listener', loadRatio <= 1.03, `×${loadRatio.toFixed(3)}`],
    [
      'heavy: storage.session bytes written ≤ 2× the final record',
      writtenRatio <= 2,
      `×${writtenRatio.toFixed(2)}`,
    ],
    ['light: badge API calls ≤ 4 per load', badge <= 4, String(badge)],
    [
      `${F.most.tabs} heavy tabs within the session quota, every record whole`,
      F.most.tabs >= 100 && F.most.bytesInUse < SESSION_QUOTA && F.most.restored === F.most.tabs,
      `${(F.most.bytesInUse / 1024 / 1024).toFixed(2)} MiB of 10; ${F.most.restored}/${F.most.tabs} whole`,
    ],
    [
      `wake with ${TABS} heavy tabs < 30 ms of worker CPU`,
      med(F.wakes.workerMs) < 30,
      show(summary(F.wakes.workerMs)),
    ],
    [
      `popup < 150 ms with the worker stopped and ${TABS} heavy tabs`,
      med(F.popup.stopped) < 150,
      show(summary(F.popup.stopped)),
    ],
  ];
  out.push('', 'Targets (Faultline):');
  for (const [what, met, value] of targets) out.push(`  ${met ? 'met    ' : 'NOT met'}  ${what}: ${value}`);
  console.log(out.join('\n'));
  if (opts.json) writeFileSync(opts.json, JSON.stringify({ version, names, results: res, targets }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
