import type { FeedSource } from '../core/catalog/types.ts';
import { feedFetcher } from '../core/status/fetch.ts';
import { clipText, type ProviderStatus } from '../core/status/model.ts';
import { checkProvider, type Fetcher } from '../core/status/poller.ts';
import {
  dueNow,
  type FeedState,
  inUse,
  newFeedState,
  POLL_BUDGET,
  POPUP_FRESH_MS,
  pollPlan,
  SEEN_WINDOW_MS,
} from '../core/status/schedule.ts';
import { BatchedState } from './state.ts';
import type { StorageArea } from './storage.ts';

/** One key per feed: `status:<feed>` → `{ status, feed }` (its last status and its schedule). */
const KEY_PREFIX = 'status:';
/** Where all statuses lived together before (one key for everything): read once, then removed. */
const LEGACY_KEY = 'faultline:status:v2';
/** Batch window for the statuses' writes: a popup's refresh of several feeds is one write. */
const SAVE_DELAY_MS = 200;
/**
 * Most characters one feed's stored status may take (its JSON). A real feed's is a few KB to
 * ~60 KB (Cloudflare lists ~300 components); a hostile one is cut down to fit, so that one feed
 * can never fill storage for the others.
 */
export const MAX_STORED_STATUS = 100_000;
/** What is kept of a status too large to store: this many components and events of each kind. */
const KEPT_COMPONENTS = 300;
const KEPT_EVENTS = 20;

interface Saved {
  status?: ProviderStatus;
  feed?: FeedState;
}

interface Legacy {
  statuses?: Record<string, ProviderStatus>;
  feeds?: Record<string, FeedState>;
}

/**
 * A status as stored: within MAX_STORED_STATUS, keeping the level, the reason and as much of the
 * last parsed detail as fits (first the lists are cut, then the detail goes).
 */
export function boundedStatus(status: ProviderStatus, max = MAX_STORED_STATUS): ProviderStatus {
  if (JSON.stringify(status).length <= max) return status;
  const last = status.last;
  if (last) {
    const cut: ProviderStatus = {
      ...status,
      last: {
        ...last,
        components: last.components.slice(0, KEPT_COMPONENTS),
        incidents: last.incidents.slice(0, KEPT_EVENTS),
        maintenances: last.maintenances.slice(0, KEPT_EVENTS),
      },
    };
    if (JSON.stringify(cut).length <= max) return cut;
  }
  const { last: _dropped, ...rest } = status;
  const bare: ProviderStatus = { ...rest, detail: clipText(rest.detail ?? '', 200) };
  if (JSON.stringify(bare).length <= max) return bare;
  const { providerId, level, reason, checkedAt, okAt } = status;
  return { providerId, level, reason, checkedAt, okAt, pageUrl: clipText(status.pageUrl, 500) };
}

/**
 * The real fetcher: the worker's fetch (not subject to CORS for hosts in host_permissions) behind
 * core/status/fetch.ts — only the source's own catalog origins, no redirect followed, no cookies,
 * a timeout and a body size cap.
 */
export const fetchFeed: Fetcher = feedFetcher((url, init) => fetch(url, init));

/** One feed may serve several providers (CloudFront and S3 read AWS's): it is polled once. */
function feedKey(source: FeedSource): string {
  return `${source.kind} ${source.api ?? source.url}`;
}

/**
 * Live status of the providers in use, polled on alarms, kept in storage.local (last known
 * status survives restarts, with its age): one key per feed, written only when that feed's
 * status or schedule changed. Checks of one provider never overlap; a failing or hostile feed
 * only affects its own provider.
 */
export class StatusService {
  readonly ready: Promise<void>;
  /** Keyed by feed (see feedKey), not by provider. */
  private readonly statuses = new Map<string, ProviderStatus>();
  private readonly feeds = new Map<string, FeedState>();
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly feedSources = new Map<string, FeedSource>();
  private readonly state: BatchedState;
  private legacy = false;
  private changes = 0;

  constructor(
    private readonly sources: Readonly<Record<string, FeedSource>>,
    private readonly onChanged: () => void,
    private readonly log: (message: string, error?: unknown) => void,
    area: StorageArea,
    private readonly fetcher: Fetcher = fetchFeed,
  ) {
    for (const source of Object.values(sources)) this.feedSources.set(feedKey(source), source);
    this.state = new BatchedState({
      area,
      keys: [...[...this.feedSources.keys()].map((k) => KEY_PREFIX + k), LEGACY_KEY],
      delayMs: SAVE_DELAY_MS,
      restore: (stored) => this.restore(stored),
      valueOf: (key) => {
        if (key === LEGACY_KEY) return undefined;
        const feed = key.slice(KEY_PREFIX.length);
        const status = this.statuses.get(feed);
        const schedule = this.feeds.get(feed);
        if (!status && !schedule) return undefined;
        const saved: Saved = {};
        if (status) saved.status = boundedStatus(status);
        if (schedule) saved.feed = schedule;
        return saved;
      },
      onError: ({ op, error }) =>
        this.log(op === 'read' ? 'could not restore statuses' : 'could not save statuses', error),
    });
    this.ready = this.state.ready.then(() => {
      // Statuses of the old single key are written to their own keys, and the old key goes.
      if (!this.legacy) return;
      this.state.touch(LEGACY_KEY, ...[...this.feedSources.keys()].map((k) => KEY_PREFIX + k));
    });
  }

  private restore(stored: Readonly<Record<string, unknown>>): void {
    const legacy = stored[LEGACY_KEY] as Legacy | undefined;
    if (legacy && typeof legacy === 'object') {
      this.legacy = true;
      for (const [key, s] of Object.entries(legacy.statuses ?? {}))
        if (this.feedSources.has(key)) this.statuses.set(key, s);
      for (const [key, f] of Object.entries(legacy.feeds ?? {}))
        if (this.feedSources.has(key)) this.feeds.set(key, f);
    }
    for (const key of this.feedSources.keys()) {
      const saved = stored[KEY_PREFIX + key] as Saved | undefined;
      if (typeof saved !== 'object' || saved === null) continue;
      if (saved.status && typeof saved.status === 'object') this.statuses.set(key, saved.status);
      if (saved.feed && typeof saved.feed === 'object') this.feeds.set(key, saved.feed);
    }
  }

  /**
   * "Clear all data": forgets every status and polling schedule (the feeds are polled again as
   * pages use them). The caller clears the storage area afterwards.
   */
  async forget(): Promise<void> {
    await this.ready;
    const keys = [...this.statuses.keys(), ...this.feeds.keys()];
    this.statuses.clear();
    this.feeds.clear();
    this.changes++;
    if (keys.length > 0) this.state.touch(...keys.map((k) => KEY_PREFIX + k));
    await this.state.flush();
  }

  /** Changes with every status change: what the badges were computed from is stale. */
  get version(): number {
    return this.changes;
  }

  private save(key: string): void {
    this.state.touch(KEY_PREFIX + key);
  }

  private keysOf(providerIds: Iterable<string>): Set<string> {
    const keys = new Set<string>();
    for (const id of providerIds) {
      const source = this.sources[id];
      if (source) keys.add(feedKey(source));
    }
    return keys;
  }

  has(providerId: string): boolean {
    return providerId in this.sources;
  }

  get(providerId: string): ProviderStatus | undefined {
    const source = this.sources[providerId];
    if (!source) return undefined;
    const status = this.statuses.get(feedKey(source));
    return status
      ? { ...status, providerId }
      : { providerId, level: 'unknown', reason: 'not_checked', pageUrl: source.url };
  }

  /**
   * Providers seen on a page: remembered for 24 h; one seen for the first time (or again after
   * a day unseen) is checked at once. Writes only the feeds whose memory changed.
   */
  async seen(providerIds: Iterable<string>): Promise<void> {
    await this.ready;
    const now = Date.now();
    const fresh: string[] = [];
    for (const key of this.keysOf(providerIds)) {
      const feed = this.feeds.get(key);
      if (!feed) {
        this.feeds.set(key, newFeedState(key, now));
        fresh.push(key);
      } else if (now - feed.seenAt > SEEN_WINDOW_MS) {
        this.feeds.set(key, { ...feed, seenAt: now, nextAt: 0 });
        fresh.push(key);
      } else if (now - feed.seenAt > 60_000) {
        this.feeds.set(key, { ...feed, seenAt: now });
      } else continue;
      this.save(key);
    }
    await Promise.all(fresh.map((key) => this.check(key, false)));
  }

  /**
   * The alarm: check every feed in use whose turn has come, within the polling budget. Nothing
   * due, nothing done. The open tabs' providers (`openTabProviders`, which reads every tab's
   * record) are asked for only when they change the answer: a due feed was not seen for a day (in
   * use if an open tab still has it, set aside otherwise, until `seen` again), or more feeds are
   * in use than the budget polls at full cadence (open tabs' feeds rank first).
   */
  async tick(openTabProviders: () => Promise<ReadonlySet<string>>): Promise<void> {
    await this.ready;
    const now = Date.now();
    const due = [...this.feeds.values()].filter((f) => f.nextAt <= now);
    if (due.length === 0) return;
    let open = new Set<string>();
    const stale = due.filter((f) => now - f.seenAt >= SEEN_WINDOW_MS);
    const overBudget = inUse(this.feeds.values(), open, now).length > POLL_BUDGET.full;
    if (stale.length > 0 || overBudget) {
      open = this.keysOf(await openTabProviders());
      for (const key of open) if (!this.feeds.has(key)) this.feeds.set(key, newFeedState(key, now));
      for (const f of stale) {
        if (open.has(f.providerId)) continue;
        // Not used by any tab for a day: no check until a page uses it again.
        this.feeds.set(f.providerId, { ...f, nextAt: now + SEEN_WINDOW_MS });
        this.save(f.providerId);
      }
    }
    const plan = pollPlan(this.feeds.values(), open, now);
    await Promise.all(dueNow(this.feeds, plan, now).map((key) => this.check(key, false)));
  }

  /** A popup opened: refresh what is older than a minute (or everything, when asked to). */
  async refresh(providerIds: readonly string[], force: boolean): Promise<void> {
    await this.ready;
    const now = Date.now();
    const stale = [...this.keysOf(providerIds)].filter((key) => {
      const checkedAt = this.statuses.get(key)?.checkedAt ?? 0;
      return force || now - checkedAt > POPUP_FRESH_MS;
    });
    await Promise.all(stale.map((key) => this.check(key, true)));
  }

  private check(key: string, wantDetail: boolean): Promise<void> {
    const running = this.inflight.get(key);
    if (running) return running;
    const source = this.feedSources.get(key);
    if (!source) return Promise.resolve();
    const task = (async () => {
      const feed = this.feeds.get(key) ?? newFeedState(key, Date.now());
      try {
        const outcome = await checkProvider(source, this.statuses.get(key), feed, this.fetcher, {
          now: Date.now(),
          random: Math.random(),
          wantDetail,
        });
        this.statuses.set(key, outcome.status);
        this.feeds.set(key, outcome.feed);
        if (outcome.status.level === 'unknown') {
          this.log(`status of ${key} unknown: ${outcome.status.reason} (${outcome.status.detail ?? ''})`);
        }
        this.save(key);
        if (outcome.changed) {
          this.changes++;
          this.onChanged();
        }
      } catch (error) {
        // A parser bug must not stall the other feeds, nor leave a stale "operational".
        this.log(`status check of ${key} failed`, error);
        const previous = this.statuses.get(key);
        this.statuses.set(key, {
          providerId: key,
          level: 'unknown',
          reason: 'unparseable',
          detail: error instanceof Error ? error.message : String(error),
          checkedAt: Date.now(),
          okAt: previous?.okAt,
          last: previous?.last,
          pageUrl: source.url,
        });
        this.save(key);
        this.changes++;
        this.onChanged();
      }
    })().finally(() => this.inflight.delete(key));
    this.inflight.set(key, task);
    return task;
  }
}
