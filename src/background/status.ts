import type { FeedSource } from '../core/catalog/types.ts';
import { feedFetcher } from '../core/status/fetch.ts';
import type { ProviderStatus } from '../core/status/model.ts';
import { checkProvider, type Fetcher } from '../core/status/poller.ts';
import { dueNow, type FeedState, newFeedState, POPUP_FRESH_MS, pollPlan } from '../core/status/schedule.ts';
import { BatchedState } from './state.ts';
import type { StorageArea } from './storage.ts';

const STORAGE_KEY = 'faultline:status:v2';
/** Batch window for the statuses' writes: a popup's refresh of several feeds is one write. */
const SAVE_DELAY_MS = 200;

interface Saved {
  statuses: Record<string, ProviderStatus>;
  feeds: Record<string, FeedState>;
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
 * status survives restarts, with its age). Checks of one provider never overlap; a failing or
 * hostile feed only affects its own provider.
 */
export class StatusService {
  readonly ready: Promise<void>;
  /** Keyed by feed (see feedKey), not by provider. */
  private readonly statuses = new Map<string, ProviderStatus>();
  private readonly feeds = new Map<string, FeedState>();
  private readonly inflight = new Map<string, Promise<void>>();
  private readonly feedSources = new Map<string, FeedSource>();
  private readonly state: BatchedState;

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
      keys: [STORAGE_KEY],
      delayMs: SAVE_DELAY_MS,
      restore: (stored) => this.restore(stored[STORAGE_KEY] as Saved | undefined),
      valueOf: (): Saved => ({
        statuses: Object.fromEntries(this.statuses),
        feeds: Object.fromEntries(this.feeds),
      }),
      onError: ({ op, error }) =>
        this.log(op === 'read' ? 'could not restore statuses' : 'could not save statuses', error),
    });
    this.ready = this.state.ready;
  }

  private restore(saved: Saved | undefined): void {
    for (const [key, s] of Object.entries(saved?.statuses ?? {}))
      if (this.feedSources.has(key)) this.statuses.set(key, s);
    for (const [key, f] of Object.entries(saved?.feeds ?? {}))
      if (this.feedSources.has(key)) this.feeds.set(key, f);
  }

  private save(): void {
    this.state.touch(STORAGE_KEY);
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

  /** Providers seen on a page: remembered for 24 h; one seen for the first time is checked at once. */
  async seen(providerIds: Iterable<string>): Promise<void> {
    await this.ready;
    const now = Date.now();
    const fresh: string[] = [];
    for (const key of this.keysOf(providerIds)) {
      const feed = this.feeds.get(key);
      if (!feed) {
        this.feeds.set(key, newFeedState(key, now));
        fresh.push(key);
      } else if (now - feed.seenAt > 60_000) {
        this.feeds.set(key, { ...feed, seenAt: now });
      }
    }
    this.save();
    await Promise.all(fresh.map((key) => this.check(key, false)));
  }

  /** The alarm: check every feed in use whose turn has come, within the polling budget. */
  async tick(openTabProviders: ReadonlySet<string>): Promise<void> {
    await this.ready;
    const now = Date.now();
    const open = this.keysOf(openTabProviders);
    for (const key of open) if (!this.feeds.has(key)) this.feeds.set(key, newFeedState(key, now));
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
        this.save();
        if (outcome.changed) this.onChanged();
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
        this.onChanged();
      }
    })().finally(() => this.inflight.delete(key));
    this.inflight.set(key, task);
    return task;
  }
}
