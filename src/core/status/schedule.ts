/**
 * The polling schedule as pure functions of (now, state). Polite to providers and to batteries:
 * only providers in use are polled, a cheap roll-up first, jitter, exponential back-off.
 */

/** Normal period between two checks of one provider. */
export const POLL_INTERVAL_MS = 3 * 60_000;
/**
 * Period for feeds with no cheap roll-up (RSS, Google Cloud, AWS…): each check fetches the whole
 * feed (conditionally where the server supports it), so they are checked less often.
 */
export const FULL_FEED_INTERVAL_MS = 10 * 60_000;
/** Jitter added to every period, as a fraction of it (0–20 %). */
export const JITTER = 0.2;
/** Back-off after failures doubles from the normal period up to this. */
export const MAX_BACKOFF_MS = 30 * 60_000;
/** A provider seen in a tab within this window keeps being polled after the tab closed. */
export const SEEN_WINDOW_MS = 24 * 60 * 60_000;
/** Opening a popup refreshes statuses older than this. */
export const POPUP_FRESH_MS = 60_000;
/** A popup asking for details re-fetches them at most this often when the roll-up did not change. */
export const DETAIL_MAX_AGE_MS = 5 * 60_000;
/** Per-request timeout. */
export const FETCH_TIMEOUT_MS = 10_000;
/** Bodies larger than this are refused (Cloudflare's summary.json is ≈ 211 KB). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface FeedState {
  readonly providerId: string;
  /** Validators of the last cheap (roll-up) response. */
  readonly etag?: string | undefined;
  readonly lastModified?: string | undefined;
  /** Validators of the last detailed response. */
  readonly detailEtag?: string | undefined;
  readonly detailLastModified?: string | undefined;
  /** Change token of the roll-up (indicator + updated_at) at the last detail fetch. */
  readonly token?: string | undefined;
  readonly failures: number;
  /** When the next check is due (epoch ms); 0 = at once. */
  readonly nextAt: number;
  readonly detailAt?: number | undefined;
  /** Last time a tab used this provider. */
  readonly seenAt: number;
}

export function newFeedState(providerId: string, now: number): FeedState {
  return { providerId, failures: 0, nextAt: 0, seenAt: now };
}

/** Delay before the next check, given consecutive failures and a random number in [0, 1). */
export function delayAfter(failures: number, random: number, period = POLL_INTERVAL_MS): number {
  const base = failures > 0 ? Math.min(period * 2 ** failures, MAX_BACKOFF_MS) : period;
  return Math.round(base * (1 + JITTER * Math.min(Math.max(random, 0), 1)));
}

/** Providers that should be polled: used by an open tab, or seen within the last 24 hours. */
export function inUse(
  states: Iterable<FeedState>,
  openTabProviders: ReadonlySet<string>,
  now: number,
): string[] {
  const out: string[] = [];
  for (const s of states)
    if (openTabProviders.has(s.providerId) || now - s.seenAt < SEEN_WINDOW_MS) out.push(s.providerId);
  return out;
}

/** Providers whose check is due now, among those in use. */
export function dueNow(
  states: ReadonlyMap<string, FeedState>,
  used: readonly string[],
  now: number,
): string[] {
  return used.filter((id) => {
    const s = states.get(id);
    return !s || s.nextAt <= now;
  });
}
