import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedStatus } from '../model.ts';
import { parseFeed } from './index.ts';

const FIX = join(import.meta.dirname, '..', '__fixtures__');
const NOW = Date.parse('2026-09-12T06:00:00Z');

function parse(path: string, pageUrl: string, now = NOW): ParsedStatus {
  const r = parseFeed('rss', readFileSync(join(FIX, path), 'utf8'), { pageUrl, now });
  if (!r.ok) throw new Error(`expected ok, got ${r.detail}`);
  return r.status;
}

describe('RSS: Fastly', () => {
  const s = parse('rss/fastly.xml', 'https://www.fastlystatus.com');

  it('keeps recent unresolved incidents, one per incident, newest post first', () => {
    expect(s.incidents.map((e) => [e.id, e.title, e.impact])).toEqual([
      ['378455', 'Ashburn (IAD)', 'degraded'],
      ['378460', 'Sydney (SYD) outage', 'partial_outage'],
    ]);
    expect(s.incidents[0]).toMatchObject({
      active: true,
      startedAt: Date.parse('Sat, 12 Sep 2026 04:40:00 GMT'),
      updatedAt: Date.parse('Sat, 12 Sep 2026 05:10:00 GMT'),
      url: 'https://www.fastlystatus.com/incident/378455',
      lastUpdate:
        'Identified - Fastly has identified elevated errors for requests served from Ashburn (IAD) & is re-routing traffic.',
      // "Ashburn (IAD)" names a POP by Fastly's convention: its catalog entry reads it.
      components: [],
    });
    expect(s.level).toBe('partial_outage');
  });

  it('drops resolved and old posts, classifies maintenance as scheduled', () => {
    const ids = [...s.incidents, ...s.maintenances].map((e) => e.id);
    expect(ids).not.toContain('378450');
    expect(ids).not.toContain('370001');
    expect(s.maintenances).toHaveLength(1);
    expect(s.maintenances[0]).toMatchObject({
      id: '378470',
      active: false,
      impact: 'maintenance',
      components: [],
    });
    expect(s.updatedAt).toBe(Date.parse('Sat, 12 Sep 2026 05:10:00 GMT'));
  });

  it('is operational once the window has passed', () => {
    const later = parse('rss/fastly.xml', 'https://www.fastlystatus.com', NOW + 3 * 24 * 3600_000);
    expect(later.level).toBe('operational');
    expect(later.incidents).toEqual([]);
  });

  it('a post marked resolved closes its incident even when older posts were not', () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
      <item><title>Tokyo (NRT)</title><guid>/1/2</guid><pubDate>Sat, 12 Sep 2026 05:00:00 GMT</pubDate><description>Resolved - This incident has been resolved.</description></item>
      <item><title>Tokyo (NRT)</title><guid>/1/1</guid><pubDate>Sat, 12 Sep 2026 04:00:00 GMT</pubDate><description>Investigating - errors.</description></item>
      </channel></rss>`;
    const r = parseFeed('rss', xml, { pageUrl: 'https://www.fastlystatus.com', now: NOW });
    expect(r.ok && r.status.level).toBe('operational');
    expect(r.ok && r.status.incidents).toEqual([]);
  });
});

describe('Atom: Azure', () => {
  it('reads the recent active entry, skips the mitigated and the old ones', () => {
    const s = parse('rss/azure.atom', 'https://azure.status.microsoft/en-us/status');
    // "Intermittent connectivity issues": requests fail, a partial outage.
    expect(s.level).toBe('partial_outage');
    expect(s.incidents).toHaveLength(1);
    expect(s.incidents[0]).toMatchObject({
      title: 'Azure Front Door – Intermittent connectivity issues in West Europe',
      impact: 'partial_outage',
      url: 'https://azure.status.microsoft/en-us/status?trackingId=KT9B-1Z8',
      updatedAt: Date.parse('2026-09-12T05:30:00Z'),
      components: [],
    });
    expect(s.incidents[0]?.lastUpdate).toMatch(/^Impact Statement: Starting at 03:10 UTC/);
  });

  it('an empty feed is operational', () => {
    const s = parse('rss/azure-quiet.rss', 'https://azure.status.microsoft/en-us/status');
    expect(s).toEqual({
      level: 'operational',
      components: [],
      incidents: [],
      maintenances: [],
      updatedAt: Date.parse('Sat, 12 Sep 2026 05:58:00 Z'),
    });
  });
});

describe('RSS safety', () => {
  it('does not expand DTD entities (billion laughs stays inert)', () => {
    const lol = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>x</title>
<item><title>&lol9; down</title><guid>a</guid><pubDate>Sat, 12 Sep 2026 05:00:00 GMT</pubDate><description>&lol9;</description></item>
</channel></rss>`;
    const started = performance.now();
    const r = parseFeed('rss', lol, { pageUrl: 'https://example.com', now: NOW });
    expect(performance.now() - started).toBeLessThan(1000);
    // The references are kept as literal text, never expanded.
    expect(r.ok && r.status.incidents[0]?.title).toBe('&lol9; down');
    expect(r.ok && r.status.incidents[0]?.lastUpdate).toBe('&lol9;');
  });

  it('refuses HTML, JSON, broken XML and oversized feeds', () => {
    const ctx = { pageUrl: 'https://example.com', now: NOW };
    expect(parseFeed('rss', readFileSync(join(FIX, 'hostile/html-error.html'), 'utf8'), ctx)).toMatchObject({
      ok: false,
    });
    expect(parseFeed('rss', '{"a":1}', ctx)).toEqual({ ok: false, reason: 'unparseable', detail: 'not XML' });
    expect(parseFeed('rss', '<rss><channel><item><title>x</item></channel>', ctx)).toMatchObject({
      ok: false,
    });
    expect(parseFeed('rss', `<rss>${' '.repeat(5_000_000)}</rss>`, ctx)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/too large/),
    });
    expect(parseFeed('rss', '<foo/>', ctx)).toMatchObject({
      ok: false,
      detail: expect.stringMatching(/not an RSS or Atom feed/),
    });
  });

  it('drops non-http links', () => {
    const xml = `<rss version="2.0"><channel><item><title>X down</title><link>javascript:alert(1)</link><pubDate>Sat, 12 Sep 2026 05:00:00 GMT</pubDate></item></channel></rss>`;
    const r = parseFeed('rss', xml, { pageUrl: 'https://example.com', now: NOW });
    expect(r.ok && r.status.incidents[0]?.url).toBe('https://example.com');
  });
});

describe('RSS: a feed of current issues (Azure)', () => {
  const CORPUS = join(FIX, 'corpus', 'azure');
  const read = (file: string, now: string) => {
    const r = parseFeed('rss', readFileSync(join(CORPUS, file), 'utf8'), {
      pageUrl: 'https://azure.status.microsoft/en-us/status',
      now: Date.parse(now),
      listsCurrent: true,
    });
    if (!r.ok) throw new Error(r.detail);
    return r.status;
  };

  it('keeps an item while it is listed, however old, with its categories as components', () => {
    const s = read('2024-07-21-crowdstrike.xml', '2024-07-21T18:11:00Z');
    expect(s.incidents.map((e) => [e.id, e.title, e.impact])).toEqual([
      ['crowdstrike-falcon-agent-guidance', 'CrowdStrike Falcon agent guidance', 'operational'],
    ]);
    // The same feed read as a log of posts drops the 29-hour-old item.
    const r = parseFeed('rss', readFileSync(join(CORPUS, '2024-07-21-crowdstrike.xml'), 'utf8'), {
      pageUrl: 'https://azure.status.microsoft/en-us/status',
      now: Date.parse('2024-07-21T18:11:00Z'),
    });
    expect(r.ok && r.status.incidents).toEqual([]);
  });

  it('reads "Connectivity issues" as a partial outage and the categories as what it concerns', () => {
    const s = read('2025-10-29-front-door.xml', '2025-10-29T17:59:00Z');
    expect(s.level).toBe('partial_outage');
    expect(s.incidents[0]?.components.map((c) => c.name)).toEqual([
      'Network Infrastructure',
      'Australia East',
      'Central US',
      'East US',
      'East US 2',
      'France Central',
      'Public Non-Regional',
      'North Europe',
      'West Europe',
      'West US',
      'UK South',
      'West US 2',
    ]);
    expect(s.updatedAt).toBe(Date.parse('Wed, 29 Oct 2025 17:51:42 Z'));
  });
});
