import { describe, expect, it } from 'vitest';
import type { SiteNow } from '../core/notify/alerts.ts';
import type { OpenIncident } from '../core/notify/incidents.ts';
import { translator } from '../core/resilience/__fixtures__/translator.ts';
import { FakeStorage } from './__fixtures__/fake-storage.ts';
import { Incidents } from './incidents.ts';

const OWED = 'faultline:incidents:owed';

/** Incidents over `local`, counting how often they read the user's sites (every tab's record). */
function incidents(local: FakeStorage, onRead: () => void = () => {}, failing: readonly string[] = []) {
  const reads = { n: 0 };
  const it = new Incidents({
    area: local,
    sites: async (): Promise<SiteNow[]> => {
      reads.n++;
      onRead();
      return [];
    },
    failing: (id) => failing.includes(id),
    held: () => new Set(),
    offline: () => false,
    enabled: () => false,
    statusPageOf: () => undefined,
    notifications: { create: async (id) => id, clear: async () => true },
    iconUrl: 'icon.png',
    t: translator('en'),
    log: () => {},
    onChanged: () => {},
  });
  return { it, reads };
}

const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('incidents: the alarm looks only when a look is owed', () => {
  it('nothing asked for: the alarm reads no site', async () => {
    const local = new FakeStorage();
    const { it: a, reads } = incidents(local);
    await a.lookIfOwed();
    await a.lookIfOwed();
    expect(reads.n).toBe(0);
    expect(local.data.has(OWED)).toBe(false);
  });

  it('a look asked for is stored at once; a worker stopped before it ran owes it, and the next alarm looks once', async () => {
    const local = new FakeStorage();
    const first = incidents(local);
    await first.it.ready;
    first.it.soon();
    await turn();
    await turn();
    // The look's timer (300 ms) has not fired: the worker stops here.
    expect(local.data.get(OWED)).toBe(true);
    expect(first.reads.n).toBe(0);

    const next = incidents(local);
    await next.it.lookIfOwed();
    expect(next.reads.n).toBe(1);
    // Paid: the key goes with the next batch, and a later alarm reads nothing.
    await next.it.lookIfOwed();
    expect(next.reads.n).toBe(1);
    await expect.poll(() => local.data.has(OWED), { timeout: 2_000 }).toBe(false);
    const after = incidents(local);
    await after.it.lookIfOwed();
    expect(after.reads.n).toBe(0);
  });

  it('a look asked for during a look is owed again', async () => {
    const local = new FakeStorage();
    // A status changes while the look reads the sites.
    const { it: a, reads } = incidents(local, () => {
      if (reads.n === 1) a.soon();
    });
    await a.ready;
    await a.look();
    await a.lookIfOwed();
    expect(reads.n).toBe(2);
  });

  it('an incident going on: every alarm looks (its tabs may have closed, the browser restarted)', async () => {
    const local = new FakeStorage();
    const going: OpenIncident = {
      providerId: 'cloudflare',
      name: 'Cloudflare',
      level: 'major_outage',
      declared: true,
      seenHere: false,
      sites: ['www.maple-shop.com'],
      tabIds: [4],
      since: Date.now() - 60_000,
      worstLevel: 'major_outage',
      allSites: ['www.maple-shop.com'],
    };
    local.data.set('faultline:incidents:v1', { open: { cloudflare: going } });
    const { it: a, reads } = incidents(local);
    await a.lookIfOwed();
    expect(reads.n).toBe(1);
    // No site of the user is concerned any more: it ended, and the next alarm reads nothing.
    expect(a.ongoing()).toEqual({});
    await a.lookIfOwed();
    expect(reads.n).toBe(1);
  });

  it('pages changed: a look only when one of their providers fails now', async () => {
    const local = new FakeStorage();
    const { it: a, reads } = incidents(local, () => {}, ['cloudflare']);
    a.pagesChanged(['fastly', 'jsdelivr']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(reads.n).toBe(0);
    // A new tab behind Cloudflare, already failing: it joins the incident without a status change.
    a.pagesChanged(['fastly', 'cloudflare']);
    await expect.poll(() => reads.n, { timeout: 2_000 }).toBe(1);
  });
});
