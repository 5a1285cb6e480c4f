import type { SessionArea } from '../store.ts';

/**
 * An in-memory `storage.session` for tests: values are copied in and out as the real one
 * (structured clone), and reads can be delayed to reproduce a worker waking up.
 */
export class FakeSession implements SessionArea {
  readonly data = new Map<string, unknown>();
  readDelayMs = 0;
  writes = 0;

  async get(_keys: null): Promise<Record<string, unknown>> {
    if (this.readDelayMs > 0) await new Promise((r) => setTimeout(r, this.readDelayMs));
    return Object.fromEntries([...this.data].map(([k, v]) => [k, structuredClone(v)]));
  }

  async set(items: Record<string, unknown>): Promise<void> {
    this.writes++;
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }

  async remove(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }
}
