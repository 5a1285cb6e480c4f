import { describe, expect, it } from 'vitest';
import { statusRelevanceOf } from '../catalog/index.ts';
import type { Component, ParsedStatus, ProviderStatus, StatusEvent } from './model.ts';
import { pageStatus } from './relevance.ts';

const CF = statusRelevanceOf('cloudflare');
const usage = { providerId: 'cloudflare', pops: ['CDG'] };

function incident(over: Partial<StatusEvent>): StatusEvent {
  return {
    id: 'i1',
    kind: 'incident',
    title: 'Incident',
    impact: 'partial_outage',
    state: 'investigating',
    active: true,
    startedAt: 1_000,
    components: [],
    ...over,
  };
}

function status(parsed: Partial<ParsedStatus>, over: Partial<ProviderStatus> = {}): ProviderStatus {
  return {
    providerId: 'cloudflare',
    level: 'operational',
    checkedAt: 5_000,
    okAt: 5_000,
    pageUrl: 'https://www.cloudflarestatus.com',
    last: { level: 'operational', components: [], incidents: [], maintenances: [], ...parsed },
    ...over,
  };
}

const colo = (pop: string, level: Component['level']): Component => ({
  id: pop,
  name: `City - (${pop})`,
  group: 'Europe',
  level,
  pop,
});

describe('relevance of a provider status to a page', () => {
  it('a Tunnel-only incident does not warn a page served through the CDN', () => {
    const s = status({
      level: 'degraded',
      incidents: [
        incident({
          impact: 'degraded',
          components: [{ name: 'Tunnel', group: 'Cloudflare Sites and Services' }],
        }),
      ],
    });
    const r = pageStatus(s, usage, CF);
    expect(r.level).toBe('operational');
    expect(r.incidents).toEqual([]);
  });

  it('a CDN/Cache major outage is a major outage for the page', () => {
    const event = incident({
      title: 'Widespread 5xx errors',
      impact: 'major_outage',
      components: [{ name: 'CDN/Cache', group: 'Cloudflare Sites and Services' }],
    });
    const r = pageStatus(status({ level: 'major_outage', incidents: [event] }), usage, CF);
    expect(r.level).toBe('major_outage');
    expect(r.uncertain).toBe(false);
    expect(r.incidents).toEqual([{ event, relation: 'product' }]);
  });

  it('a maintenance in another datacenter does not concern the page; one in its own does', () => {
    const elsewhere = incident({
      id: 'm1',
      kind: 'maintenance',
      impact: 'maintenance',
      state: 'in_progress',
      title: 'IAD (Ashburn) on 2026-09-14',
      components: [{ name: 'Ashburn, VA, United States - (IAD)', pop: 'IAD' }],
    });
    expect(pageStatus(status({ maintenances: [elsewhere] }), usage, CF).maintenances).toEqual([]);
    expect(pageStatus(status({ maintenances: [elsewhere] }), usage, CF).level).toBe('operational');
    const here = { ...elsewhere, id: 'm2', components: [{ name: 'Paris, France - (CDG)', pop: 'CDG' }] };
    const r = pageStatus(status({ maintenances: [elsewhere, here] }), usage, CF);
    expect(r.maintenances.map((m) => m.event.id)).toEqual(['m2']);
    expect(r.level).toBe('maintenance');
    // A scheduled (not yet started) maintenance is listed but does not change the level.
    const later = pageStatus(
      status({ maintenances: [{ ...here, active: false, state: 'scheduled' }] }),
      usage,
      CF,
    );
    expect(later.maintenances).toHaveLength(1);
    expect(later.level).toBe('operational');
  });

  it("the page's own datacenter re-routed is information only", () => {
    const s = status({
      level: 'degraded',
      components: [colo('CDG', 'partial_outage'), colo('FRA', 'major_outage')],
    });
    const r = pageStatus(s, usage, CF);
    expect(r.level).toBe('operational');
    expect(r.rerouted).toEqual(['CDG']);
  });

  it('an incident naming only other datacenters does not warn', () => {
    const s = status({
      incidents: [
        incident({ impact: 'major_outage', components: [{ name: 'Frankfurt - (FRA)', pop: 'FRA' }] }),
      ],
    });
    expect(pageStatus(s, usage, CF).level).toBe('operational');
    const here = status({
      incidents: [
        incident({ impact: 'partial_outage', components: [{ name: 'Paris - (CDG)', pop: 'CDG' }] }),
      ],
    });
    expect(pageStatus(here, usage, CF).level).toBe('partial_outage');
    expect(pageStatus(here, usage, CF).incidents[0]!.relation).toBe('pop');
  });

  it('a severe incident of unknown scope may affect the page; a minor one does not warn', () => {
    const severe = status({ incidents: [incident({ impact: 'major_outage', components: [] })] });
    const r = pageStatus(severe, usage, CF);
    expect(r.level).toBe('major_outage');
    expect(r.uncertain).toBe(true);
    expect(r.incidents[0]!.relation).toBe('may_affect');
    const minor = status({ incidents: [incident({ impact: 'degraded', components: [] })] });
    expect(pageStatus(minor, usage, CF).level).toBe('operational');
  });

  it('without a component filter, any named component of a provider counts', () => {
    const s = status({ incidents: [incident({ impact: 'degraded', components: [{ name: 'Delivery' }] })] });
    expect(pageStatus(s, { providerId: 'x', pops: [] }).level).toBe('operational');
    const severe = status({
      incidents: [incident({ impact: 'partial_outage', components: [{ name: 'Delivery' }] })],
    });
    expect(pageStatus(severe, { providerId: 'x', pops: [] }).level).toBe('partial_outage');
  });

  it('a relevant product component that is down raises the level even before an incident is posted', () => {
    const s = status({
      components: [{ id: 'c', name: 'CDN/Cache', group: 'Cloudflare Sites and Services', level: 'degraded' }],
    });
    const r = pageStatus(s, usage, CF);
    expect(r.level).toBe('degraded');
    expect(r.products).toEqual([{ name: 'CDN/Cache', level: 'degraded' }]);
  });

  it('an unreachable feed is unknown, never operational, and keeps the last known level', () => {
    const s = status(
      { level: 'degraded' },
      { level: 'unknown', reason: 'unreachable', checkedAt: 9_000, okAt: 5_000 },
    );
    const r = pageStatus(s, usage, CF);
    expect(r.level).toBe('unknown');
    expect(r.unknown).toEqual({ reason: 'unreachable', lastLevel: 'degraded', lastOkAt: 5_000 });
    const never = pageStatus({ providerId: 'cloudflare', level: 'unknown', pageUrl: 'https://x' }, usage, CF);
    expect(never.level).toBe('unknown');
    expect(never.unknown!.reason).toBe('not_checked');
  });
});
