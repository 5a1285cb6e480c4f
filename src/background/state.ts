import type { StorageArea } from './storage.ts';

/**
 * The one way the background keeps state in a storage area across worker restarts: the page
 * store, the observer and the status service each own one. It restores the owner's keys once
 * (`ready`), reads more of them when asked (`read`, for state restored lazily), collects the keys
 * the owner marks as changed and writes them together in one `set` (plus one `remove` for keys
 * whose value is gone), and chains every call behind the restore and the previous write, so
 * writes never overlap and never run on an empty memory (a worker that rewrote storage before
 * reading it back would lose the previous worker's state).
 *
 * When a batch is written (`delayMs`, the batch window):
 * - trailing (the default): `delayMs` after the first change; for state whose last second or so
 *   may be lost to a killed worker at little cost (observations, statuses);
 * - `leading`: the first change after a quiet spell at once (on the next turn of the event loop,
 *   so that changes of the same moment go together), later ones at most once per `delayMs`.
 *   A worker killed after a quiet moment loses nothing; one killed in the middle of a burst loses
 *   at most the last `delayMs` of it;
 * - `urgent(keys)`: on the next turn whatever the window (what cannot wait: a new page).
 *
 * The owner keeps its state in memory and says, per key, what to store (`valueOf`); the helper
 * knows nothing of what the values mean. Failures are the owner's to report (`onError`).
 */

export interface StorageFailure {
  readonly op: 'read' | 'write' | 'remove';
  /** The keys the failed call carried (`[]` for a read of the whole area). */
  readonly keys: readonly string[];
  readonly error: unknown;
}

export interface BatchedStateOptions {
  readonly area: StorageArea;
  /** The keys restored at start; `null` reads the whole area (an owner whose keys are not known). */
  readonly keys: readonly string[] | null;
  /** The batch window (see above). */
  readonly delayMs: number;
  /** The first change after a quiet spell is written at once (see above). */
  readonly leading?: boolean;
  /** Puts what was read back into memory; called once, before `ready`. A throw counts as a failed read. */
  readonly restore: (stored: Readonly<Record<string, unknown>>) => void;
  /** What to store under a changed key, read at write time; `undefined` removes the key. */
  readonly valueOf: (key: string) => unknown;
  /** A batch was handed to storage: the keys it carried, and whether it was written. */
  readonly onFlushed?: (keys: readonly string[], written: boolean) => void;
  /** A read or write failed. Memory keeps its values; the keys are written with their next change. */
  readonly onError: (failure: StorageFailure) => void;
  /** The clock (for the window); tests give a fake one. */
  readonly now?: () => number;
}

export class BatchedState {
  /** Resolves once the stored state is back in memory (or could not be read). Never rejects. */
  readonly ready: Promise<void>;
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the pending timer fires. */
  private timerAt = 0;
  /** When the last batch was handed over (for the leading window). */
  private lastWriteAt = Number.NEGATIVE_INFINITY;
  /** The last write queued; every write waits for it, and the first ones for the restore. */
  private writing: Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: BatchedStateOptions) {
    this.now = options.now ?? Date.now;
    this.ready = this.restore();
    this.writing = this.ready;
  }

  private async restore(): Promise<void> {
    const { area, keys } = this.options;
    try {
      this.options.restore(await area.get(keys === null ? null : [...keys]));
    } catch (error) {
      // Unreadable (or unusable) storage: the owner starts from what it has in memory.
      this.options.onError({ op: 'read', keys: keys ?? [], error });
    }
  }

  /**
   * Reads more keys (after the restore). What is written meanwhile is the owner's memory, not
   * storage's: owners read a key before they change it. A failed read is reported and gives `{}`.
   */
  async read(keys: readonly string[]): Promise<Record<string, unknown>> {
    await this.ready;
    try {
      return await this.options.area.get([...keys]);
    } catch (error) {
      this.options.onError({ op: 'read', keys, error });
      return {};
    }
  }

  /** Marks keys as changed: they are written with the next batch (see the class comment). */
  touch(...keys: string[]): void {
    for (const key of keys) this.dirty.add(key);
    const wait = this.options.leading
      ? Math.max(0, this.lastWriteAt + this.options.delayMs - this.now())
      : this.options.delayMs;
    this.schedule(wait);
  }

  /** Marks keys as changed without asking for a write: they go with the next batch, whenever. */
  mark(...keys: string[]): void {
    for (const key of keys) this.dirty.add(key);
  }

  /** Marks keys as changed and writes them on the next turn, whatever the batch window. */
  urgent(...keys: string[]): void {
    for (const key of keys) this.dirty.add(key);
    this.schedule(0);
  }

  private schedule(wait: number): void {
    const at = this.now() + wait;
    if (this.timer !== undefined) {
      if (this.timerAt <= at) return;
      clearTimeout(this.timer);
    }
    this.timerAt = at;
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  /**
   * Removes keys now, after the writes already queued; their pending changes are dropped, unless
   * `keepPending` (they are then written with their batch, after the removal).
   */
  remove(keys: readonly string[], { keepPending = false }: { keepPending?: boolean } = {}): Promise<void> {
    if (!keepPending) for (const key of keys) this.dirty.delete(key);
    return this.queue('remove', keys, () => this.options.area.remove([...keys]));
  }

  /**
   * Writes these values now, after the writes already queued and outside any batch (the owner's
   * fallback after a refused batch). Resolves whether they were written; a failure is reported.
   */
  async write(items: Readonly<Record<string, unknown>>): Promise<boolean> {
    let written = true;
    await this.queue(
      'write',
      Object.keys(items),
      () => this.options.area.set({ ...items }),
      () => {
        written = false;
      },
    );
    return written;
  }

  /** Writes every changed key now (the batch window need not end); resolves once it is stored. */
  async flush(): Promise<void> {
    await this.ready;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size === 0) return this.writing;
    const keys = [...this.dirty];
    this.dirty.clear();
    this.lastWriteAt = this.now();
    const items: Record<string, unknown> = {};
    const gone: string[] = [];
    for (const key of keys) {
      const value = this.options.valueOf(key);
      if (value === undefined) gone.push(key);
      else items[key] = value;
    }
    let written = true;
    await this.queue(
      'write',
      keys,
      async () => {
        if (gone.length < keys.length) await this.options.area.set(items);
        if (gone.length > 0) await this.options.area.remove(gone);
      },
      () => {
        written = false;
      },
    );
    this.options.onFlushed?.(keys, written);
  }

  private queue(
    op: StorageFailure['op'],
    keys: readonly string[],
    write: () => Promise<void>,
    failed?: () => void,
  ): Promise<void> {
    this.writing = this.writing.then(write).catch((error: unknown) => {
      failed?.();
      this.options.onError({ op, keys, error });
    });
    return this.writing;
  }
}
