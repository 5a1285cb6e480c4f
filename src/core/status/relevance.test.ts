import { describe, expect, it } from 'vitest';
import { statusRelevanceOf } from '../catalog/index.ts';
import type { StatusRelevance } from '../catalog/types.ts';
import type { AffectedComponent, Component, ParsedStatus, ProviderStatus, StatusEvent } from './model.ts';
import { judge, pageStatus, type Usage } from './relevance.ts';

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
});
const product = (name: string): AffectedComponent => ({ name, group: 'Cloudflare Sites and Services' });

/** The relation of one incident for a page, with the reason it was left out when it was. */
function read(event: StatusEvent, u: Usage, rel: StatusRelevance | undefined) {
  const j = judge(event, u, rel);
  return j.relation ?? j.ignored?.reason;
}

describe('relevance of a provider status to a page', () => {
  it('a Tunnel-only incident does not warn a page served through the CDN', () => {
    const s = status({
      level: 'degraded',
      incidents: [incident({ impact: 'degraded', components: [product('Tunnel')] })],
    });
    const r = pageStatus(s, usage, CF);
    expect(r.level).toBe('operational');
    expect(r.incidents).toEqual([]);
    expect(r.ignored).toEqual([
      {
        id: 'i1',
        kind: 'incident',
        title: 'Incident',
        impact: 'degraded',
        reason: 'other_products',
        names: ['Tunnel'],
      },
    ]);
  });

  it('a CDN/Cache major outage is a major outage for the page, because it names CDN/Cache', () => {
    const event = incident({
      title: 'Widespread 5xx errors',
      impact: 'major_outage',
      components: [product('CDN/Cache')],
    });
    const r = pageStatus(status({ level: 'major_outage', incidents: [event] }), usage, CF);
    expect(r.level).toBe('major_outage');
    expect(r.uncertain).toBe(false);
    expect(r.incidents).toEqual([
      { event, relation: 'product', because: { kind: 'product', products: ['CDN/Cache'] } },
    ]);
  });

  it('a maintenance in another datacenter does not concern the page; one in its own does', () => {
    const elsewhere = incident({
      id: 'm1',
      kind: 'maintenance',
      impact: 'maintenance',
      state: 'in_progress',
      title: 'IAD (Ashburn) on 2026-09-14',
      components: [{ name: 'Ashburn, VA, United States - (IAD)', group: 'North America' }],
    });
    expect(pageStatus(status({ maintenances: [elsewhere] }), usage, CF).maintenances).toEqual([]);
    expect(pageStatus(status({ maintenances: [elsewhere] }), usage, CF).level).toBe('operational');
    const here = {
      ...elsewhere,
      id: 'm2',
      title: 'CDG (Paris) on 2026-09-14',
      components: [{ name: 'Paris, France - (CDG)', group: 'Europe' }],
    };
    const r = pageStatus(status({ maintenances: [elsewhere, here] }), usage, CF);
    expect(r.maintenances.map((m) => [m.event.id, m.relation, m.because])).toEqual([
      ['m2', 'pop', { kind: 'place', places: ['CDG'], products: [] }],
    ]);
    // The popup names the page's datacenter from the located component.
    expect(r.maintenances[0]!.event.components).toEqual([
      { name: 'Paris, France - (CDG)', group: 'Europe', pop: 'CDG', place: true },
    ]);
    expect(r.level).toBe('maintenance');
    // A colo maintenance titled by its code names the place even without components.
    const titled = { ...here, components: [] };
    expect(read(titled, usage, CF)).toBe('pop');
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
    expect(r.products).toEqual([]);
  });

  it('an incident naming only other datacenters does not warn; one naming the page’s does', () => {
    const fra = incident({
      impact: 'major_outage',
      components: [{ name: 'Frankfurt, Germany - (FRA)', group: 'Europe' }],
    });
    expect(pageStatus(status({ incidents: [fra] }), usage, CF).level).toBe('operational');
    expect(read(fra, usage, CF)).toBe('other_places');
    const here = incident({ components: [{ name: 'Paris, France - (CDG)', group: 'Europe' }] });
    expect(pageStatus(status({ incidents: [here] }), usage, CF).level).toBe('partial_outage');
    expect(read(here, usage, CF)).toBe('pop');
  });

  it('“Digital Experience Monitoring (DEX)” is a product, not a datacenter called DEX', () => {
    const dex = incident({ components: [product('Digital Experience Monitoring (DEX)')] });
    expect(read(dex, { providerId: 'cloudflare', pops: ['DEX'] }, CF)).toBe('other_products');
    const s = status({
      components: [
        {
          id: 'd',
          name: 'Digital Experience Monitoring (DEX)',
          group: 'Cloudflare Sites and Services',
          level: 'major_outage',
        },
      ],
    });
    expect(pageStatus(s, { providerId: 'cloudflare', pops: ['DEX'] }, CF).rerouted).toEqual([]);
  });

  it('the CDN does not depend on Workers Builds, Preview, Observability, DNS Root Servers, Pages or WARP', () => {
    for (const name of [
      'Workers Builds',
      'Workers Preview',
      'Workers Observability',
      'DNS Root Servers',
      'Pages',
      'Cloudflare One Client',
      'WARP',
      'Zero Trust',
    ]) {
      expect(read(incident({ components: [product(name)] }), usage, CF), name).toBe('other_products');
    }
    for (const name of [
      'CDN/Cache',
      'Network',
      'Authoritative DNS',
      'SSL Certificate Provisioning',
      'Bot Management',
    ]) {
      expect(read(incident({ components: [product(name)] }), usage, CF), name).toBe('product');
    }
  });

  it('Pages sites see Pages and Workers, not their builds or logs', () => {
    const PAGES = statusRelevanceOf('cloudflare-pages');
    const u = { providerId: 'cloudflare-pages', pops: ['CDG'] };
    expect(read(incident({ components: [product('Pages')] }), u, PAGES)).toBe('product');
    expect(read(incident({ components: [product('Workers')] }), u, PAGES)).toBe('product');
    expect(read(incident({ components: [product('Workers Builds')] }), u, PAGES)).toBe('other_products');
    const logs = incident({ title: 'Pages Functions logs delayed', components: [product('Pages')] });
    expect(read(logs, u, PAGES)).toBe('unrelated_title');
    expect(read(logs, usage, CF)).toBe('unrelated_title');
  });

  it('a title naming a product counts when the incident names no component', () => {
    const global = incident({ title: 'Cloudflare Global Network experiencing issues', impact: 'degraded' });
    expect(read(global, usage, CF)).toBe('product');
    // …but not a product the entry carves out.
    const ztna = incident({ title: 'Zero Trust Network Access issues', impact: 'degraded' });
    expect(read(ztna, usage, CF)).toBe('too_minor');
  });

  it('an event of unknown scope: severe ones may affect the page, minor ones are too minor for Cloudflare', () => {
    const severe = status({ incidents: [incident({ impact: 'major_outage', components: [] })] });
    const r = pageStatus(severe, usage, CF);
    expect(r.level).toBe('major_outage');
    expect(r.uncertain).toBe(true);
    expect(r.incidents[0]).toMatchObject({ relation: 'may_affect', because: { kind: 'unknown_scope' } });
    const minor = status({ incidents: [incident({ impact: 'degraded', components: [] })] });
    expect(pageStatus(minor, usage, CF).level).toBe('operational');
    expect(pageStatus(minor, usage, CF).ignored?.[0]?.reason).toBe('too_minor');
  });

  it('the documented default: without relevance data every component counts, and so does an unscoped incident', () => {
    const x = { providerId: 'x', pops: [] };
    const named = status({
      incidents: [incident({ impact: 'degraded', components: [{ name: 'Delivery' }] })],
    });
    expect(pageStatus(named, x).level).toBe('degraded');
    expect(pageStatus(named, x).incidents[0]?.relation).toBe('product');
    const unscoped = status({ incidents: [incident({ impact: 'degraded', components: [] })] });
    expect(pageStatus(unscoped, x)).toMatchObject({ level: 'degraded', uncertain: true });
    // 20 of 25 components degraded: the page sees it even before an incident is posted.
    const components: Component[] = Array.from({ length: 25 }, (_, i) => ({
      id: `c${i}`,
      name: `Component ${i}`,
      level: i < 20 ? 'degraded' : 'operational',
    }));
    const r = pageStatus(status({ level: 'degraded', components }), x);
    expect(r.level).toBe('degraded');
    expect(r.products).toHaveLength(20);
    // A provider with an entry but no relevance data reads the same (Bunny).
    expect(statusRelevanceOf('bunny')).toBeUndefined();
    expect(pageStatus(named, { providerId: 'bunny', pops: ['CDG'] }, statusRelevanceOf('bunny')).level).toBe(
      'degraded',
    );
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

  it('a stale feed is unknown with the time it stopped', () => {
    const s = status(
      { level: 'operational' },
      { level: 'unknown', reason: 'stale', staleSince: 1_707_501_600_000 },
    );
    expect(pageStatus(s, usage, CF).unknown).toEqual({
      reason: 'stale',
      lastLevel: 'operational',
      lastOkAt: 5_000,
      since: 1_707_501_600_000,
    });
  });
});

describe('places named by the feed’s structure', () => {
  const S3 = statusRelevanceOf('s3');
  const CLOUDFRONT = statusRelevanceOf('cloudfront');
  const s3 = (region: string): AffectedComponent => ({
    id: `s3-${region}`,
    name: 'Amazon Simple Storage Service',
    pop: region.toUpperCase(),
    level: 'major_outage',
  });
  const event = incident({
    impact: 'major_outage',
    components: [s3('us-east-1'), { id: 'cloudfront', name: 'Amazon CloudFront', level: 'degraded' }],
  });

  it('CloudFront is global: a us-east-1 event listing it concerns a page served from CDG, at CloudFront’s level', () => {
    const u = { providerId: 'cloudfront', pops: ['CDG'] };
    const j = judge(event, u, CLOUDFRONT);
    expect(j.relation).toBe('product');
    expect(j.impact).toBe('degraded');
  });

  it('S3: the bucket’s region from its host decides; an unknown region may be affected', () => {
    const here = { providerId: 's3', pops: [], hosts: ['assets.s3.us-east-1.amazonaws.com'] };
    const there = { providerId: 's3', pops: [], hosts: ['assets.s3.eu-west-3.amazonaws.com'] };
    const legacy = { providerId: 's3', pops: [], hosts: ['assets.s3-us-east-1.amazonaws.com'] };
    const unknown = { providerId: 's3', pops: [], hosts: ['assets.s3.amazonaws.com'] };
    expect(read(event, here, S3)).toBe('pop');
    expect(read(event, legacy, S3)).toBe('pop');
    expect(read(event, there, S3)).toBe('other_places');
    expect(judge(event, unknown, S3)).toMatchObject({
      relation: 'may_affect',
      because: { kind: 'place_unknown', places: ['US-EAST-1'], products: ['Amazon Simple Storage Service'] },
    });
    // CloudFront's edge code is no region: it says nothing about the bucket.
    expect(read(event, { providerId: 's3', pops: ['IAD'] }, S3)).toBe('may_affect');
  });
});

describe('other providers’ naming schemes', () => {
  it('Vercel: `fra1`-style regions match the page’s x-vercel-id code', () => {
    const V = statusRelevanceOf('vercel');
    const iad = incident({ title: 'Elevated errors in iad1 region', impact: 'degraded' });
    expect(read(iad, { providerId: 'vercel', pops: ['IAD'] }, V)).toBe('pop');
    expect(read(iad, { providerId: 'vercel', pops: ['FRA'] }, V)).toBe('other_places');
    const builds = incident({ components: [{ name: 'Builds' }, { name: 'Dashboard' }] });
    expect(read(builds, { providerId: 'vercel', pops: ['FRA'] }, V)).toBe('other_products');
    const comp = incident({ components: [{ name: 'IAD1 (Washington DC)' }] });
    expect(read(comp, { providerId: 'vercel', pops: ['IAD'] }, V)).toBe('pop');
  });

  it('Fastly: POP incidents are titled by POP; control-plane notices do not concern a page', () => {
    const F = statusRelevanceOf('fastly');
    const iad = incident({ title: 'Ashburn (IAD)', impact: 'degraded' });
    expect(read(iad, { providerId: 'fastly', pops: ['IAD'] }, F)).toBe('pop');
    expect(read(iad, { providerId: 'fastly', pops: ['CDG'] }, F)).toBe('other_places');
    const portal = incident({
      kind: 'maintenance',
      impact: 'maintenance',
      title: 'Fastly Support Portal and AI chatbot',
    });
    expect(read(portal, { providerId: 'fastly', pops: ['CDG'] }, F)).toBe('unrelated_title');
    const unscoped = incident({ title: 'Elevated origin errors for some customers', impact: 'degraded' });
    expect(read(unscoped, { providerId: 'fastly', pops: ['CDG'] }, F)).toBe('may_affect');
  });

  it('Azure: a Front Door title counts, regions cannot be compared, “Public Non-Regional” is everywhere', () => {
    const AFD = statusRelevanceOf('azure-fd');
    const u = { providerId: 'azure-fd', pops: [] };
    const afd = incident({
      title: 'Azure Front Door - Connectivity issues',
      components: [
        { name: 'Network Infrastructure' },
        { name: 'West Europe' },
        { name: 'Public Non-Regional' },
      ],
    });
    expect(judge(afd, u, AFD)).toMatchObject({
      relation: 'product',
      because: { kind: 'product', products: ['Azure Front Door'] },
    });
    const westUs = incident({
      title: 'Issues connecting to resources in West US',
      impact: 'degraded',
      components: [{ name: 'API Management' }, { name: 'Network Infrastructure' }, { name: 'West US' }],
    });
    expect(read(westUs, u, AFD)).toBe('other_products');
    // Azure in general: a regional issue may affect a page whose region is unknown.
    expect(
      read(
        { ...westUs, impact: 'partial_outage' },
        { providerId: 'azure', pops: [] },
        statusRelevanceOf('azure'),
      ),
    ).toBe('may_affect');
  });

  it('Google: its own hosts are on no dashboard; Cloud products are read by name', () => {
    const GFE = statusRelevanceOf('google');
    const pd = incident({
      impact: 'major_outage',
      components: [
        { name: 'Persistent Disk' },
        { name: 'Cloud Load Balancing' },
        { name: 'Iowa (us-central1)', id: 'us-central1', pop: 'US-CENTRAL1', group: 'Location', place: true },
      ],
    });
    const fonts = { providerId: 'google', pops: [], hosts: ['fonts.gstatic.com', 'fonts.googleapis.com'] };
    expect(read(pd, fonts, GFE)).toBe('other_products');
    const site = { providerId: 'google', pops: [], hosts: ['www.example-on-gcp.com'] };
    expect(judge(pd, site, GFE)).toMatchObject({
      relation: 'may_affect',
      because: { kind: 'place_unknown', places: ['US-CENTRAL1'], products: ['Cloud Load Balancing'] },
    });
    expect(read(pd, { providerId: 'gcs', pops: [] }, statusRelevanceOf('gcs'))).toBe('other_products');
    expect(statusRelevanceOf('google-fonts')).toBeUndefined();
  });

  it('GitHub Pages sees Pages, not the rest of GitHub', () => {
    const P = statusRelevanceOf('github-pages');
    const u = { providerId: 'github-pages', pops: ['FRA'] };
    expect(read(incident({ components: [{ name: 'Pages' }] }), u, P)).toBe('product');
    expect(read(incident({ components: [{ name: 'Actions' }, { name: 'Codespaces' }] }), u, P)).toBe(
      'other_products',
    );
    expect(read(incident({ title: 'Disruption with some GitHub services', impact: 'degraded' }), u, P)).toBe(
      'too_minor',
    );
    const G = statusRelevanceOf('github');
    expect(
      read(incident({ components: [{ name: 'API Requests' }] }), { providerId: 'github', pops: [] }, G),
    ).toBe('product');
    expect(read(incident({ components: [{ name: 'Copilot' }] }), { providerId: 'github', pops: [] }, G)).toBe(
      'other_products',
    );
  });
});

describe('page places by PoP pattern', () => {
  it('a region-shaped PoP (from x-amz-bucket-region) places an S3 bucket; an edge code does not', () => {
    const S3 = statusRelevanceOf('s3');
    const event = incident({
      impact: 'major_outage',
      components: [{ id: 's3-us-east-1', name: 'Amazon Simple Storage Service', pop: 'US-EAST-1' }],
    });
    expect(judge(event, { providerId: 's3', pops: ['us-east-1'] }, S3).relation).toBe('pop');
    expect(judge(event, { providerId: 's3', pops: ['EU-WEST-3'] }, S3).ignored?.reason).toBe('other_places');
    expect(judge(event, { providerId: 's3', pops: ['IAD'] }, S3).relation).toBe('may_affect');
  });
});
