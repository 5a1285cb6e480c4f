import type { PageRecord } from '../core/page/record.ts';

/** The slice of `storage.session` the store needs; a fake of it drives the unit tests. */
export interface SessionArea {
  get(keys: null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

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

/**
 * Per-tab page records, kept in memory while the worker lives and in `storage.session` across
 * worker restarts. Every entry point awaits `ready`, so a fresh worker never answers or writes
 * before the previous state is restored (a worker that rewrote storage from an empty memory
 * would lose the page).
 */
export class PageStore {
  readonly ready: Promise<void>;
  private readonly pages = new Map<number, PageRecord>();
  private readonly prerenders = new Map<number, PageRecord>();
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly area: SessionArea,
    private readonly onFlushed: (tabIds: number[]) => void = () => {},
    private readonly log: (message: string, error?: unknown) => void = () => {},
  ) {
    this.ready = this.load();
  }

  private async load(): Promise<void> {
    let all: Record<string, unknown> = {};
    try {
      all = await this.area.get(null);
    } catch (error) {
      this.log('could not read storage.session; starting empty', error);
    }
    for (const [key, value] of Object.entries(all)) {
      if (!isPageRecord(value)) continue;
      if (key.startsWith(PAGE)) this.pages.set(value.tabId, value);
      else if (key.startsWith(PRERENDER)) this.prerenders.set(value.tabId, value);
    }
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
    this.dirty.add((slot === 'page' ? PAGE : PRERENDER) + tabId);
    this.timer ??= setTimeout(() => void this.flush(), FLUSH_DELAY_MS);
  }

  /** A prerendered page became the tab's page. */
  activatePrerender(tabId: number): PageRecord | undefined {
    const record = this.prerenders.get(tabId);
    if (!record) return undefined;
    this.prerenders.delete(tabId);
    this.dirty.add(PRERENDER + tabId);
    this.set('page', record);
    return record;
  }

  /** `tabs.onReplaced`: the record follows the tab to its new id. */
  replace(addedTabId: number, removedTabId: number): void {
    const record = this.pages.get(removedTabId);
    this.drop(removedTabId);
    if (record) this.set('page', { ...record, tabId: addedTabId });
  }

  drop(tabId: number): void {
    this.pages.delete(tabId);
    this.prerenders.delete(tabId);
    this.dirty.delete(PAGE + tabId);
    this.dirty.delete(PRERENDER + tabId);
    this.writing = this.writing
      .then(() => this.area.remove([PAGE + tabId, PRERENDER + tabId]))
      .catch((error) => this.log('could not remove tab state', error));
  }

  /** Writes every changed record in one storage call. */
  async flush(): Promise<void> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size === 0) return this.writing;
    const items: Record<string, unknown> = {};
    const removed: string[] = [];
    const tabs = new Set<number>();
    for (const key of this.dirty) {
      const isPage = key.startsWith(PAGE);
      const tabId = Number(key.slice(isPage ? PAGE.length : PRERENDER.length));
      const record = (isPage ? this.pages : this.prerenders).get(tabId);
      if (record) items[key] = record;
      else removed.push(key);
      if (isPage) tabs.add(tabId);
    }
    this.dirty.clear();
    this.writing = this.writing
      .then(async () => {
        if (Object.keys(items).length > 0) await this.area.set(items);
        if (removed.length > 0) await this.area.remove(removed);
      })
      .catch((error) => this.log('could not write tab state', error));
    await this.writing;
    this.onFlushed([...tabs]);
  }
}
