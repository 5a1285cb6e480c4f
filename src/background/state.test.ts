import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeStorage } from './__fixtures__/fake-storage.ts';
import { BatchedState, type BatchedStateOptions, type StorageFailure } from './state.ts';

/** A storage area whose calls take `ms` each and are logged with how many ran at once. */
class SlowStorage extends FakeStorage {
  readonly calls: string[] = [];
  running = 0;
  mostAtOnce = 0;

  constructor(private readonly ms: number) {
    super();
  }

  private async call<T>(what: string, run: () => Promise<T>): Promise<T> {
    this.running++;
    this.mostAtOnce = Math.max(this.mostAtOnce, this.running);
    this.calls.push(`${what} start`);
    try {
      await new Promise((r) => setTimeout(r, this.ms));
      return await run();
    } finally {
      this.running--;
      this.calls.push(`${what} end`);
    }
  }

  override get(keys: string | string[] | null) {
    return this.call('get', () => super.get(keys));
  }
  override set(items: Record<string, unknown>) {
    return this.call(`set ${Object.keys(items).join(',')}`, () => super.set(items));
  }
  override remove(keys: string | string[]) {
    return this.call(`remove ${[keys].flat().join(',')}`, () => super.remove(keys));
  }
}

/** An owner keeping a few counters in memory, one storage key each. */
function owner(area: FakeStorage, options: Partial<BatchedStateOptions> = {}) {
  const memory = new Map<string, number>();
  const failures: StorageFailure[] = [];
  const flushed: (readonly string[])[] = [];
  const state = new BatchedState({
    area,
    keys: ['count:a', 'count:b'],
    delayMs: 100,
    restore: (stored) => {
      for (const [k, v] of Object.entries(stored)) if (typeof v === 'number') memory.set(k, v);
    },
    valueOf: (key) => memory.get(key),
    onFlushed: (keys) => flushed.push(keys),
    onError: (failure) => failures.push(failure),
    ...options,
  });
  const bump = (key: string) => {
    memory.set(key, (memory.get(key) ?? 0) + 1);
    state.touch(key);
  };
  return { state, memory, failures, flushed, bump };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('BatchedState', () => {
  it('restores its own keys once, and nothing else of the area', async () => {
    const area = new FakeStorage();
    area.data.set('count:a', 3);
    area.data.set('tab:1', { v: 1 });
    const { state, memory } = owner(area);
    await state.ready;
    expect([...memory]).toEqual([['count:a', 3]]);
    expect(area.reads).toBe(1);
  });

  it('reads the whole area when its keys are not known', async () => {
    const area = new FakeStorage();
    area.data.set('count:a', 3);
    area.data.set('count:z', 4);
    const { state, memory } = owner(area, { keys: null });
    await state.ready;
    expect([...memory]).toEqual([
      ['count:a', 3],
      ['count:z', 4],
    ]);
  });

  it('writes many changes after the batch window, in one set', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const area = new FakeStorage();
    const { state, bump, flushed } = owner(area);
    await state.ready;
    for (let i = 0; i < 30; i++) bump(i % 2 ? 'count:a' : 'count:b');
    await vi.advanceTimersByTimeAsync(99);
    expect(area.writes).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(area.writes).toBe(1);
    expect(Object.fromEntries(area.data)).toEqual({ 'count:a': 15, 'count:b': 15 });
    expect(flushed).toEqual([['count:b', 'count:a']]);
    // Nothing changed since: the timer is not re-armed, nothing more is written.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(area.writes).toBe(1);
  });

  it('writes at once when asked to, and removes a key whose value is gone in the same batch', async () => {
    const area = new FakeStorage();
    area.data.set('count:a', 1);
    const { state, memory, bump, flushed } = owner(area);
    await state.ready;
    memory.delete('count:a');
    state.touch('count:a');
    bump('count:b');
    await state.flush();
    expect(Object.fromEntries(area.data)).toEqual({ 'count:b': 1 });
    expect(flushed).toEqual([['count:a', 'count:b']]);
    // Nothing left to write: a flush waits for the writes in progress and reports nothing.
    await state.flush();
    expect(flushed).toHaveLength(1);
  });

  it('never writes before the restore, and never two writes at once', async () => {
    const area = new SlowStorage(20);
    area.data.set('count:a', 10);
    const { state, bump, memory } = owner(area);
    // A change arrives while the previous worker's state is still being read.
    memory.set('count:b', 1);
    state.touch('count:b');
    const first = state.flush();
    const removal = state.remove(['count:x']);
    await first;
    bump('count:a');
    await Promise.all([state.flush(), removal]);
    expect(area.mostAtOnce).toBe(1);
    expect(area.calls).toEqual([
      'get start',
      'get end',
      // The removal was queued at once; the batch is collected once the restore is done.
      'remove count:x start',
      'remove count:x end',
      'set count:b start',
      'set count:b end',
      'set count:a start',
      'set count:a end',
    ]);
    expect(Object.fromEntries(area.data)).toEqual({ 'count:a': 11, 'count:b': 1 });
  });

  it('a removal drops the pending change of its keys', async () => {
    const area = new FakeStorage();
    area.data.set('count:a', 2);
    const { state, bump } = owner(area);
    await state.ready;
    bump('count:a');
    await state.remove(['count:a']);
    await state.flush();
    expect(area.data.has('count:a')).toBe(false);
    expect(area.writes).toBe(0);
  });

  it('reports a failed write with its keys to the owner, and keeps going', async () => {
    const area = new FakeStorage();
    const { state, bump, failures, flushed } = owner(area);
    await state.ready;
    area.failWrites = true;
    bump('count:a');
    await state.flush();
    expect(failures).toEqual([{ op: 'write', keys: ['count:a'], error: expect.any(Error) }]);
    expect(String(failures[0]?.error)).toContain('QUOTA_BYTES');
    expect(flushed).toEqual([['count:a']]);
    // Memory kept its value: the next change writes it.
    area.failWrites = false;
    bump('count:a');
    await state.flush();
    expect(area.data.get('count:a')).toBe(2);
  });

  it('an unreadable area or an unusable value is a failed read: ready still resolves', async () => {
    const broken = new FakeStorage();
    broken.get = () => Promise.reject(new Error('storage.session is not available'));
    const a = owner(broken);
    await a.state.ready;
    expect(a.failures.map((f) => [f.op, f.keys])).toEqual([['read', ['count:a', 'count:b']]]);

    const area = new FakeStorage();
    const b = owner(area, {
      restore: () => {
        throw new TypeError('not iterable');
      },
    });
    await b.state.ready;
    expect(b.failures.map((f) => f.op)).toEqual(['read']);
    // It can still write what happens next.
    b.bump('count:a');
    await b.state.flush();
    expect(area.data.get('count:a')).toBe(1);
  });
});
