import { describe, expect, it } from 'vitest';
import type { Detection } from '../detect/types.ts';
import {
  attribute,
  forgetStale,
  HOST_TTL_MS,
  learn,
  MAX_HOSTS,
  newHostMemory,
  orderProviders,
} from './hosts.ts';
import type { Observation } from './types.ts';
import { newWindow, record } from './window.ts';

const T0 = Date.UTC(2026, 8, 1, 12, 0, 0);

const cfByIp: Detection = {
  providerId: 'cloudflare',
  role: 'edge',
  evidence: [{ kind: 'ip', ip: '104.16.1.1', range: '104.16.0.0/13' }],
};
const cfByHeader: Detection = {
  providerId: 'cloudflare',
  role: 'edge',
  evidence: [{ kind: 'header', name: 'cf-ray', value: '8f00000000000000-CDG' }],
};
const vercel: Detection = {
  providerId: 'vercel',
  role: 'origin',
  evidence: [{ kind: 'header', name: 'x-vercel-id', value: 'cdg1::abcde-1-0123456789ab' }],
};
const stripe: Detection = { providerId: 'stripe', role: 'service', evidence: [] };

describe('orderProviders', () => {
  it('puts the edge first, then origins, then services, without repeats', () => {
    expect(orderProviders([stripe, vercel, cfByHeader, cfByIp])).toEqual(['cloudflare', 'vercel', 'stripe']);
    expect(orderProviders([])).toEqual([]);
  });
});

describe('host memory', () => {
  it('attributes a header-less failure to the providers that served the host', () => {
    const m = newHostMemory();
    learn(m, 'App.Example.com', undefined, [vercel, cfByHeader], T0);
    expect(attribute(m, 'app.example.com', undefined, T0 + 60_000)).toEqual(['cloudflare', 'vercel']);
    expect(attribute(m, 'other.example.com', undefined, T0)).toBeUndefined();
  });

  it('says whether it learnt something: a new host or address, or other providers; not a time alone', () => {
    const m = newHostMemory();
    expect(learn(m, 'a.example', '104.16.1.1', [cfByIp], T0)).toBe(true);
    expect(learn(m, 'a.example', '104.16.1.1', [cfByIp], T0 + 1_000)).toBe(false);
    expect(m.hosts['a.example']?.at).toBe(T0 + 1_000);
    expect(learn(m, 'a.example', '104.16.1.1', [cfByIp, vercel], T0 + 2_000)).toBe(true);
    expect(learn(m, 'b.example', '104.16.1.1', [cfByIp], T0 + 3_000)).toBe(true);
    expect(learn(m, '__proto__', undefined, [cfByHeader], T0)).toBe(false);
  });

  it('remembers a plain origin as served by no provider', () => {
    const m = newHostMemory();
    learn(m, 'plain.example', '192.0.2.1', [], T0);
    expect(attribute(m, 'plain.example', undefined, T0)).toEqual([]);
    expect(m.ips).toEqual({});
  });

  it('maps an IP only to providers whose evidence was that IP', () => {
    const m = newHostMemory();
    learn(m, 'a.example', '104.16.1.1', [cfByIp, vercel], T0);
    expect(m.ips['104.16.1.1']?.providers).toEqual(['cloudflare']);
    learn(m, 'b.example', '198.51.100.1', [cfByHeader], T0);
    expect(m.ips['198.51.100.1']).toBeUndefined();
    // Unknown host, known address.
    expect(attribute(m, 'new.example', '104.16.1.1', T0)).toEqual(['cloudflare']);
    expect(attribute(m, 'new.example', '203.0.113.9', T0)).toBeUndefined();
  });

  it('forgets after the TTL', () => {
    const m = newHostMemory();
    learn(m, 'a.example', '104.16.1.1', [cfByIp], T0);
    expect(attribute(m, 'a.example', undefined, T0 + HOST_TTL_MS)).toEqual(['cloudflare']);
    expect(attribute(m, 'a.example', undefined, T0 + HOST_TTL_MS + 1)).toBeUndefined();
    expect(attribute(m, 'x.example', '104.16.1.1', T0 + HOST_TTL_MS + 1)).toBeUndefined();
    learn(m, 'b.example', undefined, [vercel], T0 + HOST_TTL_MS);
    forgetStale(m, T0 + HOST_TTL_MS + 1);
    expect(Object.keys(m.hosts)).toEqual(['b.example']);
    expect(m.ips).toEqual({});
  });

  it('keeps at most MAX_HOSTS, forgetting the least recently seen', () => {
    const m = newHostMemory();
    for (let i = 0; i < MAX_HOSTS; i++) learn(m, `h${i}.example`, undefined, [cfByHeader], T0 + i);
    // Seeing h0 again makes h1 the least recent.
    learn(m, 'h0.example', undefined, [cfByHeader], T0 + MAX_HOSTS);
    learn(m, 'new.example', undefined, [vercel], T0 + MAX_HOSTS + 1);
    expect(Object.keys(m.hosts)).toHaveLength(MAX_HOSTS);
    expect(attribute(m, 'h0.example', undefined, T0 + MAX_HOSTS + 1)).toEqual(['cloudflare']);
    expect(attribute(m, 'h1.example', undefined, T0 + MAX_HOSTS + 1)).toBeUndefined();
    expect(attribute(m, 'new.example', undefined, T0 + MAX_HOSTS + 1)).toEqual(['vercel']);
  });

  it('is JSON and refuses a prototype key', () => {
    const m = newHostMemory();
    learn(m, '__proto__', undefined, [cfByHeader], T0);
    learn(m, 'a.example', undefined, [cfByHeader], T0);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m);
    expect(Object.keys(m.hosts)).toEqual(['a.example']);
  });

  it('feeds the window: a refused connection lands on the host’s provider', () => {
    const m = newHostMemory();
    learn(m, 'cdn.shop.example', '104.16.1.1', [cfByIp], T0);
    const providers = attribute(m, 'cdn.shop.example', undefined, T0 + 5_000) ?? [];
    const w = newWindow();
    const o: Observation = {
      pageHost: 'www.shop.example',
      host: 'cdn.shop.example',
      providerIds: providers,
      failure: { kind: 'network', error: 'refused' },
    };
    record(w, o, T0 + 5_000);
    expect(w.buckets[0]).toMatchObject({ providers: ['cloudflare'], hostSite: 'shop.example' });
  });
});
