import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParsedStatus, ParseResult } from '../model.ts';
import { parseFeed, parseStatuspageRollup } from './index.ts';

const FIX = join(import.meta.dirname, '..', '__fixtures__');
const read = (path: string): string => readFileSync(join(FIX, path), 'utf8');
const NOW = Date.parse('2026-09-12T06:00:00Z');
const CF = 'https://www.cloudflarestatus.com';

function parsed(result: ParseResult): ParsedStatus {
  if (!result.ok) throw new Error(`expected ok, got ${result.detail}`);
  return result.status;
}

describe('Statuspage summary.json', () => {
  it('reads the all-operational Anthropic page', () => {
    const s = parsed(
      parseFeed('statuspage', read('statuspage/anthropic-operational.json'), {
        pageUrl: 'https://status.claude.com',
        now: NOW,
      }),
    );
    expect(s.level).toBe('operational');
    expect(s.description).toBe('All Systems Operational');
    expect(s.updatedAt).toBe(Date.parse('2026-09-03T17:51:06.926Z'));
    expect(s.components).toEqual([
      { id: 'rwppv331jlwc', name: 'claude.ai', level: 'operational' },
      { id: 'k8w3r06qmzrp', name: 'Claude API (api.anthropic.com)', level: 'operational' },
    ]);
    expect(s.incidents).toEqual([]);
    expect(s.maintenances).toEqual([]);
  });

  it('reads the Cloudflare Tunnel incident and the scheduled IAD maintenance', () => {
    const s = parsed(
      parseFeed('statuspage', read('statuspage/cloudflare-tunnel.json'), { pageUrl: CF, now: NOW }),
    );
    expect(s.level).toBe('degraded');
    expect(s.description).toBe('Minor Service Outage');
    // The trimmed body lists no group component, so the leaf's group_id cannot be named.
    expect(s.components).toEqual([{ id: 'fvgfcmy66tdr', name: 'Replicate', level: 'operational' }]);
    expect(s.incidents).toHaveLength(1);
    const inc = s.incidents[0]!;
    expect(inc).toMatchObject({
      id: 'k7l4hzmthl3k',
      kind: 'incident',
      title: 'Cloudflare Tunnel Availability Issues',
      impact: 'degraded',
      state: 'identified',
      active: true,
      startedAt: Date.parse('2026-09-11T21:55:52.000Z'),
      updatedAt: Date.parse('2026-09-12T03:49:34.000Z'),
      lastUpdate: 'The issue has been identified and a fix is being implemented.',
      url: 'https://www.cloudflarestatus.com/incidents/k7l4hzmthl3k',
    });
    // The group comes from the update's "<Group> - <Component>" name: the trimmed body has no groups.
    expect(inc.components).toEqual([
      { id: 'y98zlwj1d7zh', name: 'Tunnel', group: 'Cloudflare Sites and Services' },
    ]);

    expect(s.maintenances).toHaveLength(1);
    const m = s.maintenances[0]!;
    expect(m).toMatchObject({
      id: 'xtmjwqxfxf1g',
      kind: 'maintenance',
      title: 'IAD (Ashburn) on 2026-09-14',
      impact: 'maintenance',
      state: 'scheduled',
      active: false,
      scheduledFor: Date.parse('2026-09-14T06:00:00.000Z'),
      scheduledUntil: Date.parse('2026-09-14T10:00:00.000Z'),
      url: 'https://www.cloudflarestatus.com/incidents/xtmjwqxfxf1g',
    });
    expect(m.startedAt).toBeUndefined();
    expect(m.lastUpdate).toMatch(
      /^We will be performing scheduled maintenance in IAD \(Ashburn\) datacenter on 2026-09-14 between 06:00 and 10:00 UTC\. Traffic might be re-routed/,
    );
    expect(m.lastUpdate).not.toContain('\n');
    expect(m.components).toEqual([
      { id: '3t0npclljyyg', name: 'Ashburn, VA, United States - (IAD)', group: 'North America' },
    ]);
  });

  describe('Cloudflare colos (constructed)', () => {
    const s = parsed(
      parseFeed('statuspage', read('statuspage/cloudflare-colos.json'), { pageUrl: CF, now: NOW }),
    );
    // Places are the catalog's reading (relevance.test.ts): the parser keeps names and groups.
    const byPop = (pop: string) => s.components.find((c) => c.name.endsWith(`(${pop})`));

    it('maps the indicator and keeps group components out of the list', () => {
      expect(s.level).toBe('major_outage');
      expect(s.components.map((c) => c.name)).not.toContain('Europe');
      expect(s.components.map((c) => c.name)).not.toContain('Cloudflare Sites and Services');
      expect(s.components).toHaveLength(8);
    });

    it('reads colo components with their pop, group and state', () => {
      expect(byPop('CDG')).toEqual({
        id: 'cdgcolo00001',
        name: 'Paris, France - (CDG)',
        level: 'operational',
        group: 'Europe',
      });
      expect(byPop('IAD')).toMatchObject({ level: 'maintenance', group: 'North America' });
      expect(byPop('FRA')).toMatchObject({ level: 'partial_outage', group: 'Europe' });
      expect(byPop('ORK')).toMatchObject({ name: 'Cork, Ireland - (ORK)', level: 'operational' });
      expect(byPop('HKG')).toMatchObject({ name: 'Hong Kong - (HKG)', group: 'Asia' });
      expect(s.components.find((c) => c.name === 'CDN/Cache')).toEqual({
        id: 'cdncache0001',
        name: 'CDN/Cache',
        level: 'major_outage',
        group: 'Cloudflare Sites and Services',
      });
    });

    it('reads the CDN/Cache major outage with plain-text update and affected colo', () => {
      expect(s.incidents).toHaveLength(1);
      const inc = s.incidents[0]!;
      expect(inc.impact).toBe('major_outage');
      expect(inc.title).toBe('CDN/Cache: elevated 5xx errors in multiple locations');
      expect(inc.lastUpdate).toBe(
        'We are seeing elevated 5xx errors & timeouts for cached content in Frankfurt (FRA). Traffic is being re-routed.',
      );
      expect(inc.updatedAt).toBe(Date.parse('2026-09-12T05:20:00.000Z'));
      expect(inc.components).toEqual([
        { id: 'cdncache0001', name: 'CDN/Cache', group: 'Cloudflare Sites and Services' },
        { id: 'fracolo00001', name: 'Frankfurt, Germany - (FRA)', group: 'Europe' },
      ]);
    });

    it('splits maintenances into active and scheduled', () => {
      const [iad, cdg] = s.maintenances;
      expect(iad).toMatchObject({
        id: 'iadm41nt0001',
        active: true,
        state: 'in_progress',
        startedAt: Date.parse('2026-09-12T04:00:00.000Z'),
      });
      // "IAD (Ashburn) on …" names its datacenter in the title only: the catalog reads it.
      expect(iad?.components).toEqual([]);
      expect(cdg).toMatchObject({ id: 'cdgm41nt0001', active: false, state: 'scheduled' });
      expect(cdg?.components).toEqual([
        { id: 'cdgcolo00001', name: 'Paris, France - (CDG)', group: 'Europe' },
      ]);
    });
  });

  it('builds the incident URL from the page URL when there is no shortlink', () => {
    const body = JSON.stringify({
      status: { indicator: 'minor' },
      components: [],
      incidents: [{ id: 'abc123', name: 'Slow', status: 'investigating', impact: 'minor' }],
      scheduled_maintenances: [],
    });
    const s = parsed(parseFeed('statuspage', body, { pageUrl: 'https://status.example.com/', now: NOW }));
    expect(s.incidents[0]?.url).toBe('https://status.example.com/incidents/abc123');
  });

  it('maps every documented indicator, component status and impact', () => {
    const levels = ['none', 'minor', 'major', 'critical', 'maintenance'].map((indicator) => {
      const r = parseFeed('statuspage', JSON.stringify({ status: { indicator } }), { pageUrl: CF, now: NOW });
      return r.ok ? r.status.level : 'fail';
    });
    expect(levels).toEqual(['operational', 'degraded', 'partial_outage', 'major_outage', 'maintenance']);
    const comps = [
      'operational',
      'degraded_performance',
      'partial_outage',
      'major_outage',
      'under_maintenance',
    ].map((status, i) => ({
      id: `c${i}`,
      name: `C${i}`,
      status,
    }));
    const impacts = ['none', 'minor', 'major', 'critical'].map((impact, i) => ({
      id: `i${i}`,
      name: `I${i}`,
      status: 'investigating',
      impact,
    }));
    const s = parsed(
      parseFeed(
        'statuspage',
        JSON.stringify({ status: { indicator: 'major' }, components: comps, incidents: impacts }),
        { pageUrl: CF, now: NOW },
      ),
    );
    expect(s.components.map((c) => c.level)).toEqual([
      'operational',
      'degraded',
      'partial_outage',
      'major_outage',
      'maintenance',
    ]);
    expect(s.incidents.map((e) => e.impact)).toEqual([
      'operational',
      'degraded',
      'partial_outage',
      'major_outage',
    ]);
  });

  it('drops resolved incidents and completed maintenances', () => {
    const body = JSON.stringify({
      status: { indicator: 'none' },
      incidents: [
        { id: 'a', name: 'Done', status: 'resolved', impact: 'major' },
        { id: 'b', name: 'PM', status: 'postmortem', impact: 'minor' },
      ],
      scheduled_maintenances: [
        { id: 'c', name: 'Over', status: 'completed', impact: 'maintenance' },
        { id: 'd', name: 'Verifying', status: 'verifying' },
      ],
    });
    const s = parsed(parseFeed('statuspage', body, { pageUrl: CF, now: NOW }));
    expect(s.incidents).toEqual([]);
    expect(s.maintenances.map((m) => [m.id, m.active])).toEqual([['d', true]]);
  });
});

describe('Statuspage status.json roll-up', () => {
  it('reads indicator, level and the updated_at change token', () => {
    const body = JSON.stringify({
      page: {
        id: 'kctbh9vrtdwd',
        name: 'GitHub',
        url: 'https://www.githubstatus.com',
        updated_at: '2026-09-12T05:00:00.000Z',
      },
      status: { indicator: 'minor', description: 'Minor Service Outage' },
    });
    expect(parseStatuspageRollup(body)).toEqual({
      ok: true,
      level: 'degraded',
      indicator: 'minor',
      updatedAt: Date.parse('2026-09-12T05:00:00.000Z'),
    });
  });

  it('handles maintenance, unknown indicators and bad bodies', () => {
    expect(
      parseStatuspageRollup(
        '{"status":{"indicator":"maintenance","description":"Service Under Maintenance"}}',
      ),
    ).toEqual({
      ok: true,
      level: 'maintenance',
      indicator: 'maintenance',
    });
    expect(parseStatuspageRollup('{"status":{"indicator":"purple"}}')).toEqual({
      ok: true,
      level: 'unknown',
      indicator: 'purple',
    });
    expect(parseStatuspageRollup('<html>502</html>')).toMatchObject({ ok: false, reason: 'unparseable' });
    expect(parseStatuspageRollup('{"status":')).toMatchObject({ ok: false, reason: 'unparseable' });
    expect(parseStatuspageRollup('[]')).toMatchObject({ ok: false, reason: 'unparseable' });
    expect(parseStatuspageRollup('{"status":{}}')).toMatchObject({
      ok: false,
      detail: 'status.indicator missing',
    });
  });
});
