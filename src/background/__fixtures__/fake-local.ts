import type { LocalArea } from '../local-area.ts';

/** An in-memory `storage.local` for tests: values are copied in and out as the real one. */
export class FakeLocal implements LocalArea {
  readonly data = new Map<string, unknown>();
  reads = 0;
  writes = 0;
  failWrites = false;

  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    this.reads++;
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
