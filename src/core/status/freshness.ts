import type { FeedSource } from '../catalog/types.ts';
import type { ParsedStatus, ProviderStatus } from './model.ts';

/**
 * When a feed that answers is nonetheless stale: its own "as of" time (ParsedStatus.updatedAt)
 * has not moved for far longer than its provider ever stays quiet. A stale source is "unknown:
 * source stale since …", never "operational". Pure functions of (now, state), like schedule.ts.
 *
 * Only feeds whose time means "this document was last changed" are judged. Incident histories
 * (Google Cloud, AWS, Heroku, incident.io, Instatus, PayPal, RSS logs of posts) carry no such
 * clock: a quiet history is just quiet, so they are never called stale.
 */

const DAY_MS = 24 * 60 * 60_000;

/**
 * Stripe `/current`: the file is rewritten whenever Stripe's status changes. Stripe runs dozens
 * of products and announces incidents and maintenances every few weeks, so a month without a
 * single change is a frozen file, not a quiet month (the one we know froze on 2024-02-09 and
 * still said "All services are online" in 2026).
 */
export const STRIPE_MAX_QUIET_MS = 30 * DAY_MS;
/**
 * Statuspage `page.updated_at` moves with any component, incident or maintenance change. A page
 * unchanged for a year is one left behind by a move to another status provider (Auth0, Fly.io,
 * Notion moved theirs): it would say "operational" forever.
 */
export const STATUSPAGE_MAX_QUIET_MS = 365 * DAY_MS;
/** Status.io `status_overall.updated`: as for Statuspage (a frozen 2019 Status.io page is known). */
export const STATUSIO_MAX_QUIET_MS = 365 * DAY_MS;
/**
 * A feed of current issues (Azure) is rebuilt continuously: in five archived copies (2022–2026)
 * its lastBuildDate was 1 to 32 minutes old. Six hours leaves room for caches; past that, the
 * items it lists may be long over or a new outage missing.
 */
export const CURRENT_FEED_MAX_QUIET_MS = 6 * 60 * 60_000;

/** How long the feed's own time may stand still, for the feeds that have such a time. */
export function maxQuietMs(source: FeedSource): number | undefined {
  switch (source.kind) {
    case 'stripe':
      return STRIPE_MAX_QUIET_MS;
    case 'statuspage':
      return STATUSPAGE_MAX_QUIET_MS;
    case 'statusio':
      return STATUSIO_MAX_QUIET_MS;
    case 'rss':
      return source.listsCurrent ? CURRENT_FEED_MAX_QUIET_MS : undefined;
    default:
      return undefined;
  }
}

/**
 * The feed's own time when it is stale at `now` (the "since" to show), else undefined. A feed
 * without a time, or with one in the future, is not judged.
 */
export function staleSince(source: FeedSource, parsed: ParsedStatus, now: number): number | undefined {
  const max = maxQuietMs(source);
  const at = parsed.updatedAt;
  if (max === undefined || at === undefined || !Number.isFinite(at)) return undefined;
  return now - at > max ? at : undefined;
}

/**
 * A successful check's status as the extension keeps it: the parsed level while the feed is
 * fresh, `unknown` with reason `stale` (and the feed's time) once it is not. The parsed status is
 * kept either way, as after a failed check.
 */
export function freshStatus(status: ProviderStatus, source: FeedSource, now: number): ProviderStatus {
  const since = status.last ? staleSince(source, status.last, now) : undefined;
  if (since === undefined) {
    if (status.reason !== 'stale') return status;
    const { reason: _r, detail: _d, staleSince: _s, ...rest } = status;
    return { ...rest, level: status.last?.level ?? 'unknown' };
  }
  return {
    ...status,
    level: 'unknown',
    reason: 'stale',
    staleSince: since,
    detail: `the feed's own time has not moved since ${new Date(since).toISOString()}`,
  };
}
