/**
 * The storage port: the slice of a `browser.storage` area (session or local) the background uses.
 * `browser.storage.session` and `browser.storage.local` satisfy it as they are; the composition
 * root (index.ts) hands them out once, and a fake of it (`__fixtures__/fake-storage.ts`) drives
 * the unit tests.
 */
export interface StorageArea {
  /** The stored values of `keys` (those that exist); `null`: every key of the area. */
  get(keys: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}
