import type { Classifier } from '../core/detect/classify.ts';
import { splitUrl } from '../core/detect/classify.ts';
import type { HeaderLike } from '../core/detect/types.ts';
import {
  addPageError,
  attribute,
  BUCKET_MS,
  decodeMinute,
  encodeMinute,
  forgetStale,
  type HostMemory,
  isHostMemory,
  isPagesErrors,
  isWindow,
  learn,
  networkFailure,
  newHostMemory,
  newWindow,
  type ObservationWindow,
  type ObservedPage,
  observedPage,
  orderProviders,
  type PageErrors,
  parsedOrSelf,
  prune,
  record,
  responseFailure,
  type Signal,
  signal,
  signalKey,
  WINDOW_MS,
} from '../core/observe/index.ts';
import { BatchedState } from './state.ts';
import type { StorageArea } from './storage.ts';
import type { Recorded, ResponseEvent } from './tracker.ts';

/**
 * storage.session keys, apart from the page store's: the window one minute a key
 * (`observe:window:<minute start>`, a minute that is over no longer changes), the host memory
 * and the pages' errors. Each is a JSON string (see core/observe/stored.ts).
 */
export const OBSERVE_KEYS = {
  /** The whole window under one key, as stored before: read once, then removed. */
  window: 'observe:window',
  hosts: 'observe:hosts',
  pages: 'observe:pages',
} as const;
const MINUTE_KEY = 'observe:window:';
const minuteKey = (minute: number): string => `${MINUTE_KEY}${minute}`;

/** The minutes a window may hold at `now`, oldest first. */
function windowMinutes(now: number): number[] {
  const last = Math.floor(now / BUCKET_MS) * BUCKET_MS;
  const out: number[] = [];
  for (let m = last - WINDOW_MS; m <= last; m += BUCKET_MS) out.push(m);
  return out;
}

/**
 * A host seen again with the same providers is written again only this long after it was last
 * written: its time matters only for the hour its providers are trusted (HOST_TTL_MS).
 */
const HOST_REWRITE_MS = 5 * 60_000;

/** The signal is compared with the previous one at most this often. */
export const CHECK_INTERVAL_MS = 1_000;
/** A computed signal is reused this long when nothing new was observed. */
const SIGNAL_REUSE_MS = 1_000;

/** `webRequest.onResponseStarted` details, with the status line Firefox and Chrome send. */
export interface ObservedResponse extends ResponseEvent {
  statusLine?: string | undefined;
  requestId?: string | undefined;
}

/** The fields of `webRequest.onErrorOccurred` details we use. */
export interface ErrorEvent {
  tabId: number;
  url: string;
  type: string;
  error: string;
  ip?: string | undefined;
  documentLifecycle?: string | undefined;
  requestId?: string | undefined;
}

/** Requests remembered as answered (their error, if any, is not counted again). */
const MAX_ANSWERED = 2_000;

/** The page record a tab's request belongs to: its host and identity. */
export interface PageRef {
  readonly host: string;
  readonly startedAt: number;
}

export interface ObserverDeps {
  readonly classifier: Classifier;
  /** The tab's current page record (or its prerendered one), once the page store is ready. */
  readonly pageOf: (tabId: number, prerender: boolean) => PageRef | undefined;
  /** The per-provider signal changed: badges of every tab need recomputing. */
  readonly onChanged?: () => void;
  readonly log?: (message: string, error?: unknown) => void;
  readonly now?: () => number;
}

/** PoP of the edge that answered, when it names one. */
function popOf(detections: Recorded['detections']): string | undefined {
  return detections.find((d) => d.role === 'edge' && d.pop)?.pop;
}

/**
 * Batch window for the observer's writes. Longer than the page store's: the window (up to 2,000
 * buckets) and the host memory are rewritten whole, and while a page loads they change on every
 * response. Losing the last second of observations to a killed worker costs a rolling 15-minute
 * signal almost nothing.
 */
export const OBSERVE_FLUSH_DELAY_MS = 1_000;

/**
 * The shell around observe/: folds responses and network errors into the rolling window, the
 * host → provider memory and each page's explained errors, persists all three in
 * `storage.session` (batched, restored before any use, like the page store), and reports when
 * the cross-site signal changes.
 */
export class Observer {
  readonly ready: Promise<void>;
  private window: ObservationWindow = newWindow();
  private hosts: HostMemory = newHostMemory();
  private pages: Record<string, PageErrors> = {};
  /**
   * Ids of requests whose response was already counted. A body that fails after its headers
   * (ERR_CONTENT_LENGTH_MISMATCH, a reset mid-download) also raises onErrorOccurred: counted once,
   * as the response it was. In memory only: a restart forgets at most a few such pairs.
   */
  private readonly answered = new Set<string>();
  private readonly state: BatchedState;
  /** Minutes of the window written to storage (their keys exist). */
  private readonly storedMinutes = new Set<number>();
  private checkTimer: ReturnType<typeof setTimeout> | undefined;
  private lastCheck = Number.NEGATIVE_INFINITY;
  private lastKey: string | undefined;
  /** Bumped on every change to the window, so the signal can be reused between changes. */
  private version = 0;
  private cached: { readonly version: number; readonly at: number; readonly signal: Signal } | undefined;
  private readonly now: () => number;
  private readonly log: (message: string, error?: unknown) => void;

  constructor(
    area: StorageArea,
    private readonly deps: ObserverDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.log = deps.log ?? (() => {});
    this.state = new BatchedState({
      area,
      keys: [...Object.values(OBSERVE_KEYS), ...windowMinutes(this.now()).map(minuteKey)],
      delayMs: OBSERVE_FLUSH_DELAY_MS,
      restore: (stored) => this.restore(stored),
      valueOf: (key) => this.valueOf(key),
      onError: ({ op, error }) =>
        this.log(
          op === 'read'
            ? 'could not read observed failures; starting empty'
            : 'could not write observed failures',
          error,
        ),
    });
    this.ready = this.state.ready.then(() => {
      // What the previous worker last compared against: badges already show it.
      this.lastKey = signalKey(signal(this.window, this.now()));
    });
  }

  private restore(stored: Readonly<Record<string, unknown>>): void {
    const buckets = windowMinutes(this.now()).flatMap((m) => {
      const value = stored[minuteKey(m)];
      if (value === undefined) return [];
      this.storedMinutes.add(m);
      return decodeMinute(m, value);
    });
    const legacy = stored[OBSERVE_KEYS.window];
    if (isWindow(legacy)) {
      // Written one minute a key from now on; the old key goes.
      const minutes = new Set(buckets.map((b) => b.minute));
      for (const b of legacy.buckets) if (!minutes.has(b.minute)) buckets.push(b);
      buckets.sort((a, b) => a.minute - b.minute);
      this.state.mark(OBSERVE_KEYS.window, ...new Set(legacy.buckets.map((b) => minuteKey(b.minute))));
    }
    this.window = { v: 1, buckets };
    const hosts = parsedOrSelf(stored[OBSERVE_KEYS.hosts]);
    const pages = parsedOrSelf(stored[OBSERVE_KEYS.pages]);
    if (isHostMemory(hosts)) this.hosts = hosts;
    if (isPagesErrors(pages)) this.pages = pages;
  }

  /** What is written under each key: pruned of what has aged out (or left its page) meanwhile. */
  private valueOf(key: string): string | undefined {
    const now = this.now();
    if (key.startsWith(MINUTE_KEY)) {
      prune(this.window, now);
      const minute = Number(key.slice(MINUTE_KEY.length));
      const buckets = this.window.buckets.filter((b) => b.minute === minute);
      if (buckets.length === 0) {
        this.storedMinutes.delete(minute);
        return undefined;
      }
      this.storedMinutes.add(minute);
      return encodeMinute(buckets);
    }
    if (key === OBSERVE_KEYS.window) return undefined;
    if (key === OBSERVE_KEYS.hosts) {
      forgetStale(this.hosts, now);
      return JSON.stringify(this.hosts);
    }
    // Errors of pages no longer current (navigated away, tab closed meanwhile) are dropped.
    for (const [tab, errors] of Object.entries(this.pages)) {
      const tabId = Number(tab);
      const current = this.deps.pageOf(tabId, false)?.startedAt;
      const pre = this.deps.pageOf(tabId, true)?.startedAt;
      if (errors.page !== current && errors.page !== pre) delete this.pages[tab];
    }
    return JSON.stringify(this.pages);
  }

  /** The window changed at `now`: its minute is written, and minutes that left it are removed. */
  private touchWindow(now: number): void {
    const minute = Math.floor(now / BUCKET_MS) * BUCKET_MS;
    const gone = [...this.storedMinutes].filter((m) => m + BUCKET_MS <= now - WINDOW_MS);
    this.state.touch(minuteKey(minute), ...gone.map(minuteKey));
  }

  /** Learns what served a response; says whether the host memory changed enough to be written. */
  private learnHost(
    host: string,
    ip: string | undefined,
    detections: Recorded['detections'],
    now: number,
  ): boolean {
    const entries = (): (readonly [string[] | undefined, number])[] => {
      const h = host.toLowerCase();
      const byHost = Object.hasOwn(this.hosts.hosts, h) ? this.hosts.hosts[h] : undefined;
      const byIp = ip && Object.hasOwn(this.hosts.ips, ip) ? this.hosts.ips[ip] : undefined;
      return [byHost, byIp].map((e) => [e ? [...e.providers] : undefined, e?.at ?? 0] as const);
    };
    const before = entries();
    learn(this.hosts, host, ip, detections, now);
    const after = entries();
    return after.some(([providers, at], i) => {
      const [was, wasAt] = before[i]!;
      if (!providers) return false;
      return !was || was.join() !== providers.join() || at - wasAt > HOST_REWRITE_MS;
    });
  }

  /** The response of this request already started (its error, if any, came later). */
  wasAnswered(requestId: string | undefined): boolean {
    return requestId !== undefined && this.answered.has(requestId);
  }

  /** A response the tracker recorded (`recorded` is what it returned). */
  async onResponse(event: ObservedResponse, recorded: Recorded): Promise<void> {
    if (event.requestId !== undefined) {
      this.answered.add(event.requestId);
      if (this.answered.size > MAX_ANSWERED) {
        const oldest = this.answered.values().next().value;
        if (oldest !== undefined) this.answered.delete(oldest);
      }
    }
    await this.ready;
    const now = this.now();
    const providerIds = orderProviders(recorded.detections);
    const hostsChanged = this.learnHost(recorded.host, event.ip, recorded.detections, now);
    const status = event.statusCode ?? 0;
    const { failure, explanation } = responseFailure({
      status,
      headers: event.responseHeaders ?? ([] as readonly HeaderLike[]),
      providerIds,
      pop: popOf(recorded.detections),
      reason: event.statusLine,
    });
    record(
      this.window,
      {
        time: now,
        pageHost: recorded.pageHost,
        host: recorded.host,
        providerIds,
        failure,
        document: event.type === 'main_frame',
      },
      now,
    );
    this.version++;
    this.touchWindow(now);
    if (hostsChanged) this.state.touch(OBSERVE_KEYS.hosts);
    if (status >= 400 && (failure || explanation)) {
      this.addError(event.tabId, event.documentLifecycle === 'prerender', {
        host: recorded.host,
        providerId: explanation?.providerId ?? providerIds[0],
        status,
        explanation,
      });
    }
    this.scheduleCheck();
  }

  /** `webRequest.onErrorOccurred`. Cancellations and blocked requests are ignored. */
  async onError(event: ErrorEvent): Promise<void> {
    if (!(event.tabId >= 0)) return;
    if (!/^(https?|wss?):/i.test(event.url)) return;
    if (event.requestId !== undefined && this.answered.delete(event.requestId)) return;
    const failure = networkFailure(event.error);
    if (failure?.kind !== 'network') return;
    const kind = failure.error;
    // networkFailure never returns these; the check narrows the type.
    if (kind === 'aborted' || kind === 'blocked') return;
    await this.ready;
    const now = this.now();
    const { host } = splitUrl(event.url);
    // No header arrived: charge it to what served this host (or address) a moment ago, else to
    // what the address or the host name alone tells.
    const providerIds =
      attribute(this.hosts, host, event.ip, now) ??
      orderProviders(this.deps.classifier.classify({ url: event.url, headers: [], ip: event.ip }));
    const prerender = event.documentLifecycle === 'prerender';
    const isTopDocument = event.type === 'main_frame';
    const pageHost = isTopDocument ? host : (this.deps.pageOf(event.tabId, prerender)?.host ?? '');
    record(this.window, { time: now, pageHost, host, providerIds, failure, document: isTopDocument }, now);
    this.version++;
    this.touchWindow(now);
    // A document that never arrived has a record of its own by now (the tracker made it), so the
    // error is shown on it like any other.
    this.addError(event.tabId, prerender, { host, providerId: providerIds[0], error: kind });
    this.scheduleCheck();
  }

  private addError(tabId: number, prerender: boolean, entry: Parameters<typeof addPageError>[1]): void {
    const page = this.deps.pageOf(tabId, prerender);
    if (!page) return;
    const key = String(tabId);
    let errors = Object.hasOwn(this.pages, key) ? this.pages[key] : undefined;
    // Errors of the previous page of the tab go with it (a prerender keeps its own until shown).
    if (!errors || errors.page !== page.startedAt) {
      if (errors && prerender) return;
      errors = { page: page.startedAt, errors: [] };
      this.pages[key] = errors;
    }
    addPageError(errors.errors, entry, this.now());
    this.state.touch(OBSERVE_KEYS.pages);
  }

  /** The tab closed. */
  async dropTab(tabId: number): Promise<void> {
    await this.ready;
    const key = String(tabId);
    if (!Object.hasOwn(this.pages, key)) return;
    delete this.pages[key];
    this.state.touch(OBSERVE_KEYS.pages);
  }

  /** `tabs.onReplaced`: the page's errors follow the page record to the new tab id. */
  async replaceTab(addedTabId: number, removedTabId: number): Promise<void> {
    await this.ready;
    const from = String(removedTabId);
    if (!Object.hasOwn(this.pages, from)) return;
    if (!Object.hasOwn(this.pages, String(addedTabId))) this.pages[String(addedTabId)] = this.pages[from]!;
    delete this.pages[from];
    this.state.touch(OBSERVE_KEYS.pages);
  }

  /**
   * The cross-site signal now. Call after `ready`. Reused for a moment while the window does not
   * change: recomputing every tab's badge asks for it once per tab.
   */
  signal(): Signal {
    const now = this.now();
    const c = this.cached;
    if (c && c.version === this.version && now >= c.at && now - c.at < SIGNAL_REUSE_MS) return c.signal;
    const sig = signal(this.window, now);
    this.cached = { version: this.version, at: now, signal: sig };
    return sig;
  }

  /** What the popup shows for a tab's page (`page`: its record's `startedAt`). Call after `ready`. */
  forPage(tabId: number, page: number, providerIds: readonly string[], sig = this.signal()): ObservedPage {
    const key = String(tabId);
    const errors = Object.hasOwn(this.pages, key) ? this.pages[key] : undefined;
    return observedPage(sig, providerIds, errors && errors.page === page ? errors.errors : []);
  }

  /**
   * Compares the per-provider states with those of the last check and reports a change. Events
   * call it at most once per `CHECK_INTERVAL_MS`; the status alarm calls it too, as failures
   * leave the window with no event at all.
   */
  check(): void {
    this.lastCheck = this.now();
    const key = signalKey(this.signal());
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.deps.onChanged?.();
  }

  private scheduleCheck(): void {
    if (this.checkTimer !== undefined) return;
    const wait = Math.max(0, this.lastCheck + CHECK_INTERVAL_MS - this.now());
    this.checkTimer = setTimeout(() => {
      this.checkTimer = undefined;
      this.check();
    }, wait);
  }

  /** Writes what changed, in one storage call. */
  flush(): Promise<void> {
    return this.state.flush();
  }
}
