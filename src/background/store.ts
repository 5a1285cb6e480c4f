import { clip, MAX_HOST_NAME, MAX_HOSTS, type PageRecord, putHost } from '../core/page/record.ts';
import { decodeRecord, encodeHead, encodeHost, encodeOverflow, hostCountOf } from '../core/page/stored.ts';
import { BatchedState, type StorageFailure } from './state.ts';
import type { StorageArea } from './storage.ts';

/**
 * Batch window for storage writes (leading: the first change after a quiet moment is written at
 * once, then at most once per window; see state.ts). A heavy page loading for ~0.6 s is written
 * 4–5 times; a worker killed in the middle of such a burst loses at most this much of it.
 */
export const FLUSH_DELAY_MS = 150;

/** The index: which tabs have a record, and of which navigation (see `PageRef`). */
const INDEX = 'pages:index';

type Slot = 'page' | 'prerender';
const PREFIX: Readonly<Record<Slot, string>> = { page: 'tab:', prerender: 'pre:' };

/** The page record a tab's request belongs to, known without reading the record itself. */
export interface PageRef {
  readonly host: string;
  /** The record's navigation id. */
  readonly startedAt: number;
}

/** A record in memory, with the order of its hosts (host i is stored under `<prefix>:h<i>`). */
interface Entry {
  readonly record: PageRecord;
  readonly order: string[];
  readonly indexOf: Map<string, number>;
}

function entryOf(record: PageRecord): Entry {
  const order = Object.keys(record.hosts);
  return { record, order, indexOf: new Map(order.map((h, i) => [h, i])) };
}

const prefixOf = (slot: Slot, tabId: number): string => `${PREFIX[slot]}${tabId}`;
const hostKey = (prefix: string, i: number): string => `${prefix}:h${i}`;
const overflowKey = (prefix: string): string => `${prefix}:o`;

/** Every key a record may be stored under. */
function keysOf(prefix: string): string[] {
  const keys = [prefix, overflowKey(prefix)];
  for (let i = 0; i < MAX_HOSTS; i++) keys.push(hostKey(prefix, i));
  return keys;
}

/** `tab:5:h3` → { prefix: 'tab:5', part: 'h3' }; the head's part is ''. */
function splitKey(key: string): { prefix: string; part: string } | undefined {
  const m = /^((?:tab|pre):\d+)(?::(h\d+|o))?$/.exec(key);
  return m ? { prefix: m[1]!, part: m[2] ?? '' } : undefined;
}

function tabOf(prefix: string): number {
  return Number(prefix.slice(4));
}

/** The index in storage: [prefix, navigation id, host] for every record. */
function encodeIndex(refs: ReadonlyMap<string, PageRef>): string {
  return JSON.stringify([...refs].map(([prefix, r]) => [prefix, r.startedAt, r.host]));
}

function decodeIndex(value: unknown): Map<string, PageRef> {
  const refs = new Map<string, PageRef>();
  if (typeof value !== 'string') return refs;
  try {
    const list: unknown = JSON.parse(value);
    if (!Array.isArray(list)) return refs;
    for (const e of list) {
      if (!Array.isArray(e) || typeof e[0] !== 'string' || !splitKey(e[0])) continue;
      if (typeof e[1] !== 'number' || typeof e[2] !== 'string') continue;
      refs.set(e[0], { startedAt: e[1], host: e[2] });
    }
  } catch {
    // An unreadable index: no record comes back.
  }
  return refs;
}

const FAILURES: Readonly<Record<StorageFailure['op'], string>> = {
  read: 'could not read storage.session',
  write: 'could not write tab state',
  remove: 'could not remove tab state',
};

/**
 * Per-tab page records, kept in memory while the worker lives and in `storage.session` across
 * worker restarts, in the compact parts of core/page/stored.ts (`tab:<id>` and `tab:<id>:h<i>`,
 * `tab:<id>:o`; `pre:<id>…` for a prerendered page), so that a write carries only the hosts
 * that changed. A small index (`pages:index`) says which tabs have a record and of which
 * navigation; a fresh worker reads that alone (`ready`) and a tab's record when it is needed
 * (`load`), never everything at every wake.
 *
 * When the browser refuses a write (the 10 MB quota), the record in storage is the last good
 * state of the same page, never another page's: a record of a previous navigation is removed,
 * and the head, tiny, is written again saying so (`unsaved`, which the popup gets).
 */
export class PageStore {
  /** Resolves once the index is read. */
  readonly ready: Promise<void>;
  private readonly entries = new Map<string, Entry>();
  /** Every record, stored or in memory only: prefix → its navigation. */
  private refs = new Map<string, PageRef>();
  /** Prefixes whose stored record (if any) was read, or superseded by a new one. */
  private readonly loaded = new Set<string>();
  private readonly loading = new Map<number, Promise<void>>();
  /** What storage holds per prefix: the navigation and how many host parts. */
  private readonly stored = new Map<string, { nav: number; hosts: number }>();
  /** Keys of refused batches, written again with the next change of their tab. */
  private readonly retry = new Map<string, Set<string>>();
  private readonly state: BatchedState;

  constructor(
    area: StorageArea,
    onFlushed: (tabIds: number[]) => void = () => {},
    private readonly log: (message: string, error?: unknown) => void = () => {},
  ) {
    this.state = new BatchedState({
      area,
      keys: [INDEX],
      delayMs: FLUSH_DELAY_MS,
      leading: true,
      restore: (stored) => {
        this.refs = decodeIndex(stored[INDEX]);
      },
      valueOf: (key) => this.valueOf(key),
      onFlushed: (keys, written) => {
        this.flushed(keys, written);
        const tabs = new Set<number>();
        for (const key of keys) {
          const k = splitKey(key);
          if (k?.prefix.startsWith(PREFIX.page)) tabs.add(tabOf(k.prefix));
        }
        onFlushed([...tabs]);
      },
      onError: ({ op, error }) => this.log(FAILURES[op], error),
    });
    this.ready = this.state.ready;
  }

  private valueOf(key: string): string | undefined {
    if (key === INDEX) return encodeIndex(this.refs);
    const k = splitKey(key);
    const entry = k && this.entries.get(k.prefix);
    if (!k || !entry) return undefined;
    if (k.part === '') return encodeHead(entry.record);
    if (k.part === 'o') return encodeOverflow(entry.record);
    const name = entry.order[Number(k.part.slice(1))];
    return name === undefined ? undefined : encodeHost(entry.record, name);
  }

  /** Bookkeeping after a batch: what storage now holds, and what to do about a refusal. */
  private flushed(keys: readonly string[], written: boolean): void {
    const prefixes = new Set<string>();
    for (const key of keys) {
      const k = splitKey(key);
      if (k) prefixes.add(k.prefix);
    }
    for (const prefix of prefixes) {
      const entry = this.entries.get(prefix);
      if (written) {
        if (!keys.includes(prefix)) continue;
        if (entry) {
          this.stored.set(prefix, { nav: entry.record.startedAt, hosts: entry.order.length });
          if (entry.record.unsaved && !this.retry.has(prefix)) {
            // All of it is stored again: the head no longer needs to say otherwise.
            delete entry.record.unsaved;
            this.state.touch(prefix);
          }
        } else this.stored.delete(prefix);
        continue;
      }
      // Refused (storage full): keep the keys for the next change of this tab.
      let again = this.retry.get(prefix);
      if (!again) {
        again = new Set();
        this.retry.set(prefix, again);
      }
      for (const key of keys) if (key === prefix || key.startsWith(`${prefix}:`)) again.add(key);
      if (!entry) continue;
      entry.record.unsaved = true;
      const inStorage = this.stored.get(prefix);
      if (inStorage && inStorage.nav !== entry.record.startedAt) {
        // Storage holds the previous page of this tab: never let it come back as this one.
        this.stored.delete(prefix);
        void this.state.remove(keysOf(prefix), { keepPending: true });
      }
      // The head alone (and the index naming its page) says what happened; its host count is
      // that of the parts still stored.
      const head = encodeHead(entry.record, this.stored.get(prefix)?.hosts ?? 0);
      void this.state.write({ [prefix]: head, [INDEX]: encodeIndex(this.refs) }).then((ok) => {
        if (!ok) this.log('could not mark tab state as unsaved');
      });
    }
  }

  /** Reads a tab's stored records into memory, once; every reader of a tab awaits it. */
  load(tabId: number): Promise<void> {
    const running = this.loading.get(tabId);
    if (running) return running;
    const task = (async () => {
      await this.ready;
      const wanted = (['page', 'prerender'] as const)
        .map((slot) => prefixOf(slot, tabId))
        .filter((p) => !this.loaded.has(p) && this.refs.has(p));
      if (wanted.length === 0) return;
      const stored = await this.state.read(wanted.flatMap(keysOf));
      for (const prefix of wanted) {
        // A new page of this tab arrived meanwhile: it wins.
        if (this.loaded.has(prefix)) continue;
        this.loaded.add(prefix);
        const ref = this.refs.get(prefix);
        const head = stored[prefix];
        const hosts = Array.from({ length: hostCountOf(head) }, (_, i) => stored[hostKey(prefix, i)]);
        const record = decodeRecord(head, hosts, stored[overflowKey(prefix)]);
        if (!record || !ref || record.startedAt !== ref.startedAt) continue;
        this.entries.set(prefix, entryOf(record));
        this.stored.set(prefix, { nav: record.startedAt, hosts: hosts.length });
      }
    })().finally(() => this.loading.delete(tabId));
    this.loading.set(tabId, task);
    return task;
  }

  /** The tab's page record; call after `load(tabId)`. */
  get(tabId: number): PageRecord | undefined {
    return this.entries.get(prefixOf('page', tabId))?.record;
  }

  getPrerender(tabId: number): PageRecord | undefined {
    return this.entries.get(prefixOf('prerender', tabId))?.record;
  }

  /** Which page (or prerendered page) a tab has now, without reading its record. Call after `ready`. */
  ref(tabId: number, prerender: boolean): PageRef | undefined {
    return this.refs.get(prefixOf(prerender ? 'prerender' : 'page', tabId));
  }

  /** Tabs with a page record (stored or in memory). Call after `ready`. */
  tabIds(): number[] {
    const ids: number[] = [];
    for (const prefix of this.refs.keys()) if (prefix.startsWith(PREFIX.page)) ids.push(tabOf(prefix));
    return ids;
  }

  /** Loads every tab's record (for what needs them all: a status change, the settings). */
  async loadAll(): Promise<void> {
    await this.ready;
    for (const tabId of this.tabIds()) await this.load(tabId);
  }

  /**
   * A new record for the tab (a new page): replaces what it had, in memory and in storage.
   * `urgent`: written on the next turn, whatever the batch window (a page's first response).
   */
  set(slot: Slot, record: PageRecord, { urgent = false }: { urgent?: boolean } = {}): void {
    const prefix = prefixOf(slot, record.tabId);
    this.entries.set(prefix, entryOf(record));
    this.loaded.add(prefix);
    this.retry.delete(prefix);
    this.refs.set(prefix, { startedAt: record.startedAt, host: record.host });
    // Every part it may have had goes: those of the new record are written instead.
    const keys = [INDEX, ...keysOf(prefix)];
    if (urgent) this.state.urgent(...keys);
    else this.state.touch(...keys);
  }

  /** The record changed in its head only (counts, URL). */
  touch(slot: Slot, tabId: number, { urgent = false }: { urgent?: boolean } = {}): void {
    const prefix = prefixOf(slot, tabId);
    this.mark(prefix, [prefix], urgent);
  }

  /** A response of `host` was folded into the record: its host part (or the overflow) and the head. */
  touchHost(slot: Slot, tabId: number, name: string, { urgent = false }: { urgent?: boolean } = {}): void {
    const prefix = prefixOf(slot, tabId);
    const host = clip(name, MAX_HOST_NAME);
    const entry = this.entries.get(prefix);
    if (!entry) return;
    let part: string;
    if (Object.hasOwn(entry.record.hosts, host)) {
      let i = entry.indexOf.get(host);
      if (i === undefined) {
        i = entry.order.push(host) - 1;
        entry.indexOf.set(host, i);
      }
      part = hostKey(prefix, i);
    } else part = overflowKey(prefix);
    this.mark(prefix, [prefix, part], urgent);
  }

  private mark(prefix: string, keys: string[], urgent: boolean): void {
    const again = this.retry.get(prefix);
    if (again) {
      this.retry.delete(prefix);
      this.state.mark(...again);
    }
    if (urgent) this.state.urgent(...keys);
    else this.state.touch(...keys);
  }

  /** A prerendered page became the tab's page. */
  activatePrerender(tabId: number): PageRecord | undefined {
    const from = prefixOf('prerender', tabId);
    const entry = this.entries.get(from);
    if (!entry) return undefined;
    this.forget(from);
    this.set('page', entry.record);
    return entry.record;
  }

  /** `tabs.onReplaced`: the record follows the tab to its new id. */
  replace(addedTabId: number, removedTabId: number): void {
    const record = this.get(removedTabId);
    this.drop(removedTabId);
    if (!record) return;
    const moved: PageRecord = { ...record, tabId: addedTabId, hosts: {} };
    for (const [host, agg] of Object.entries(record.hosts)) putHost(moved, host, agg);
    this.set('page', moved);
  }

  /** Forgets a record in memory and marks its keys (and the index) for removal. */
  private forget(prefix: string): void {
    this.entries.delete(prefix);
    this.refs.delete(prefix);
    this.retry.delete(prefix);
    this.state.touch(INDEX, ...keysOf(prefix));
  }

  /** The tab closed: its records leave memory now, and storage with the next batch. */
  drop(tabId: number): void {
    for (const slot of ['page', 'prerender'] as const) {
      const prefix = prefixOf(slot, tabId);
      if (this.refs.has(prefix) || this.entries.has(prefix)) this.forget(prefix);
    }
  }

  /** Writes every change now. */
  flush(): Promise<void> {
    return this.state.flush();
  }
}
