/**
 * One arm of the browser benchmark: a headless Chromium with no extension, with the null
 * extension, or with Faultline, driven over the DevTools protocol (cdp.ts). The arm keeps a
 * session on the extension's service worker, re-attached (and its call counters re-installed,
 * counters.ts) every time the worker starts again, and a tab for the timed loads.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH, labChromiumArgs } from '../../e2e/lib/chromium.ts';
import { sleep, until } from '../../e2e/lib/wait.ts';
import { Cdp } from './cdp.ts';
import { type Counters, INSTALL_COUNTERS, raw, setMeasureBytes, TAKE_COUNTERS } from './counters.ts';
import { workerThreadIds } from './proc.ts';

const LOAD_TIMEOUT_MS = 180_000;

export type ArmName = 'none' | 'null' | 'faultline' | 'baseline';

export interface Tab {
  readonly targetId: string;
  readonly sessionId: string;
}

/** Sets `window.__shown` (ms since navigation start) once the popup lists a provider. */
const POPUP_SHOWN = `(() => {
  const check = () => {
    if (window.__shown !== undefined) return;
    if (document.querySelector('main[data-state="page"] [data-provider]')) {
      window.__shown = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
})()`;

/**
 * Records, in `window.__trace`, each message the popup sends: its type, when it was sent and when
 * it was answered (ms since navigation start), and when the popup's first script ran — where the
 * popup's time goes (profile.ts).
 */
const POPUP_TRACE = `(() => {
  window.__trace = [];
  const rt = chrome.runtime;
  const send = rt.sendMessage.bind(rt);
  rt.sendMessage = (...args) => {
    const entry = { type: args[0] && args[0].type, sent: performance.now(), answered: null };
    window.__trace.push(entry);
    const done = () => { entry.answered = performance.now(); };
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      args[args.length - 1] = (...r) => { done(); return last(...r); };
      return send(...args);
    }
    const p = send(...args);
    if (p && typeof p.then === 'function') p.then(done, done);
    return p;
  };
})()`;

export interface PopupTrace {
  readonly shown: number;
  /** Navigation Timing of the popup's document (ms since navigation start). */
  readonly nav?: { responseStart: number; domInteractive: number; domContentLoaded: number; scripts: number };
  readonly messages: readonly { type: string; sent: number; answered: number | null }[];
}

export class Arm {
  extensionId: string | undefined;
  workerSession: string | undefined;
  /** Faultline's `[faultline] …` console warnings, when `captureConsole` was on at the worker's start. */
  readonly warnings: string[] = [];
  captureConsole = false;
  /**
   * Run while a new worker is paused before its first script (after the counters): e.g. to start
   * the DevTools profiler on it (profile.ts).
   */
  onWorkerStart: ((sessionId: string) => Promise<void>) | undefined;
  private serviceWorkerEnabled = false;

  private constructor(
    readonly name: ArmName,
    readonly cdp: Cdp,
    readonly tab: Tab,
  ) {}

  static async launch(
    name: ArmName,
    extensionDir: string | undefined,
    resolverRules: string,
    labPort: number,
  ): Promise<Arm> {
    if (extensionDir && !existsSync(`${extensionDir}/manifest.json`)) {
      throw new Error(`No extension in ${extensionDir} (run \`npm run build\` first).`);
    }
    const args = [
      ...labChromiumArgs(labPort).filter((a) => !a.startsWith('--host-resolver-rules=')),
      `--host-resolver-rules=${resolverRules}`,
      '--window-size=1280,800',
      // The extension is loaded over the protocol once auto-attach is on, so that its worker's
      // first start is paused like every later one.
      ...(extensionDir ? ['--enable-unsafe-extension-debugging'] : ['--disable-extensions']),
    ];
    const cdp = await Cdp.launch(CHROMIUM_PATH, args);
    const pending: { arm?: Arm; extensionId?: string; workerSession?: string } = {};
    let workerUp: () => void = () => {};
    const firstWorker = new Promise<void>((ok) => {
      workerUp = ok;
    });
    cdp.on('Target.attachedToTarget', (params) => {
      const { sessionId, targetInfo, waitingForDebugger } = params as {
        sessionId: string;
        targetInfo: { type: string; url: string };
        waitingForDebugger: boolean;
      };
      if (!targetInfo.url.startsWith('chrome-extension://')) {
        void cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId).catch(() => {});
        return;
      }
      void (async () => {
        // Paused before its first script: install the counters, then let it run. (A worker
        // already running when auto-attach is switched back on gets them late.)
        await cdp.send('Debugger.enable', {}, sessionId);
        if (waitingForDebugger) {
          const paused = cdp.waitFor('Debugger.paused', () => true, 10_000, sessionId);
          await cdp.send(
            'Debugger.setInstrumentationBreakpoint',
            { instrumentation: 'beforeScriptExecution' },
            sessionId,
          );
          await cdp.send('Runtime.runIfWaitingForDebugger', {}, sessionId);
          await paused;
        }
        await cdp.evaluate(sessionId, INSTALL_COUNTERS, false);
        const arm = pending.arm;
        if (arm?.captureConsole) {
          cdp.on('Runtime.consoleAPICalled', (event, sid) => {
            if (sid !== sessionId) return;
            const text = (event.args as { value?: unknown }[]).map((a) => String(a.value ?? '')).join(' ');
            if (text.startsWith('[faultline]')) arm.warnings.push(text);
          });
          await cdp.send('Runtime.enable', {}, sessionId);
        }
        if (arm?.onWorkerStart) await arm.onWorkerStart(sessionId);
        await cdp.send('Debugger.disable', {}, sessionId);
        if (arm) {
          arm.extensionId = new URL(targetInfo.url).host;
          arm.workerSession = sessionId;
        } else {
          pending.extensionId = new URL(targetInfo.url).host;
          pending.workerSession = sessionId;
        }
        workerUp();
      })().catch((error) => console.warn(`[bench] worker attach failed: ${error}`));
    });
    cdp.on('Target.detachedFromTarget', ({ sessionId }) => {
      const arm = pending.arm;
      if (arm && arm.workerSession === sessionId) arm.workerSession = undefined;
    });
    const tab = await Arm.openTab(cdp);
    const arm = new Arm(name, cdp, tab);
    await arm.autoAttach(true);
    if (extensionDir) {
      await cdp.send('Extensions.loadUnpacked', { path: extensionDir });
      await Promise.race([
        firstWorker,
        sleep(15_000).then(() => {
          throw new Error(`${name}: the extension's worker did not start`);
        }),
      ]);
      arm.extensionId = pending.extensionId;
      arm.workerSession = pending.workerSession;
    }
    pending.arm = arm;
    return arm;
  }

  static async openTab(cdp: Cdp, url = 'about:blank'): Promise<Tab> {
    const { targetId } = await cdp.send('Target.createTarget', { url });
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
    await cdp.send('Page.enable', {}, sessionId);
    return { targetId, sessionId };
  }

  get pid(): number {
    return this.cdp.pid;
  }

  /**
   * Navigates `tab` and resolves with the load event's time since navigation start (ms). A
   * heavy page on a 2-core machine that others load too may take a minute or more.
   */
  async load(url: string, tab: Tab = this.tab): Promise<number> {
    const loaded = this.cdp.waitFor('Page.loadEventFired', () => true, LOAD_TIMEOUT_MS, tab.sessionId);
    await this.cdp.send('Page.navigate', { url }, tab.sessionId);
    await loaded;
    return this.cdp.evaluate<number>(
      tab.sessionId,
      `performance.getEntriesByType('navigation')[0].loadEventStart`,
    );
  }

  /** Opens a new tab on `url`, waits for its load, and leaves it open (its session detached). */
  async openLoaded(url: string): Promise<Tab> {
    const tab = await Arm.openTab(this.cdp);
    await this.load(url, tab);
    await this.cdp.send('Target.detachFromTarget', { sessionId: tab.sessionId });
    return tab;
  }

  /** Evaluates in the extension's worker, starting it first if it is stopped. */
  async inWorker<T>(expression: string): Promise<T> {
    if (!this.workerSession) await this.startWorker();
    return this.cdp.evaluate<T>(this.workerSession!, `${INSTALL_COUNTERS}, ${expression}`);
  }

  /**
   * Starts a stopped worker the way a person would: an extension page (the options page of
   * either extension, or a blank one of the null extension) that the worker answers or not.
   */
  async startWorker(): Promise<void> {
    const page = await Arm.openTab(this.cdp);
    try {
      await this.cdp.send(
        'Page.navigate',
        {
          url: `chrome-extension://${this.extensionId}/${this.name === 'null' ? 'manifest.json' : 'src/options/index.html'}`,
        },
        page.sessionId,
      );
      if (this.name === 'null') {
        // The null extension has no page that talks to its worker: a message from one starts it.
        await this.cdp
          .evaluate(page.sessionId, `chrome.runtime.sendMessage('wake').catch(() => {})`)
          .catch(() => {});
      }
      await until(
        `${this.name}: the extension worker`,
        async () => this.workerSession,
        (s) => s !== undefined,
        { timeout: 15_000, interval: 20 },
      );
    } finally {
      await this.cdp.send('Target.closeTarget', { targetId: page.targetId }).catch(() => {});
    }
  }

  takeCounters(): Promise<Counters> {
    return this.workerSession
      ? this.cdp.evaluate<Counters>(this.workerSession, TAKE_COUNTERS)
      : Promise.resolve({ calls: {}, bytes: {} });
  }

  measureBytes(on: boolean): Promise<unknown> {
    return this.workerSession
      ? this.cdp.evaluate(this.workerSession, setMeasureBytes(on))
      : Promise.resolve();
  }

  /** The extension's tab id of the tab showing `url` (its query makes it unique). */
  async tabIdOf(url: string): Promise<number> {
    const tabs = await this.inWorker<{ id: number; url: string }[]>(
      `${raw('tabs.query', '{}')}.then((ts) => ts.map((t) => ({ id: t.id, url: t.url })))`,
    );
    const found = tabs.find((t) => t.url === url);
    if (!found) throw new Error(`${this.name}: no tab shows ${url}`);
    return found.id;
  }

  /** `storage.session` bytes in use, as Chrome counts them against its quota. */
  bytesInUse(): Promise<number> {
    return this.inWorker<number>(raw('storage.session.getBytesInUse', 'null'));
  }

  /** A tab's stored record: its keys (`tab:<id>…`, `pre:<id>…`), their JSON and Chrome's count. */
  storedRecord(tabId: number): Promise<{ keys: number; json: number; bytes: number }> {
    return this.inWorker(`(async () => {
      const all = await ${raw('storage.session.get', 'null')};
      const own = new RegExp('^(tab|pre):${tabId}(?!\\\\d)');
      const keys = Object.keys(all).filter((k) => own.test(k));
      let json = 0;
      for (const k of keys) json += k.length + JSON.stringify(all[k]).length;
      const bytes = keys.length ? await ${raw('storage.session.getBytesInUse', 'keys')} : 0;
      return { keys: keys.length, json, bytes };
    })()`);
  }

  async workerHeapBytes(): Promise<number> {
    const session = this.workerSession;
    if (!session) return 0;
    const { usedSize } = await this.cdp.send('Runtime.getHeapUsage', {}, session);
    return usedSize as number;
  }

  /**
   * Stops the extension's worker (as Chrome does when idle) and waits until its thread is gone.
   * The benchmark's session on it is closed first: a worker restarting under an open session
   * keeps its DevTools target and would not be paused for the counters again. A pending event may
   * start a fresh worker at once: that one is attached (and counted) like any other.
   */
  async stopWorker(): Promise<void> {
    if (!this.serviceWorkerEnabled) {
      await this.cdp.send('ServiceWorker.enable', {}, this.tab.sessionId);
      this.serviceWorkerEnabled = true;
    }
    await this.detachWorker();
    const threads = workerThreadIds(this.pid);
    await this.cdp.send('ServiceWorker.stopAllWorkers', {}, this.tab.sessionId);
    await until(
      `${this.name}: the worker to stop`,
      async () => {
        const alive = new Set(workerThreadIds(this.pid));
        return threads.every((t) => !alive.has(t));
      },
      Boolean,
      { timeout: 10_000, interval: 10 },
    );
  }

  /** Leaves the worker alone: an attached DevTools session keeps Chrome from stopping it when idle. */
  async detachWorker(): Promise<void> {
    const session = this.workerSession;
    this.workerSession = undefined;
    if (session) await this.cdp.send('Target.detachFromTarget', { sessionId: session }).catch(() => {});
  }

  /** Auto-attaching to the extension's worker (on, it is attached at its next start). */
  autoAttach(on: boolean): Promise<unknown> {
    return this.cdp.send('Target.setAutoAttach', {
      autoAttach: on,
      waitForDebuggerOnStart: on,
      flatten: true,
      ...(on ? { filter: [{ type: 'service_worker' }] } : {}),
    });
  }

  /**
   * Opens the popup (as a tab) for `tabId` and resolves with the time from its navigation start
   * until it lists a provider (ms).
   */
  async popupTime(tabId: number): Promise<number> {
    return (await this.popupTrace(tabId, false)).shown;
  }

  /** The popup's time, and with `trace` the messages it sent on the way (POPUP_TRACE). */
  async popupTrace(tabId: number, trace = true): Promise<PopupTrace> {
    const tab = await Arm.openTab(this.cdp);
    try {
      await this.cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: POPUP_SHOWN }, tab.sessionId);
      if (trace)
        await this.cdp.send('Page.addScriptToEvaluateOnNewDocument', { source: POPUP_TRACE }, tab.sessionId);
      await this.cdp.send(
        'Page.navigate',
        { url: `chrome-extension://${this.extensionId}/src/popup/index.html?tab=${tabId}` },
        tab.sessionId,
      );
      const shown = await until(
        'the popup to list providers',
        () => this.cdp.evaluate<number | null>(tab.sessionId, 'window.__shown ?? null'),
        (v) => v !== null,
        { timeout: 20_000, interval: 20 },
      ).then((v) => v!);
      if (!trace) return { shown, messages: [] };
      const messages = await this.cdp.evaluate<PopupTrace['messages']>(tab.sessionId, 'window.__trace ?? []');
      const nav = await this.cdp.evaluate<PopupTrace['nav']>(
        tab.sessionId,
        `(() => { const n = performance.getEntriesByType('navigation')[0]; const r = performance.getEntriesByType('resource'); return { responseStart: n.responseStart, domInteractive: n.domInteractive, domContentLoaded: n.domContentLoadedEventStart, scripts: Math.max(0, ...r.map((e) => e.responseEnd)) }; })()`,
      );
      return { shown, messages, nav };
    } finally {
      await this.cdp.send('Target.closeTarget', { targetId: tab.targetId }).catch(() => {});
    }
  }

  /** The page state the popup would get for `tabId`, asked from an extension page. */
  async getPage(page: Tab, tabId: number): Promise<{ kind: string; requests: number }> {
    return this.cdp.evaluate(
      page.sessionId,
      `chrome.runtime.sendMessage({ type: 'getPage', tabId: ${tabId} }).then((s) => ({ kind: s?.kind ?? 'none', requests: s?.page?.requests ?? 0 }))`,
    );
  }

  close(): Promise<void> {
    return this.cdp.close();
  }
}
