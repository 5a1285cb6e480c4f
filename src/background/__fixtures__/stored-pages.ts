import { MAX_HOSTS, type PageRecord } from '../../core/page/record.ts';
import { decodeRecord, hostCountOf } from '../../core/page/stored.ts';
import type { FakeStorage } from './fake-storage.ts';

/** The page record a session area holds for a tab (`pre`: its prerendered page), read as a fresh worker would. */
export function storedPage(
  area: FakeStorage,
  tabId: number,
  slot: 'tab' | 'pre' = 'tab',
): PageRecord | undefined {
  const prefix = `${slot}:${tabId}`;
  const head = area.data.get(prefix);
  const hosts = Array.from({ length: Math.min(hostCountOf(head), MAX_HOSTS) }, (_, i) =>
    area.data.get(`${prefix}:h${i}`),
  );
  return decodeRecord(head, hosts, area.data.get(`${prefix}:o`));
}

/** The keys a session area holds for a tab's record. */
export function storedKeys(area: FakeStorage, tabId: number, slot: 'tab' | 'pre' = 'tab'): string[] {
  const prefix = `${slot}:${tabId}`;
  return [...area.data.keys()].filter((k) => k === prefix || k.startsWith(`${prefix}:`));
}
