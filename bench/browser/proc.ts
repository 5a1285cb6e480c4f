/**
 * CPU time from Linux's /proc, read from outside the browser: nothing runs in the measured
 * processes. Two readings:
 *
 * - a thread's scheduler stats (`/proc/<pid>/task/<tid>/schedstat`, first field: nanoseconds on a
 *   CPU). The extension's service worker runs on its own thread ("ServiceWorker thread", shown
 *   truncated as `ServiceWorker t`) in the extension's renderer process (`--extension-process`);
 *   that thread's time is the worker's CPU, with no profiler in the way. A worker that stops
 *   takes its thread with it: a new one starts at zero.
 * - a process's `utime + stime` (`/proc/<pid>/stat`, clock ticks, all its threads, dead ones
 *   included), summed over the browser and every process under it: the browser's CPU.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ = 100 on Linux.
const WORKER_THREAD = 'ServiceWorker t';

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(pid: number): string[] | undefined {
  const text = read(`/proc/${pid}/stat`);
  if (!text) return undefined;
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** The browser process and every process below it. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const f = statFields(pid);
    if (!f) continue;
    const ppid = Number(f[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const out: number[] = [];
  const walk = (pid: number): void => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** CPU of one process, all threads, in ms (10 ms resolution). */
export function processCpuMs(pid: number): number {
  const f = statFields(pid);
  if (!f) return 0;
  // utime and stime are fields 14 and 15 of stat; 12 and 13 after the name.
  return (Number(f[11]) + Number(f[12])) * TICK_MS;
}

export interface CpuSnapshot {
  /** Per process id: CPU so far (ms). */
  readonly processes: ReadonlyMap<number, number>;
  /** Per service-worker thread id: CPU so far (ms, ns precision). */
  readonly workerThreads: ReadonlyMap<number, number>;
  /** Per process: the CPU of its main thread (ms), for the browser process's UI thread. */
  readonly mainThreads: ReadonlyMap<number, number>;
  /** The extension renderer processes (`--extension-process`). */
  readonly extensionProcesses: readonly number[];
}

function schedMs(path: string): number | undefined {
  const text = read(path);
  return text === undefined ? undefined : Number(text.split(' ')[0]) / 1e6;
}

export function cpuSnapshot(browserPid: number): CpuSnapshot {
  const processes = new Map<number, number>();
  const workerThreads = new Map<number, number>();
  const mainThreads = new Map<number, number>();
  const extensionProcesses: number[] = [];
  for (const pid of processTree(browserPid)) {
    processes.set(pid, processCpuMs(pid));
    const main = schedMs(`/proc/${pid}/task/${pid}/schedstat`);
    if (main !== undefined) mainThreads.set(pid, main);
    const cmdline = read(`/proc/${pid}/cmdline`) ?? '';
    if (!cmdline.includes('--extension-process')) continue;
    extensionProcesses.push(pid);
    let tids: string[] = [];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      if (read(`/proc/${pid}/task/${tid}/comm`)?.trim() !== WORKER_THREAD) continue;
      const ms = schedMs(`/proc/${pid}/task/${tid}/schedstat`);
      if (ms !== undefined) workerThreads.set(Number(tid), ms);
    }
  }
  return { processes, workerThreads, mainThreads, extensionProcesses };
}

/** What ran between two snapshots (threads and processes born in between count from zero). */
export function cpuBetween(
  before: CpuSnapshot,
  after: CpuSnapshot,
  browserPid: number,
): {
  workerMs: number;
  browserMs: number;
  browserMainMs: number;
  /** The extension's renderer process, all its threads (dead ones too): 10 ms ticks. */
  extensionMs: number;
} {
  let workerMs = 0;
  for (const [tid, ms] of after.workerThreads) workerMs += ms - (before.workerThreads.get(tid) ?? 0);
  let browserMs = 0;
  for (const [pid, ms] of after.processes) browserMs += ms - (before.processes.get(pid) ?? 0);
  const browserMainMs = (after.mainThreads.get(browserPid) ?? 0) - (before.mainThreads.get(browserPid) ?? 0);
  let extensionMs = 0;
  for (const pid of after.extensionProcesses)
    extensionMs += (after.processes.get(pid) ?? 0) - (before.processes.get(pid) ?? 0);
  return { workerMs, browserMs, browserMainMs, extensionMs };
}

/** The ids of the service-worker threads alive now. */
export function workerThreadIds(browserPid: number): number[] {
  return [...cpuSnapshot(browserPid).workerThreads.keys()];
}
