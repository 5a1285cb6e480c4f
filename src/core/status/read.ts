import type { FeedSource } from '../catalog/types.ts';
import { decodeBody } from './decode.ts';
import { freshStatus } from './freshness.ts';
import type { ParseResult, ProviderStatus } from './model.ts';
import { parseFeed } from './parsers/index.ts';

/**
 * One feed body read as the extension reads it: bytes decoded by their byte-order mark, parsed
 * by the source's feed kind with its page URL, clock and traits. The poller reads every body it
 * fetches through this, and `npm run status -- --file` reads a saved one the same way.
 */
export function parseBody(source: FeedSource, bytes: Uint8Array, now: number): ParseResult {
  return parseFeed(source.kind, decodeBody(bytes), {
    pageUrl: source.url,
    now,
    listsCurrent: source.listsCurrent === true,
  });
}

/**
 * A provider's status from one saved body, as a check that fetched it at `now` would leave it:
 * the parsed status (or `unknown`, unparseable, with the parser's reason), judged for freshness.
 */
export function statusFromBody(
  providerId: string,
  source: FeedSource,
  bytes: Uint8Array,
  now: number,
): ProviderStatus {
  const parsed = parseBody(source, bytes, now);
  const base = { providerId, pageUrl: source.url, checkedAt: now };
  if (!parsed.ok) return { ...base, level: 'unknown', reason: 'unparseable', detail: parsed.detail };
  return freshStatus({ ...base, level: parsed.status.level, okAt: now, last: parsed.status }, source, now);
}
