import { describe, expect, it, vi } from 'vitest';
import { withRetry, withTimeout } from './retry.ts';

describe('withRetry', () => {
  it('retries after failures with the given delays and returns the first success', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 3) throw new Error('Receiving end does not exist');
        return 'state';
      },
      [10, 20, 40],
      async (ms) => {
        waits.push(ms);
      },
    );
    expect(result).toBe('state');
    expect(calls).toBe(3);
    expect(waits).toEqual([10, 20]);
  });

  it('rethrows the last error when the delays are spent', async () => {
    let calls = 0;
    const attempt = () => Promise.reject(new Error(`fail ${++calls}`));
    await expect(withRetry(attempt, [1, 1], async () => {})).rejects.toThrow('fail 3');
    expect(calls).toBe(3);
  });
});

describe('withTimeout', () => {
  it('passes the value through, or rejects when nothing comes in time', async () => {
    await expect(withTimeout(Promise.resolve(5), 1000)).resolves.toBe(5);
    vi.useFakeTimers();
    try {
      const never = withTimeout(new Promise<number>(() => {}), 50);
      const check = expect(never).rejects.toThrow('no answer within 50 ms');
      await vi.advanceTimersByTimeAsync(60);
      await check;
    } finally {
      vi.useRealTimers();
    }
  });
});
