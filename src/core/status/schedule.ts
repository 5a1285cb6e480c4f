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

/**
 * The polling budget. A page bearing many providers' signatures (45 distinct feeds in the
 * catalog) would otherwise start 24 hours of polling every one of them at full cadence: about
 * 13,000 requests a day for one visit (`npm run bench`). The feeds in use are ranked (those of
 * open tabs first, then by last use); only the first `full` are polled at their normal cadence,
 * the next ones up to `max` at most once per `slowMs`, and the least recently used beyond are
 * not polled on the alarm at all. A slowed or dropped feed moves up as soon as a tab uses it
 * again, and a popup still refreshes every status it shows (POPUP_FRESH_MS), so what a user
 * looks at is never older than a minute. What the budget costs is how late a background tab's
 * badge can turn red: up to `slowMs` for a slowed feed, until its popup opens for a dropped one.
 * `npm run bench` prints both sides.
 */
export interface PollBudget {
  /** Feeds polled at their normal cadence (POLL_INTERVAL_MS or FULL_FEED_INTERVAL_MS). */
  readonly full: number;
  /** Feeds polled at all on the alarm (full + slow). */
  readonly max: number;
  /** A slowed feed's period. */
  readonly slowMs: number;
}

/**
 * 8 at full cadence covers a heavy page (a CDN, a host, DNS and a few third-party services with
 * a status page) plus a few other tabs; 16 in all; a slowed feed every 30 minutes (the back-off
 * cap, so a slowed feed is never polled less often than a failing one).
 */
export const POLL_BUDGET: PollBudget = { full: 8, max: 16, slowMs: MAX_BACKOFF_MS };
/** No budget: every feed in use at its normal cadence (what the bench compares with). */
export const NO_BUDGET: PollBudget = { full: Infinity, max: Infinity, slowMs: 0 };

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
  /** When the last check was made (epoch ms), whatever it found; absent before the first. */
  readonly checkedAt?: number | undefined;
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

/** The feeds in use, split by the polling budget (ids in rank order). */
export interface PollPlan {
  readonly full: readonly string[];
  readonly slow: readonly string[];
  /** In use but past the budget: not polled on the alarm. */
  readonly dropped: readonly string[];
}

/**
 * The feeds in use (see inUse) ranked — used by an open tab first, then most recently seen,
 * then by id so that the plan is a function of its input — and split by the budget.
 */
export function pollPlan(
  states: Iterable<FeedState>,
  openTabProviders: ReadonlySet<string>,
  now: number,
  budget: PollBudget = POLL_BUDGET,
): PollPlan {
  const byId = new Map<string, FeedState>();
  for (const s of states) byId.set(s.providerId, s);
  const ranked = inUse(byId.values(), openTabProviders, now).sort((a, b) => {
    const openA = openTabProviders.has(a) ? 0 : 1;
    const openB = openTabProviders.has(b) ? 0 : 1;
    if (openA !== openB) return openA - openB;
    const seen = byId.get(b)!.seenAt - byId.get(a)!.seenAt;
    return seen !== 0 ? seen : a < b ? -1 : a > b ? 1 : 0;
  });
  const full = Math.max(0, budget.full);
  const max = Math.max(full, budget.max);
  return { full: ranked.slice(0, full), slow: ranked.slice(full, max), dropped: ranked.slice(max) };
}

/**
 * Feeds whose check is due now: a full-cadence one when its `nextAt` has come; a slowed one
 * when, besides, its last check is `slowMs` old (its back-off still applies). Dropped: never.
 */
export function dueNow(
  states: ReadonlyMap<string, FeedState>,
  plan: PollPlan,
  now: number,
  budget: PollBudget = POLL_BUDGET,
): string[] {
  const due = (id: string): boolean => {
    const s = states.get(id);
    return !s || s.nextAt <= now;
  };
  const slowDue = (id: string): boolean => {
    const checkedAt = states.get(id)?.checkedAt;
    return due(id) && (checkedAt === undefined || now - checkedAt >= budget.slowMs);
  };
  return [...plan.full.filter(due), ...plan.slow.filter(slowDue)];
}
