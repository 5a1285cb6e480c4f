import type { StorageArea } from './storage.ts';

/**
 * The one way the background keeps state in a storage area across worker restarts: the page
 * store, the observer and the status service each own one. It restores the owner's keys once
 * (`ready`), collects the keys the owner marks as changed and writes them after a batch window in
 * one `set` (plus one `remove` for keys whose value is gone), and chains every write behind the
 * restore and the previous write, so writes never overlap and never run on an empty memory (a
 * worker that rewrote storage before reading it back would lose the previous worker's state).
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
  /** The batch window: a change waits this long for others before they are written together. */
  readonly delayMs: number;
  /** Puts what was read back into memory; called once, before `ready`. A throw counts as a failed read. */
  readonly restore: (stored: Readonly<Record<string, unknown>>) => void;
  /** What to store under a changed key, read at write time; `undefined` removes the key. */
  readonly valueOf: (key: string) => unknown;
  /** A batch was handed to storage (written, or failed and reported): the keys it carried. */
  readonly onFlushed?: (keys: readonly string[]) => void;
  /** A read or write failed. Memory keeps its values; the keys are written with their next change. */
  readonly onError: (failure: StorageFailure) => void;
}

export class BatchedState {
  /** Resolves once the stored state is back in memory (or could not be read). Never rejects. */
  readonly ready: Promise<void>;
  private readonly dirty = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The last write queued; every write waits for it, and the first ones for the restore. */
  private writing: Promise<void>;

  constructor(private readonly options: BatchedStateOptions) {
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

  /** Marks keys as changed: they are written with the next batch, `delayMs` after the first change. */
  touch(...keys: string[]): void {
    for (const key of keys) this.dirty.add(key);
    this.timer ??= setTimeout(() => void this.flush(), this.options.delayMs);
  }

  /** Removes keys now, after the writes already queued; their pending changes are dropped. */
  remove(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.dirty.delete(key);
    return this.queue('remove', keys, () => this.options.area.remove([...keys]));
  }

  /** Writes every changed key now (the batch window need not end); resolves once it is stored. */
  async flush(): Promise<void> {
    await this.ready;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.dirty.size === 0) return this.writing;
    const keys = [...this.dirty];
    this.dirty.clear();
    const items: Record<string, unknown> = {};
    const gone: string[] = [];
    for (const key of keys) {
      const value = this.options.valueOf(key);
      if (value === undefined) gone.push(key);
      else items[key] = value;
    }
    await this.queue('write', keys, async () => {
      if (gone.length < keys.length) await this.options.area.set(items);
      if (gone.length > 0) await this.options.area.remove(gone);
    });
    this.options.onFlushed?.(keys);
  }

  private queue(
    op: StorageFailure['op'],
    keys: readonly string[],
    write: () => Promise<void>,
  ): Promise<void> {
    this.writing = this.writing
      .then(write)
      .catch((error: unknown) => this.options.onError({ op, keys, error }));
    return this.writing;
  }
}
