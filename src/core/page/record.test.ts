import { describe, expect, it } from 'vitest';
import type { Detection } from '../detect/types.ts';
import {
  addResponse,
  EVIDENCE_BUDGET,
  MAX_HOSTS,
  MAX_OVERFLOW_SEEN,
  MAX_PROVIDERS_PER_HOST,
  newPage,
  type ObservedResponse,
  ownHost,
} from './record.ts';
import { encodeHead, encodeHost, encodeOverflow } from './stored.ts';
import { pageView } from './view.ts';

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
    // Each overflow host counted once, however many responses it sent.
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

  it('counts each overflow host once, and stops counting (a lower bound) once its memory is full', () => {
    const page = newPage(1, 'https://a.example/', 'a.example', 0);
    for (let i = 0; i < MAX_HOSTS; i++) addResponse(page, resp(`h${i}.example`), [], i);
    // 1,200 more hosts, each answering three times, in turns.
    for (let round = 0; round < 3; round++)
      for (let i = 0; i < 1_200; i++) addResponse(page, resp(`o${i}.example`), [cf], i);
    expect(page.overflow.requests).toBe(3_600);
    expect(page.overflow.hosts).toBe(MAX_OVERFLOW_SEEN);
    expect(pageView(page, new Map()).hostCount).toBe(MAX_HOSTS + MAX_OVERFLOW_SEEN);
  });

  it('takes hosts named __proto__ or constructor as hosts like any other', () => {
    const page = newPage(1, 'https://a.example/', 'a.example', 0);
    for (const host of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__proto__'])
      addResponse(page, resp(host), [cf], 1);
    expect(Object.keys(page.hosts)).toEqual(['__proto__', 'constructor', 'toString', 'hasOwnProperty']);
    expect(ownHost(page, '__proto__')?.requests).toBe(2);
    expect(ownHost(page, 'constructor')?.providers.cloudflare?.requests).toBe(1);
    // Nothing leaked into the prototypes.
    expect(Object.getPrototypeOf(page.hosts)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).requests).toBeUndefined();
    const view = pageView(page, new Map([['cloudflare', { id: 'cloudflare', name: 'Cloudflare' } as never]]));
    expect(view.providers[0]?.requests).toBe(5);
    expect(view.hostCount).toBe(4);
    expect(ownHost(page, 'valueOf')).toBeUndefined();
  });

  it('stays bounded in bytes against a hostile page: long names, long headers, many providers', () => {
    const page = newPage(1, `https://a.example/${'p'.repeat(10_000)}`, 'a.example', 0);
    const long = (i: number, n: number) => `${i}-${'x'.repeat(n)}`;
    for (let i = 0; i < 2_000; i++) {
      const host = `${'h'.repeat(240)}${i}.example`;
      const detections: Detection[] = Array.from({ length: 10 }, (_, d) => ({
        providerId: `p${d}`,
        role: 'edge',
        pop: long(i, 50),
        evidence: Array.from({ length: 8 }, (_, e) => ({
          kind: 'header' as const,
          name: `h-${e}-${'n'.repeat(100)}`,
          value: long(i, 5_000),
        })),
      }));
      for (let s = 0; s < 10; s++)
        addResponse(
          page,
          resp(host, { status: 200 + s, ip: `2001:db8::${i}:${s}${'f'.repeat(60)}` }),
          detections,
          i,
        );
    }
    const hosts = Object.keys(page.hosts);
    expect(hosts).toHaveLength(MAX_HOSTS);
    for (const agg of Object.values(page.hosts))
      expect(Object.keys(agg.providers).length).toBeLessThanOrEqual(MAX_PROVIDERS_PER_HOST);
    expect(page.evidenceChars).toBeLessThanOrEqual(EVIDENCE_BUDGET);
    const stored = [encodeHead(page), encodeOverflow(page) ?? '', ...hosts.map((h) => encodeHost(page, h)!)];
    const chars = stored.reduce((n, s) => n + s.length, 0);
    // Whatever the page did: at most ~256 KB in storage (a real heavy page takes ~33 KB).
    expect(chars).toBeLessThan(256 * 1024);
    expect(page.url.length).toBeLessThanOrEqual(2_048);
  });
});
