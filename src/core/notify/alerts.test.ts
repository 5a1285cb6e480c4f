import { describe, expect, it } from 'vitest';
import type { ProviderSignal } from '../observe/signal.ts';
import type { Level, ProviderStatus } from '../status/model.ts';
import { mayAlert } from './alerts.ts';

const status = (level: Level): ProviderStatus => ({
  providerId: 'cloudflare',
  level,
  checkedAt: 0,
  pageUrl: 'https://www.cloudflarestatus.com/',
});

const here = (failingSites: number): ProviderSignal => ({
  state: failingSites >= 3 ? 'failing_here' : 'ok',
  sites: 5,
  failingSites,
  siteErrorSites: 0,
  okSites: 5 - failingSites,
  healthySites: 5 - failingSites,
  spanMinutes: 5,
});

describe('mayAlert: a page behind this provider may raise an alert now', () => {
  it('no: operational, unknown or not checked, and nothing failing here', () => {
    expect(mayAlert(status('operational'), here(0))).toBe(false);
    expect(mayAlert(status('unknown'), undefined)).toBe(false);
    expect(mayAlert(undefined, undefined)).toBe(false);
  });

  it('yes: its status page says more than operational', () => {
    for (const level of ['maintenance', 'degraded', 'partial_outage', 'major_outage'] as const)
      expect(mayAlert(status(level), undefined), level).toBe(true);
  });

  it('yes: a site fails through it here, whatever its status page says', () => {
    expect(mayAlert(status('operational'), here(1))).toBe(true);
    expect(mayAlert(undefined, here(3))).toBe(true);
  });
});
