export type Sleep = (ms: number) => Promise<void>;

export const sleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls `attempt` until it resolves, waiting `delays[i]` after the i-th failure; rethrows the
 * last error once the delays are spent. A waking service worker may not be listening yet.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  delays: readonly number[],
  wait: Sleep = sleep,
): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      const delay = delays[i];
      if (delay === undefined) throw error;
      await wait(delay);
    }
  }
}

/** Rejects when `promise` has not settled within `ms` (a background that never answers). */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
