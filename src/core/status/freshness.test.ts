import { describe, expect, it } from 'vitest';
import type { FeedSource } from '../catalog/types.ts';
import {
  CURRENT_FEED_MAX_QUIET_MS,
  freshStatus,
  maxQuietMs,
  STATUSPAGE_MAX_QUIET_MS,
  STRIPE_MAX_QUIET_MS,
  staleSince,
} from './freshness.ts';
import type { ParsedStatus, ProviderStatus } from './model.ts';

const DAY = 24 * 3600_000;
const NOW = Date.parse('2026-10-05T12:00:00Z');
const parsed = (updatedAt?: number): ParsedStatus => ({
  level: 'operational',
  components: [],
  incidents: [],
  maintenances: [],
  ...(updatedAt !== undefined ? { updatedAt } : {}),
});
const src = (kind: FeedSource['kind'], extra: Partial<FeedSource> = {}): FeedSource => ({
  kind,
  url: 'https://status.example.com',
  ...extra,
});

describe('staleSince', () => {
  it('Stripe’s /current frozen on 2024-02-09 is stale; one written last week is not', () => {
    const frozen = Date.parse('2024-02-09T18:08:00Z');
    expect(staleSince(src('stripe'), parsed(frozen), NOW)).toBe(frozen);
    expect(staleSince(src('stripe'), parsed(NOW - 7 * DAY), NOW)).toBeUndefined();
    expect(staleSince(src('stripe'), parsed(NOW - STRIPE_MAX_QUIET_MS - 1), NOW)).toBe(
      NOW - STRIPE_MAX_QUIET_MS - 1,
    );
  });

  it('a Statuspage unchanged for over a year is stale; a quiet month is not', () => {
    expect(staleSince(src('statuspage'), parsed(NOW - 30 * DAY), NOW)).toBeUndefined();
    expect(staleSince(src('statuspage'), parsed(NOW - STATUSPAGE_MAX_QUIET_MS - DAY), NOW)).toBeDefined();
  });

  it('a feed of current issues must have been rebuilt within hours; a log of posts is never judged', () => {
    const azure = src('rss', { listsCurrent: true });
    expect(maxQuietMs(azure)).toBe(CURRENT_FEED_MAX_QUIET_MS);
    expect(staleSince(azure, parsed(NOW - 30 * 60_000), NOW)).toBeUndefined();
    expect(staleSince(azure, parsed(NOW - 2 * DAY), NOW)).toBe(NOW - 2 * DAY);
    expect(staleSince(src('rss'), parsed(NOW - 400 * DAY), NOW)).toBeUndefined();
  });

  it('histories without a clock, missing times and future times are not judged', () => {
    for (const kind of ['gcp', 'aws', 'heroku', 'incidentio', 'instatus', 'paypal'] as const) {
      expect(staleSince(src(kind), parsed(0), NOW), kind).toBeUndefined();
    }
    expect(staleSince(src('stripe'), parsed(), NOW)).toBeUndefined();
    expect(staleSince(src('stripe'), parsed(NOW + DAY), NOW)).toBeUndefined();
  });
});

describe('freshStatus', () => {
  const base: ProviderStatus = {
    providerId: 'stripe',
    level: 'operational',
    checkedAt: NOW,
    okAt: NOW,
    pageUrl: 'https://status.stripe.com',
  };

  it('turns an answering but stale feed into unknown with the time it stopped, keeping what it said', () => {
    const frozen = Date.parse('2024-02-09T18:08:00Z');
    const s = freshStatus({ ...base, last: parsed(frozen) }, src('stripe'), NOW);
    expect(s).toMatchObject({ level: 'unknown', reason: 'stale', staleSince: frozen, okAt: NOW });
    expect(s.last?.level).toBe('operational');
    expect(s.detail).toContain('2024-02-09T18:08:00.000Z');
  });

  it('leaves a fresh feed alone, and clears a stale mark once the feed moves again', () => {
    const fresh = { ...base, last: parsed(NOW - DAY) };
    expect(freshStatus(fresh, src('stripe'), NOW)).toBe(fresh);
    const wasStale: ProviderStatus = {
      ...fresh,
      level: 'unknown',
      reason: 'stale',
      staleSince: 1,
      detail: 'x',
    };
    expect(freshStatus(wasStale, src('stripe'), NOW)).toEqual({ ...fresh, level: 'operational' });
  });
});
