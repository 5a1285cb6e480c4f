import { describe, expect, it } from 'vitest';
import type { Detection } from '../detect/types.ts';
import { addResponse, MAX_HOSTS, newPage, type ObservedResponse } from './record.ts';

const cf: Detection = {
  providerId: 'cloudflare',
  role: 'edge',
  pop: 'CDG',
  evidence: [{ kind: 'header', name: 'cf-ray', value: '8c9a1b2c3d4e5f6a-CDG' }],
};

function resp(host: string, extra: Partial<ObservedResponse> = {}): ObservedResponse {
  return { url: `https://${host}/x`, host, kind: 'script', status: 200, ip: '104.16.1.1', ...extra };
}

describe('page record', () => {
  it('aggregates by host: counts, kinds, statuses, IPs and provider tallies', () => {
    const page = newPage(7, 'https://shop.example/', 'shop.example', 1000);
    addResponse(page, resp('shop.example', { kind: 'document', mainDocument: true }), [cf], 1001);
    addResponse(page, resp('shop.example', { status: 404, ip: '104.16.1.2' }), [cf], 1002);
    addResponse(page, resp('shop.example', { kind: 'image' }), [{ ...cf, pop: 'FRA' }], 1003);

    const agg = page.hosts['shop.example']!;
    expect(page.requests).toBe(3);
    expect(page.updatedAt).toBe(1003);
    expect(agg.requests).toBe(3);
    expect(agg.kinds).toEqual({ document: 1, script: 1, image: 1 });
    expect(agg.statuses).toEqual({ '200': 2, '404': 1 });
    expect(agg.ips).toEqual(['104.16.1.1', '104.16.1.2']);
    const t = agg.providers.cloudflare!;
    expect(t.requests).toBe(3);
    expect(t.document).toBe(true);
    expect(t.pops).toEqual(['CDG', 'FRA']);
    // cf-ray differs per request; one evidence line per header name is enough.
    expect(t.evidence).toHaveLength(1);
  });

  it('counts responses with no IP and no evidence as unknown, not as "no provider"', () => {
    const page = newPage(1, 'https://a.example/', 'a.example', 0);
    addResponse(page, resp('a.example', { ip: undefined }), [], 1);
    addResponse(page, resp('a.example'), [], 2);
    expect(page.hosts['a.example']!.unknown).toBe(1);
  });

  it('stays bounded: hosts beyond the cap go to the overflow with exact provider totals', () => {
    const page = newPage(1, 'https://a.example/', 'a.example', 0);
    for (let i = 0; i < MAX_HOSTS + 50; i++) {
      for (let j = 0; j < 3; j++) addResponse(page, resp(`h${i}.example`), [cf], i);
    }
    expect(Object.keys(page.hosts)).toHaveLength(MAX_HOSTS);
    expect(page.overflow.hosts).toBe(50);
    expect(page.overflow.requests).toBe(150);
    expect(page.overflow.providers.cloudflare!.requests).toBe(150);
    expect(page.requests).toBe((MAX_HOSTS + 50) * 3);
    // The JSON form stays small enough for storage.session.
    expect(JSON.stringify(page).length).toBeLessThan(200_000);
  });

  it('keeps the main document host even when the cap is reached', () => {
    const page = newPage(1, 'https://late.example/', 'late.example', 0);
    for (let i = 0; i < MAX_HOSTS; i++) addResponse(page, resp(`h${i}.example`), [], i);
    addResponse(page, resp('late.example', { kind: 'document', mainDocument: true }), [cf], 1);
    expect(page.hosts['late.example']!.providers.cloudflare!.document).toBe(true);
  });
});
