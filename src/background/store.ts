import type { PageRecord } from '../core/page/record.ts';
import { BatchedState, type StorageFailure } from './state.ts';
import type { StorageArea } from './storage.ts';

/** Batch window for storage writes. Short: a killed worker loses at most this much. */
export const FLUSH_DELAY_MS = 150;

const PAGE = 'tab:';
const PRERENDER = 'pre:';

function isPageRecord(value: unknown): value is PageRecord {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<PageRecord>;
  return v.v === 1 && typeof v.tabId === 'number' && typeof v.hosts === 'object' && v.hosts !== null;
}

type Slot = 'page' | 'prerender';

const FAILURES: Readonly<Record<StorageFailure['op'], string>> = {
  read: 'could not read storage.session; starting empty',
  write: 'could not write tab state',
  remove: 'could not remove tab state',
};

/**
 * Per-tab page records, kept in memory while the worker lives and in `storage.session` across
 * worker restarts (`tab:<id>`, `pre:<id>` for a prerendered page). Every entry point awaits
 * `ready`, so a fresh worker never answers or writes before the previous state is restored (a
 * worker that rewrote storage from an empty memory would lose the page).
 */
export class PageStore {
  readonly ready: Promise<void>;
  private readonly pages = new Map<number, PageRecord>();
  private readonly prerenders = new Map<number, PageRecord>();
  private readonly state: BatchedState;

  constructor(
    area: StorageArea,
    onFlushed: (tabIds: number[]) => void = () => {},
    log: (message: string, error?: unknown) => void = () => {},
  ) {
    this.state = new BatchedState({
      area,
      // Tab ids are not known before reading: the whole area, ours filtered by prefix.
      keys: null,
      delayMs: FLUSH_DELAY_MS,
      restore: (stored) => this.restore(stored),
      valueOf: (key) => this.recordAt(key),
      onFlushed: (keys) =>
        onFlushed(keys.filter((k) => k.startsWith(PAGE)).map((k) => Number(k.slice(PAGE.length)))),
      onError: ({ op, error }) => log(FAILURES[op], error),
    });
    this.ready = this.state.ready;
  }

  private restore(stored: Readonly<Record<string, unknown>>): void {
    for (const [key, value] of Object.entries(stored)) {
      if (!isPageRecord(value)) continue;
      if (key.startsWith(PAGE)) this.pages.set(value.tabId, value);
      else if (key.startsWith(PRERENDER)) this.prerenders.set(value.tabId, value);
    }
  }

  private recordAt(key: string): PageRecord | undefined {
    if (key.startsWith(PAGE)) return this.pages.get(Number(key.slice(PAGE.length)));
    return this.prerenders.get(Number(key.slice(PRERENDER.length)));
  }

  get(tabId: number): PageRecord | undefined {
    return this.pages.get(tabId);
  }

  getPrerender(tabId: number): PageRecord | undefined {
    return this.prerenders.get(tabId);
  }

  tabIds(): number[] {
    return [...this.pages.keys()];
  }

  set(slot: Slot, record: PageRecord): void {
    (slot === 'page' ? this.pages : this.prerenders).set(record.tabId, record);
    this.touch(slot, record.tabId);
  }

  /** Marks a record as changed; it is written with the next batch. */
  touch(slot: Slot, tabId: number): void {
    this.state.touch((slot === 'page' ? PAGE : PRERENDER) + tabId);
  }

  /** A prerendered page became the tab's page. */
  activatePrerender(tabId: number): PageRecord | undefined {
    const record = this.prerenders.get(tabId);
    if (!record) return undefined;
    this.prerenders.delete(tabId);
    this.state.touch(PRERENDER + tabId);
    this.set('page', record);
    return record;
  }

  /** `tabs.onReplaced`: the record follows the tab to its new id. */
  replace(addedTabId: number, removedTabId: number): void {
    const record = this.pages.get(removedTabId);
    this.drop(removedTabId);
    if (record) this.set('page', { ...record, tabId: addedTabId });
  }

  /** The tab closed: its records leave memory now, and storage once the writes queued are done. */
  drop(tabId: number): void {
    this.pages.delete(tabId);
    this.prerenders.delete(tabId);
    void this.state.remove([PAGE + tabId, PRERENDER + tabId]);
  }

  /** Writes every changed record in one storage call. */
  flush(): Promise<void> {
    return this.state.flush();
  }
}
