import type { Classifier } from '../core/detect/classify.ts';
import { splitUrl } from '../core/detect/classify.ts';
import type { HeaderLike } from '../core/detect/types.ts';
import {
  addPageError,
  attribute,
  BUCKET_MS,
  type Bucket,
  decodeMinute,
  encodeMinute,
  forgetStale,
  type HostMemory,
  isHostMemory,
  isPagesErrors,
  isWindow,
  learn,
  mergeParts,
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
 * storage.session keys, apart from the page store's: the window by minute, each minute in parts
 * (`observe:window:<minute start>:<part>`: a part holds the buckets that changed since the
 * minute's previous part, so a write carries what changed), the host memory and the pages'
 * errors. Each is a JSON string (see core/observe/stored.ts).
 */
export const OBSERVE_KEYS = {
  /** The whole window under one key, as stored before: read once, then removed. */
  window: 'observe:window',
  hosts: 'observe:hosts',
  pages: 'observe:pages',
} as const;
const MINUTE_KEY = 'observe:window:';
const partKey = (minute: number, part: number): string => `${MINUTE_KEY}${minute}:${part}`;
/**
 * Parts a minute may have. Writes are at least OBSERVE_FLUSH_DELAY_MS apart, so a minute has
 * twelve at most; past the bound (a failed write too) the minute is written whole again as its
 * first part, and the others are removed.
 */
export const MAX_PARTS = 16;

/** `observe:window:<minute>:<part>` → its minute and part. */
function splitPartKey(key: string): { minute: number; part: number } | undefined {
  const m = /^observe:window:(\d+):(\d+)$/.exec(key);
  return m ? { minute: Number(m[1]), part: Number(m[2]) } : undefined;
}

/** The minutes a window may hold at `now`, oldest first. */
function windowMinutes(now: number): number[] {
  const last = Math.floor(now / BUCKET_MS) * BUCKET_MS;
  const out: number[] = [];
  for (let m = last - WINDOW_MS; m <= last; m += BUCKET_MS) out.push(m);
  return out;
}

/** Every key the window may have at `now`. */
function windowKeys(now: number): string[] {
  return windowMinutes(now).flatMap((m) => Array.from({ length: MAX_PARTS }, (_, i) => partKey(m, i)));
}

/**
 * Hosts seen again with the same providers are written again only this long after the host
 * memory was last written: their times matter only for the hour their providers are trusted
 * (HOST_TTL_MS).
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
 * Batch window for the observer's writes (trailing). Longer than the page store's: the current
 * minute of the window (~15 KB for a heavy page's 150 hosts) and the host memory are rewritten
 * whole, and while a page loads they change on every response, so a page that loads in six
 * seconds would otherwise rewrite them six times. Only a worker killed outright (an update, a
 * crash; Chrome stops an idle worker 30 s after its last event) loses the last seconds of
 * observations, which costs a rolling 15-minute signal almost nothing.
 */
export const OBSERVE_FLUSH_DELAY_MS = 5_000;

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
  /**
   * When the host memory was last written (its entries' times matter for an hour); a fresh
   * worker counts from its start, its predecessor having written it not long before.
   */
  private hostsWrittenAt: number;
  /** Per minute of the window: how many parts storage holds (the next part's number). */
  private readonly parts = new Map<number, number>();
  /** Per minute: the buckets changed since its last part was written, and that part's number. */
  private readonly pending = new Map<number, { part: number; buckets: Set<Bucket> }>();
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
    this.hostsWrittenAt = this.now();
    this.log = deps.log ?? (() => {});
    this.state = new BatchedState({
      area,
      keys: [...Object.values(OBSERVE_KEYS), ...windowKeys(this.now())],
      delayMs: OBSERVE_FLUSH_DELAY_MS,
      restore: (stored) => this.restore(stored),
      valueOf: (key) => this.valueOf(key),
      onFlushed: (keys, written) => {
        if (written) return;
        // Storage may lack a part: the minute is written whole with its next batch.
        for (const key of keys) {
          const k = splitPartKey(key);
          if (k && this.window.buckets.some((b) => b.minute === k.minute)) this.rewriteWhole(k.minute, false);
        }
      },
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
      const parts: Bucket[][] = [];
      for (let i = 0; i < MAX_PARTS; i++) {
        const value = stored[partKey(m, i)];
        if (value === undefined) continue;
        parts.push(decodeMinute(m, value));
        this.parts.set(m, i + 1);
      }
      return mergeParts(parts);
    });
    const legacy = stored[OBSERVE_KEYS.window];
    if (isWindow(legacy)) {
      // Written by minute from now on; the old key goes.
      const minutes = new Set(buckets.map((b) => b.minute));
      for (const b of legacy.buckets) if (!minutes.has(b.minute)) buckets.push(b);
      buckets.sort((a, b) => a.minute - b.minute);
      this.state.mark(OBSERVE_KEYS.window);
      for (const b of legacy.buckets) this.changed(b);
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
    const k = splitPartKey(key);
    if (k) return this.partValue(k.minute, k.part, now);
    if (key === OBSERVE_KEYS.window) return undefined;
    if (key === OBSERVE_KEYS.hosts) {
      this.hostsWrittenAt = now;
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

  /**
   * A minute's part as written now: the buckets changed since the minute's previous part, or, a
   * minute written whole again, all of them. Undefined (removed) for a part of a minute that left
   * the window, or one that a minute written whole again no longer has.
   */
  private partValue(minute: number, part: number, now: number): string | undefined {
    prune(this.window, now);
    const due = this.pending.get(minute);
    if (!due || due.part !== part) return undefined;
    this.pending.delete(minute);
    this.parts.set(minute, part + 1);
    const live = new Set(this.window.buckets);
    const buckets =
      part === 0
        ? this.window.buckets.filter((b) => b.minute === minute)
        : [...due.buckets].filter((b) => live.has(b));
    return buckets.length > 0 ? encodeMinute(buckets) : undefined;
  }

  /** The minute is written whole as its part 0 (`now`: with the next batch, or whenever). */
  private rewriteWhole(minute: number, now: boolean): { part: number; buckets: Set<Bucket> } {
    const due = { part: 0, buckets: new Set<Bucket>() };
    this.pending.set(minute, due);
    const keys = Array.from({ length: MAX_PARTS }, (_, i) => partKey(minute, i));
    if (now) this.state.touch(...keys);
    else this.state.mark(...keys);
    return due;
  }

  /**
   * A bucket changed: it goes into its minute's next part. A minute with no room for another
   * part is written whole again as its part 0, its other parts removed; minutes that left the
   * window are removed.
   */
  private changed(bucket: Bucket): void {
    const minute = bucket.minute;
    let due = this.pending.get(minute);
    if (!due) {
      const next = this.parts.get(minute) ?? 0;
      if (next >= MAX_PARTS) due = this.rewriteWhole(minute, true);
      else {
        due = { part: next, buckets: new Set() };
        this.pending.set(minute, due);
      }
    }
    due.buckets.add(bucket);
    this.state.touch(partKey(minute, due.part));
    const oldest = this.now() - WINDOW_MS;
    for (const [m, n] of this.parts) {
      if (m + BUCKET_MS > oldest) continue;
      this.parts.delete(m);
      this.pending.delete(m);
      this.state.touch(...Array.from({ length: n }, (_, i) => partKey(m, i)));
    }
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
    const learnt = learn(this.hosts, recorded.host, event.ip, recorded.detections, now);
    const status = event.statusCode ?? 0;
    const { failure, explanation } = responseFailure({
      status,
      headers: event.responseHeaders ?? ([] as readonly HeaderLike[]),
      providerIds,
      pop: popOf(recorded.detections),
      reason: event.statusLine,
    });
    const bucket = record(
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
    if (bucket) this.changed(bucket);
    // Seen again with the same providers: written again now and then, for the entries' times.
    if (learnt || now - this.hostsWrittenAt > HOST_REWRITE_MS) this.state.touch(OBSERVE_KEYS.hosts);
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
    const bucket = record(
      this.window,
      { time: now, pageHost, host, providerIds, failure, document: isTopDocument },
      now,
    );
    this.version++;
    if (bucket) this.changed(bucket);
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

  /**
   * "Clear all data": forgets every observation (the window, the host memory, every page's
   * errors). The caller clears the storage area after `flush`.
   */
  async forget(): Promise<void> {
    await this.ready;
    this.window = newWindow();
    this.hosts = newHostMemory();
    this.pages = {};
    this.answered.clear();
    this.version++;
    this.cached = undefined;
    this.pending.clear();
    this.parts.clear();
    this.state.touch(...Object.values(OBSERVE_KEYS), ...windowKeys(this.now()));
    await this.flush();
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
