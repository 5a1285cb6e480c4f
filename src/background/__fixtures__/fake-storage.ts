import type { StorageArea } from '../storage.ts';

/**
 * An in-memory `storage.session` or `storage.local` for tests: values are copied in and out as
 * the real ones (structured clone), reads can be delayed to reproduce a worker waking up, and
 * writes can be made to fail as a full quota does.
 */
export class FakeStorage implements StorageArea {
  readonly data = new Map<string, unknown>();
  readDelayMs = 0;
  reads = 0;
  /** Successful `set` calls. */
  writes = 0;
  failWrites = false;

  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    this.reads++;
    if (this.readDelayMs > 0) await new Promise((r) => setTimeout(r, this.readDelayMs));
    const wanted = keys === null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    const out: Record<string, unknown> = {};
    for (const k of wanted) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    if (this.failWrites) throw new Error('QUOTA_BYTES quota exceeded');
    this.writes++;
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }

  async remove(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }
}
