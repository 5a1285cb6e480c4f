import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translator } from '../../scripts/lib/locales-fragments.ts';
import { NEUTRAL_BADGE_COLOR, RED_BADGE_COLOR } from '../core/badge.ts';
import type { Detection } from '../core/detect/types.ts';
import { newWindow, observedPage, signal } from '../core/observe/index.ts';
import { addResponse, newPage, type PageRecord } from '../core/page/record.ts';
import type { ProviderStatus } from '../core/status/model.ts';
import { parseFeed } from '../core/status/parsers/index.ts';
import { type ActionPort, badgeSetter } from './badge.ts';

const NOW = Date.parse('2026-09-12T06:00:00Z');
const CF_PAGE = 'https://www.cloudflarestatus.com';

/** Cloudflare's status after reading its recorded summary.json (CDN/Cache major outage). */
function cloudflareDown(): ProviderStatus {
  const file = join(
    import.meta.dirname,
    '..',
    'core',
    'status',
    '__fixtures__',
    'statuspage',
    'cloudflare-colos.json',
  );
  const parsed = parseFeed('statuspage', readFileSync(file, 'utf8'), { pageUrl: CF_PAGE, now: NOW });
  if (!parsed.ok) throw new Error(parsed.detail);
  return {
    providerId: 'cloudflare',
    level: parsed.status.level,
    checkedAt: NOW,
    okAt: NOW,
    last: parsed.status,
    pageUrl: CF_PAGE,
  };
}

const cf: Detection = { providerId: 'cloudflare', role: 'edge', pop: 'CDG', evidence: [] };
const fastly: Detection = { providerId: 'fastly', role: 'edge', pop: 'FRA', evidence: [] };

function actions() {
  const calls: string[] = [];
  const port: ActionPort = {
    setBadgeText: async ({ text }) => void calls.push(`text ${text}`),
    setBadgeBackgroundColor: async ({ tabId, color }) =>
      void calls.push(tabId === undefined ? `default color ${color}` : `color ${color}`),
    setTitle: async () => void calls.push('title'),
    setBadgeTextColor: async ({ tabId, color }) =>
      void calls.push(tabId === undefined ? `default text color ${color}` : `text color ${color}`),
  };
  return { calls, port };
}

function setup() {
  const { calls, port } = actions();
  const records = new Map<number, PageRecord>();
  let version = 0;
  const quiet = signal(newWindow(), 0);
  const statuses = new Map<string, ProviderStatus>();
  const badges = badgeSetter({
    ready: async () => {},
    record: (tabId) => records.get(tabId),
    statusOf: (id) => statuses.get(id),
    statusVersion: () => version,
    signal: () => quiet,
    observed: (_tabId, _startedAt, ids) => observedPage(quiet, ids, []),
    showCount: () => true,
    t: translator('en'),
    action: port,
  });
  let page = newPage(1, 'https://www.maple-shop.com/', 'www.maple-shop.com', 0);
  const respond = (host: string, d: Detection) =>
    addResponse(page, { url: `https://${host}/`, host, kind: 'image', status: 200 }, [d], page.requests + 1);
  records.set(1, page);
  const navigate = () => {
    page = newPage(1, 'https://www.maple-shop.com/cart', 'www.maple-shop.com', page.updatedAt + 1);
    records.set(1, page);
  };
  const outage = () => {
    statuses.set('cloudflare', cloudflareDown());
    version++;
  };
  return { calls, badges, respond, navigate, outage, bumpStatus: () => version++ };
}

describe('toolbar badge', () => {
  it('sets the defaults of every tab once, then each setter only when its value changes', async () => {
    const { calls, badges, respond } = setup();
    respond('www.maple-shop.com', cf);
    await badges.apply(1);
    expect(calls).toEqual([
      `default color ${NEUTRAL_BADGE_COLOR}`,
      'default text color #ffffff',
      'text 1',
      `color ${NEUTRAL_BADGE_COLOR}`,
      'title',
    ]);
    // The same page again (a tab update, a second flush with nothing new): nothing to set.
    await badges.apply(1);
    respond('www.maple-shop.com', cf);
    await badges.apply(1);
    expect(calls).toHaveLength(5);
    // A new provider: the count and the title change, the colours do not.
    respond('fastly.jsdelivr.net', fastly);
    await badges.apply(1);
    expect(calls.slice(5)).toEqual(['text 2', 'title']);
  });

  it('after a navigation (the browser reset the tab to the defaults) sets the text and title only', async () => {
    const { calls, badges, respond, navigate, bumpStatus } = setup();
    respond('www.maple-shop.com', cf);
    await badges.apply(1);
    const before = calls.length;
    navigate();
    badges.cleared(1);
    respond('www.maple-shop.com', cf);
    await badges.apply(1);
    expect(calls.slice(before)).toEqual(['text 1', 'title']);
    // A status change that changes nothing shown: nothing to set.
    bumpStatus();
    await badges.apply(1);
    expect(calls).toHaveLength(before + 2);
  });

  it('after a navigation sets again a colour last set away from the default', async () => {
    const { calls, badges, respond, navigate, outage } = setup();
    respond('www.maple-shop.com', cf);
    outage();
    await badges.apply(1);
    expect(calls).toContain(`color ${RED_BADGE_COLOR}`);
    const before = calls.length;
    // The red may reach the browser after its reset: it is not trusted to be gone.
    navigate();
    badges.cleared(1);
    respond('fastly.jsdelivr.net', fastly);
    await badges.apply(1);
    expect(calls.slice(before)).toEqual(['text 1', `color ${NEUTRAL_BADGE_COLOR}`, 'title']);
  });

  it('a tab forgotten (replaced) is set in full again', async () => {
    const { calls, badges, respond } = setup();
    respond('www.maple-shop.com', cf);
    await badges.apply(1);
    const before = calls.length;
    badges.forget(1);
    await badges.apply(1);
    expect(calls.slice(before)).toEqual(['text 1', `color ${NEUTRAL_BADGE_COLOR}`, 'title']);
  });

  it('two updates at once set the badge once', async () => {
    const { calls, badges, respond } = setup();
    respond('www.maple-shop.com', cf);
    await Promise.all([badges.apply(1), badges.apply(1)]);
    expect(calls).toHaveLength(5);
  });
});
