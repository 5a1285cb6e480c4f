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

  it('leading: the first change after a quiet spell is written at once, then at most once per window', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const area = new FakeStorage();
    const { state, bump } = owner(area, { leading: true });
    await state.ready;
    bump('count:a');
    bump('count:b');
    // On the next turn: changes of the same moment go together.
    await vi.advanceTimersByTimeAsync(0);
    expect(area.written).toEqual([{ 'count:a': 1, 'count:b': 1 }]);
    // Inside the window: they wait for its end, together.
    await vi.advanceTimersByTimeAsync(30);
    bump('count:a');
    await vi.advanceTimersByTimeAsync(30);
    bump('count:a');
    await vi.advanceTimersByTimeAsync(39);
    expect(area.writes).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(area.written[1]).toEqual({ 'count:a': 3 });
    // Quiet again for a whole window: the next change goes at once.
    await vi.advanceTimersByTimeAsync(500);
    bump('count:b');
    await vi.advanceTimersByTimeAsync(0);
    expect(area.written[2]).toEqual({ 'count:b': 2 });
  });

  it('urgent: written on the next turn whatever the window, with what else changed', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const area = new FakeStorage();
    const { state, bump, memory } = owner(area);
    await state.ready;
    bump('count:a');
    await vi.advanceTimersByTimeAsync(10);
    memory.set('count:b', 7);
    state.urgent('count:b');
    await vi.advanceTimersByTimeAsync(0);
    expect(area.written).toEqual([{ 'count:a': 1, 'count:b': 7 }]);
    // A mark asks for no write of its own: it goes with the next batch.
    memory.set('count:b', 8);
    state.mark('count:b');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(area.writes).toBe(1);
    bump('count:a');
    await vi.advanceTimersByTimeAsync(100);
    expect(area.written[1]).toEqual({ 'count:a': 2, 'count:b': 8 });
  });

  it('reads more keys after the restore; a failed read is reported and reads as nothing', async () => {
    const area = new FakeStorage();
    area.data.set('tab:1', 'x');
    area.readDelayMs = 5;
    const { state, failures } = owner(area);
    const read = state.read(['tab:1', 'tab:2']);
    await expect(read).resolves.toEqual({ 'tab:1': 'x' });
    // The restore came first.
    expect(area.readKeys).toEqual([
      ['count:a', 'count:b'],
      ['tab:1', 'tab:2'],
    ]);
    area.get = () => Promise.reject(new Error('gone'));
    await expect(state.read(['tab:3'])).resolves.toEqual({});
    expect(failures.map((f) => [f.op, f.keys])).toEqual([['read', ['tab:3']]]);
  });

  it('writes values outside any batch, after the writes queued, and says whether they were written', async () => {
    const area = new SlowStorage(50);
    const { state, bump, failures } = owner(area);
    await state.ready;
    bump('count:a');
    const batch = state.flush();
    // While the batch is being written.
    await vi.waitFor(() => expect(area.running).toBe(1), { interval: 2 });
    const direct = state.write({ 'count:z': 1 });
    await batch;
    await expect(direct).resolves.toBe(true);
    expect(area.calls.filter((c) => c.startsWith('set'))).toEqual([
      'set count:a start',
      'set count:a end',
      'set count:z start',
      'set count:z end',
    ]);
    area.failWrites = true;
    await expect(state.write({ 'count:z': 2 })).resolves.toBe(false);
    expect(failures.map((f) => [f.op, f.keys])).toEqual([['write', ['count:z']]]);
  });

  it('a removal can leave the pending changes of its keys to be written after it', async () => {
    const area = new FakeStorage();
    area.data.set('count:a', 5);
    const { state, bump } = owner(area);
    await state.ready;
    bump('count:a');
    await state.remove(['count:a'], { keepPending: true });
    expect(area.data.has('count:a')).toBe(false);
    await state.flush();
    expect(area.data.get('count:a')).toBe(6);
  });
});
