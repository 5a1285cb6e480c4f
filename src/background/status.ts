import type { FeedSource } from '../status/feeds.ts';
import type { ProviderStatus } from '../status/model.ts';
import { checkProvider, type Fetcher, type FetchResult } from '../status/poller.ts';
import { dueNow, type FeedState, inUse, newFeedState, POPUP_FRESH_MS } from '../status/schedule.ts';
import { browser } from './browser.ts';

const STORAGE_KEY = 'faultline:status:v1';
const SAVE_DELAY_MS = 200;

interface Saved {
  statuses: Record<string, ProviderStatus>;
  feeds: Record<string, FeedState>;
}

/**
 * The real fetcher: the worker's fetch (not subject to CORS for hosts in host_permissions) with a
 * timeout, a body size cap read from the stream, and no cross-host redirects.
 */
export const fetchFeed: Fetcher = async (request): Promise<FetchResult> => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), request.timeoutMs);
  try {
    const response = await fetch(request.url, {
      headers: request.headers,
      signal: controller.signal,
      credentials: 'omit',
      cache: 'no-cache',
      redirect: 'follow',
    });
    if (response.redirected && new URL(response.url).host !== new URL(request.url).host) {
      return { ok: false, reason: 'redirected', detail: `redirected to ${new URL(response.url).host}` };
    }
    const meta = {
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
    };
    if (response.status === 304) return { ok: true, status: 304, ...meta };
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > request.maxBytes) {
      controller.abort();
      return { ok: false, reason: 'too_large', detail: `${declared} bytes declared` };
    }
    const reader = response.body?.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > request.maxBytes) {
          controller.abort();
          return { ok: false, reason: 'too_large', detail: `more than ${request.maxBytes} bytes` };
        }
        chunks.push(value);
      }
    }
    const bytes = new Uint8Array(size);
    let offset = 0;
    for (const c of chunks) {
      bytes.set(c, offset);
      offset += c.length;
    }
    return { ok: true, status: response.status, bytes, ...meta };
  } catch (error) {
    if (controller.signal.aborted)
      return { ok: false, reason: 'timed_out', detail: `no answer within ${request.timeoutMs} ms` };
    return {
      ok: false,
      reason: 'unreachable',
      detail: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
};

/**
 * Live status of the providers in use, polled on alarms, kept in storage.local (last known
 * status survives restarts, with its age). Checks of one provider never overlap; a failing or
 * hostile feed only affects its own provider.
 */
export class StatusService {
  readonly ready: Promise<void>;
  private readonly statuses = new Map<string, ProviderStatus>();
  private readonly feeds = new Map<string, FeedState>();
  private readonly inflight = new Map<string, Promise<void>>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly sources: Readonly<Record<string, FeedSource>>,
    private readonly onChanged: () => void,
    private readonly log: (message: string, error?: unknown) => void,
    private readonly fetcher: Fetcher = fetchFeed,
  ) {
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    try {
      const saved = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY] as Saved | undefined;
      for (const [id, s] of Object.entries(saved?.statuses ?? {})) this.statuses.set(id, s);
      for (const [id, f] of Object.entries(saved?.feeds ?? {})) this.feeds.set(id, f);
    } catch (error) {
      this.log('could not restore statuses', error);
    }
  }

  private save(): void {
    this.saveTimer ??= setTimeout(() => {
      this.saveTimer = undefined;
      const saved: Saved = {
        statuses: Object.fromEntries(this.statuses),
        feeds: Object.fromEntries(this.feeds),
      };
      browser.storage.local
        .set({ [STORAGE_KEY]: saved })
        .catch((error) => this.log('could not save statuses', error));
    }, SAVE_DELAY_MS);
  }

  has(providerId: string): boolean {
    return providerId in this.sources;
  }

  get(providerId: string): ProviderStatus | undefined {
    const source = this.sources[providerId];
    if (!source) return undefined;
    return (
      this.statuses.get(providerId) ?? {
        providerId,
        level: 'unknown',
        reason: 'not_checked',
        pageUrl: source.url,
      }
    );
  }

  /** Providers seen on a page: remembered for 24 h; one seen for the first time is checked at once. */
  async seen(providerIds: Iterable<string>): Promise<void> {
    await this.ready;
    const now = Date.now();
    const fresh: string[] = [];
    for (const id of providerIds) {
      if (!this.has(id)) continue;
      const feed = this.feeds.get(id);
      if (!feed) {
        this.feeds.set(id, newFeedState(id, now));
        fresh.push(id);
      } else if (now - feed.seenAt > 60_000) {
        this.feeds.set(id, { ...feed, seenAt: now });
      }
    }
    this.save();
    await Promise.all(fresh.map((id) => this.check(id, false)));
  }

  /** The alarm: check every provider in use whose turn has come. */
  async tick(openTabProviders: ReadonlySet<string>): Promise<void> {
    await this.ready;
    const now = Date.now();
    for (const id of openTabProviders)
      if (this.has(id) && !this.feeds.has(id)) this.feeds.set(id, newFeedState(id, now));
    const used = inUse(this.feeds.values(), openTabProviders, now);
    await Promise.all(dueNow(this.feeds, used, now).map((id) => this.check(id, false)));
  }

  /** A popup opened: refresh what is older than a minute (or everything, when asked to). */
  async refresh(providerIds: readonly string[], force: boolean): Promise<void> {
    await this.ready;
    const now = Date.now();
    const stale = providerIds.filter((id) => {
      if (!this.has(id)) return false;
      const checkedAt = this.statuses.get(id)?.checkedAt ?? 0;
      return force || now - checkedAt > POPUP_FRESH_MS;
    });
    await Promise.all(stale.map((id) => this.check(id, true)));
  }

  private check(providerId: string, wantDetail: boolean): Promise<void> {
    const running = this.inflight.get(providerId);
    if (running) return running;
    const source = this.sources[providerId];
    if (!source) return Promise.resolve();
    const task = (async () => {
      const feed = this.feeds.get(providerId) ?? newFeedState(providerId, Date.now());
      try {
        const outcome = await checkProvider(source, this.statuses.get(providerId), feed, this.fetcher, {
          now: Date.now(),
          random: Math.random(),
          wantDetail,
        });
        this.statuses.set(providerId, outcome.status);
        this.feeds.set(providerId, outcome.feed);
        if (outcome.status.level === 'unknown') {
          this.log(
            `status of ${providerId} unknown: ${outcome.status.reason} (${outcome.status.detail ?? ''})`,
          );
        }
        this.save();
        if (outcome.changed) this.onChanged();
      } catch (error) {
        // A parser bug must not stall the other providers: record it as unparseable.
        this.log(`status check of ${providerId} failed`, error);
      }
    })().finally(() => this.inflight.delete(providerId));
    this.inflight.set(providerId, task);
    return task;
  }
}
