import type { PageView } from '../core/page/view.ts';
import {
  parseWatched,
  unwatch,
  type WatchedSite,
  watch,
  watchedOf,
  watchedProviders,
} from '../core/watch/watch.ts';
import { BatchedState } from './state.ts';
import type { StorageArea } from './storage.ts';

const KEY = 'faultline:watch:v1';

/** The watched sites in `storage.local` (bounded by core/watch), kept in memory for every look. */
export class WatchList {
  readonly ready: Promise<void>;
  private sites: WatchedSite[] = [];
  private readonly state: BatchedState;

  constructor(area: StorageArea, log: (message: string, error?: unknown) => void) {
    this.state = new BatchedState({
      area,
      keys: [KEY],
      delayMs: 200,
      restore: (stored) => {
        this.sites = parseWatched(stored[KEY]);
      },
      valueOf: () => this.sites,
      onError: ({ op, error }) =>
        log(op === 'read' ? 'could not restore watched sites' : 'could not save watched sites', error),
    });
    this.ready = this.state.ready;
  }

  list(): readonly WatchedSite[] {
    return this.sites;
  }

  has(host: string): boolean {
    return this.sites.some((s) => s.host === host);
  }

  providers(): Set<string> {
    return watchedProviders(this.sites);
  }

  async add(page: PageView, dnsProviders: Parameters<typeof watchedOf>[1]): Promise<void> {
    await this.ready;
    this.sites = watch(this.sites, watchedOf(page, dnsProviders, Date.now()));
    await this.save();
  }

  async remove(host: string): Promise<void> {
    await this.ready;
    this.sites = unwatch(this.sites, host);
    await this.save();
  }

  /** "Clear all data": no site watched any more (the caller clears the storage area afterwards). */
  async forget(): Promise<void> {
    await this.ready;
    this.sites = [];
    await this.save();
  }

  private save(): Promise<void> {
    this.state.touch(KEY);
    return this.state.flush();
  }
}
