import type { StorageArea } from '../storage.ts';

/**
 * What Chrome counts a stored value as against a quota (`getBytesInUse`), as measured in
 * Chromium 156 (`storage.session`): its heap allocations. A string of 16 characters or more
 * counts its length + 8 (a shorter one lives inside the value: 0), a number or a boolean 0, an
 * array 32 bytes an element and an object 64 a property, plus what they hold; keys are free.
 */
export function chromeBytes(value: unknown): number {
  if (typeof value === 'string') return value.length >= 16 ? value.length + 8 : 0;
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + 32 + chromeBytes(v), 0);
  if (typeof value === 'object' && value !== null)
    return Object.values(value).reduce<number>((n, v) => n + 64 + chromeBytes(v), 0);
  return 0;
}

/** A map that keeps the Chrome-counted size of its values up to date, however it is changed. */
class CountedMap extends Map<string, unknown> {
  bytes = 0;
  override set(key: string, value: unknown): this {
    this.bytes += chromeBytes(value) - chromeBytes(this.get(key));
    return super.set(key, value);
  }
  override delete(key: string): boolean {
    this.bytes -= chromeBytes(this.get(key));
    return super.delete(key);
  }
  override clear(): void {
    this.bytes = 0;
    super.clear();
  }
}

/**
 * An in-memory `storage.session` or `storage.local` for tests: values are copied in and out as
 * the real ones (structured clone), reads can be delayed to reproduce a worker waking up, and
 * writes fail as a full quota does — when asked to (`failWrites`) or past `quotaBytes` (counted
 * as Chrome counts, see chromeBytes; a refused `set` writes nothing).
 */
export class FakeStorage implements StorageArea {
  readonly data = new CountedMap();
  readDelayMs = 0;
  reads = 0;
  /** The keys each read asked for (`null`: all). */
  readonly readKeys: (string[] | null)[] = [];
  /** Successful `set` calls, and what each carried. */
  writes = 0;
  readonly written: Record<string, unknown>[] = [];
  failWrites = false;
  quotaBytes = Number.POSITIVE_INFINITY;

  bytesInUse(): number {
    return this.data.bytes;
  }

  async get(keys: string | string[] | null): Promise<Record<string, unknown>> {
    this.reads++;
    this.readKeys.push(keys === null ? null : [keys].flat());
    if (this.readDelayMs > 0) await new Promise((r) => setTimeout(r, this.readDelayMs));
    const wanted = keys === null ? [...this.data.keys()] : Array.isArray(keys) ? keys : [keys];
    const out: Record<string, unknown> = {};
    for (const k of wanted) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
    return out;
  }

  async set(items: Record<string, unknown>): Promise<void> {
    if (this.failWrites) throw new Error('QUOTA_BYTES quota exceeded');
    let after = this.bytesInUse();
    for (const [k, v] of Object.entries(items)) after += chromeBytes(v) - chromeBytes(this.data.get(k));
    if (after > this.quotaBytes)
      throw new Error('Session storage quota bytes exceeded. Values were not stored.');
    this.writes++;
    this.written.push(structuredClone(items));
    for (const [k, v] of Object.entries(items)) this.data.set(k, structuredClone(v));
  }

  async remove(keys: string | string[]): Promise<void> {
    for (const k of Array.isArray(keys) ? keys : [keys]) this.data.delete(k);
  }
}
