import { describe, expect, it } from 'vitest';
import { learn, newHostMemory } from './hosts.ts';
import { addPageError, type PageErrors } from './page.ts';
import { isHostMemory, isPagesErrors, isWindow } from './stored.ts';
import { newWindow, record } from './window.ts';

const T0 = Date.UTC(2026, 8, 1, 12, 0, 0);
/** What storage.session hands back: a structured clone. */
const stored = <T>(value: T): unknown => structuredClone(value);

describe('observer state read back from storage', () => {
  it('accepts what the observer wrote', () => {
    const window = newWindow();
    record(window, { time: T0, pageHost: 'shop-a.com', host: 'shop-a.com', providerIds: ['cloudflare'] }, T0);
    const hosts = newHostMemory();
    learn(hosts, 'shop-a.com', '104.16.1.1', [{ providerId: 'cloudflare', role: 'edge', evidence: [] }], T0);
    const pages: Record<string, PageErrors> = { 3: { page: T0, errors: [] } };
    addPageError(pages[3]!.errors, { host: 'shop-a.com', providerId: 'cloudflare', error: 'timeout' }, T0);
    expect(isWindow(stored(window))).toBe(true);
    expect(isHostMemory(stored(hosts))).toBe(true);
    expect(isPagesErrors(stored(pages))).toBe(true);
    expect(isPagesErrors({})).toBe(true);
  });

  it('refuses another version or garbage', () => {
    for (const bad of [undefined, null, 'window', 3, [], { v: 2, buckets: [] }, { v: 1 }])
      expect(isWindow(bad), JSON.stringify(bad)).toBe(false);
    for (const bad of [
      undefined,
      null,
      { v: 1, hosts: {} },
      { v: 1, hosts: null, ips: {} },
      { v: 2, hosts: {}, ips: {} },
    ])
      expect(isHostMemory(bad), JSON.stringify(bad)).toBe(false);
    for (const bad of [undefined, null, { 3: null }, { 3: { page: '1', errors: [] } }, { 3: { page: 1 } }])
      expect(isPagesErrors(bad), JSON.stringify(bad)).toBe(false);
  });
});
