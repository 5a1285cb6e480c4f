import { describe, expect, it } from 'vitest';
import {
  delayAfter,
  dueNow,
  type FeedState,
  NO_BUDGET,
  newFeedState,
  POLL_BUDGET,
  POLL_INTERVAL_MS,
  pollPlan,
  SEEN_WINDOW_MS,
} from './schedule.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const feedsOf = (...states: FeedState[]): Map<string, FeedState> =>
  new Map(states.map((s) => [s.providerId, s]));

/** `n` feeds `f00`…, all seen at `seenAt`. */
const many = (n: number, seenAt = 0): FeedState[] =>
  Array.from({ length: n }, (_, i) => newFeedState(`f${String(i).padStart(2, '0')}`, seenAt));

describe('pollPlan', () => {
  it('ranks the feeds in use, open tabs first, then by last use, and splits them by the budget', () => {
    const now = 10 * HOUR;
    const states = [
      ...many(20, now - HOUR),
      newFeedState('recent', now - MINUTE),
      newFeedState('open-old', now - 23 * HOUR),
      // Seen more than 24 h ago and in no open tab: not in use at all.
      newFeedState('forgotten', now - SEEN_WINDOW_MS - 1),
    ];
    const plan = pollPlan(states, new Set(['open-old']), now);
    expect(plan.full).toHaveLength(POLL_BUDGET.full);
    expect(plan.full.slice(0, 3)).toEqual(['open-old', 'recent', 'f00']);
    expect(plan.slow).toEqual(['f06', 'f07', 'f08', 'f09', 'f10', 'f11', 'f12', 'f13']);
    expect(plan.dropped).toEqual(['f14', 'f15', 'f16', 'f17', 'f18', 'f19']);
    expect([...plan.full, ...plan.slow, ...plan.dropped]).not.toContain('forgotten');
  });

  it('puts everything at full cadence without a budget, and a small set always', () => {
    expect(pollPlan(many(3), new Set(), 0)).toEqual({ full: ['f00', 'f01', 'f02'], slow: [], dropped: [] });
    const all = pollPlan(many(40), new Set(), 0, NO_BUDGET);
    expect([all.full.length, all.slow.length, all.dropped.length]).toEqual([40, 0, 0]);
  });
});

describe('dueNow', () => {
  const plan = { full: ['a'], slow: ['b', 'c'], dropped: ['d'] };

  it('checks a full-cadence feed at its time, a slowed one only when its last check is old enough', () => {
    const now = HOUR;
    const states = feedsOf(
      { ...newFeedState('a', 0), nextAt: now, checkedAt: now - POLL_INTERVAL_MS },
      { ...newFeedState('b', 0), nextAt: now, checkedAt: now - POLL_INTERVAL_MS },
      { ...newFeedState('c', 0), nextAt: now, checkedAt: now - POLL_BUDGET.slowMs },
      { ...newFeedState('d', 0), nextAt: 0 },
    );
    expect(dueNow(states, plan, now)).toEqual(['a', 'c']);
    // Never checked yet: due, slowed or not; dropped never (a page or a popup checks it).
    const fresh = feedsOf(newFeedState('b', 0), newFeedState('d', 0));
    expect(dueNow(fresh, { full: [], slow: ['b'], dropped: ['d'] }, now)).toEqual(['b']);
  });

  it('keeps a slowed feed’s back-off', () => {
    const now = 2 * HOUR;
    const backedOff = { ...newFeedState('b', 0), failures: 3, nextAt: now + MINUTE, checkedAt: now - HOUR };
    expect(dueNow(feedsOf(backedOff), { full: [], slow: ['b'], dropped: [] }, now)).toEqual([]);
  });

  it('checks a feed promoted back to full cadence at its normal time, not 30 minutes later', () => {
    const now = HOUR;
    const slowed = { ...newFeedState('b', 0), nextAt: now - MINUTE, checkedAt: now - 4 * MINUTE };
    expect(dueNow(feedsOf(slowed), { full: [], slow: ['b'], dropped: [] }, now)).toEqual([]);
    expect(dueNow(feedsOf(slowed), { full: ['b'], slow: [], dropped: [] }, now)).toEqual(['b']);
  });
});

describe('the budget over the 24 hours one page starts', () => {
  /** Checks per feed when every feed is seen at t=0 and the alarm ticks every minute. */
  function checksPerFeed(n: number, budget = POLL_BUDGET): number[] {
    let feeds = feedsOf(...many(n));
    const counts = new Map<string, number>();
    for (let now = 0; now < SEEN_WINDOW_MS; now += MINUTE) {
      const plan = pollPlan(feeds.values(), new Set(), now, budget);
      for (const id of dueNow(feeds, plan, now, budget)) {
        counts.set(id, (counts.get(id) ?? 0) + 1);
        const s = feeds.get(id)!;
        feeds = new Map(feeds).set(id, { ...s, checkedAt: now, nextAt: now + delayAfter(0, 0.5) });
      }
    }
    return [...feeds.keys()].map((id) => counts.get(id) ?? 0);
  }

  it('polls at most `full` feeds at full cadence and `max` in all, where no budget polls all', () => {
    const budgeted = checksPerFeed(34);
    const unbudgeted = checksPerFeed(34, NO_BUDGET);
    // The alarm's minute rounds the 3-minute period (+10 % jitter here) up to 4 minutes.
    const fullCadence = unbudgeted[0]!;
    expect(fullCadence).toBe(SEEN_WINDOW_MS / (4 * MINUTE));
    expect(unbudgeted.every((c) => c === fullCadence)).toBe(true);
    expect(budgeted.slice(0, 8).every((c) => c === fullCadence)).toBe(true);
    const slowCadence = SEEN_WINDOW_MS / POLL_BUDGET.slowMs;
    expect(budgeted.slice(8, 16).every((c) => c >= slowCadence * 0.8 && c <= slowCadence)).toBe(true);
    expect(budgeted.slice(16).every((c) => c === 0)).toBe(true);
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    expect(sum(budgeted)).toBeLessThan(sum(unbudgeted) / 3);
  });
});
