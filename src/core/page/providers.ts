import type { PageRecord } from './record.ts';

/**
 * The providers a page record saw, on any host (those of the overflow included), each once:
 * whose live status matters to the tab. None for a tab without a record.
 */
export function providersOf(record: PageRecord | undefined): string[] {
  if (!record) return [];
  const ids = new Set<string>(Object.keys(record.overflow.providers));
  for (const agg of Object.values(record.hosts)) for (const id of Object.keys(agg.providers)) ids.add(id);
  return [...ids];
}

/** The providers of several pages (the open tabs'), each once. */
export function providersOfPages(records: Iterable<PageRecord | undefined>): Set<string> {
  const ids = new Set<string>();
  for (const record of records) for (const id of providersOf(record)) ids.add(id);
  return ids;
}
