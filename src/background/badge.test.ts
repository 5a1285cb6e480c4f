import { describe, expect, it } from 'vitest';
import { translator } from '../../scripts/lib/locales-fragments.ts';
import type { Detection } from '../core/detect/types.ts';
import { newWindow, signal } from '../core/observe/index.ts';
import { addResponse, newPage, type PageRecord } from '../core/page/record.ts';
import { type ActionPort, badgeSetter } from './badge.ts';

const cf: Detection = { providerId: 'cloudflare', role: 'edge', pop: 'CDG', evidence: [] };
const fastly: Detection = { providerId: 'fastly', role: 'edge', pop: 'FRA', evidence: [] };

function actions() {
  const calls: string[] = [];
  const port: ActionPort = {
    setBadgeText: async ({ text }) => void calls.push(`text ${text}`),
    setBadgeBackgroundColor: async ({ color }) => void calls.push(`color ${color}`),
    setTitle: async () => void calls.push('title'),
    setBadgeTextColor: async () => void calls.push('text color'),
  };
  return { calls, port };
}

function setup() {
  const { calls, port } = actions();
  const records = new Map<number, PageRecord>();
  let version = 0;
  const quiet = signal(newWindow(), 0);
  const badges = badgeSetter({
    ready: async () => {},
    record: (tabId) => records.get(tabId),
    statusOf: () => undefined,
    statusVersion: () => version,
    signal: () => quiet,
    showCount: () => true,
    t: translator('en'),
    action: port,
  });
  const page = newPage(1, 'https://www.maple-shop.com/', 'www.maple-shop.com', 0);
  const respond = (host: string, d: Detection) =>
    addResponse(page, { url: `https://${host}/`, host, kind: 'image', status: 200 }, [d], page.requests + 1);
  records.set(1, page);
  return { calls, badges, respond, bumpStatus: () => version++ };
}

describe('toolbar badge', () => {
  it('calls each setter only when its value changes', async () => {
    const { calls, badges, respond } = setup();
    respond('www.maple-shop.com', cf);
    await badges.apply(1);
    expect(calls).toEqual(['text 1', expect.stringMatching(/^color /), 'title', 'text color']);
    // The same page again (a tab update, a second flush with nothing new): nothing to set.
    await badges.apply(1);
    respond('www.maple-shop.com', cf);
    await badges.apply(1);
    expect(calls).toHaveLength(4);
    // A new provider: the count and the title change, the colours do not.
    respond('fastly.jsdelivr.net', fastly);
    await badges.apply(1);
    expect(calls.slice(4)).toEqual(['text 2', 'title']);
  });

  it('sets everything again after the tab navigated (Chrome cleared it), and after a status change only what changed', async () => {
    const { calls, badges, respond, bumpStatus } = setup();
    respond('www.maple-shop.com', cf);
    await badges.apply(1);
    badges.forget(1);
    await badges.apply(1);
    expect(calls).toHaveLength(8);
    bumpStatus();
    await badges.apply(1);
    expect(calls).toHaveLength(8);
  });

  it('two updates at once set the badge once', async () => {
    const { calls, badges, respond } = setup();
    respond('www.maple-shop.com', cf);
    await Promise.all([badges.apply(1), badges.apply(1)]);
    expect(calls).toHaveLength(4);
  });
});
