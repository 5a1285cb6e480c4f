import { describe, expect, it } from 'vitest';
import { addPageError, MAX_PAGE_ERRORS, observedPage, type PageError, signalKey } from './page.ts';
import type { ProviderSignal, Signal } from './signal.ts';

const sig = (state: ProviderSignal['state'], extra: Partial<ProviderSignal> = {}): ProviderSignal => ({
  state,
  sites: 4,
  failingSites: 0,
  siteErrorSites: 0,
  okSites: 4,
  healthySites: 4,
  spanMinutes: 3,
  ...extra,
});

describe('page errors', () => {
  it('counts the same error on the same host once, with the latest time', () => {
    const errors: PageError[] = [];
    addPageError(errors, { host: 'a.example', providerId: 'cloudflare', error: 'timeout' }, 10);
    addPageError(errors, { host: 'a.example', providerId: 'cloudflare', error: 'timeout' }, 30);
    addPageError(errors, { host: 'a.example', providerId: 'cloudflare', error: 'refused' }, 20);
    addPageError(errors, { host: 'b.example', providerId: 'cloudflare', error: 'timeout' }, 25);
    expect(errors).toEqual([
      { host: 'a.example', providerId: 'cloudflare', error: 'timeout', n: 2, at: 30 },
      { host: 'a.example', providerId: 'cloudflare', error: 'refused', n: 1, at: 20 },
      { host: 'b.example', providerId: 'cloudflare', error: 'timeout', n: 1, at: 25 },
    ]);
  });

  it('keeps at most MAX_PAGE_ERRORS entries, forgetting the least recently seen', () => {
    const errors: PageError[] = [];
    for (let i = 0; i < MAX_PAGE_ERRORS + 5; i++)
      addPageError(errors, { host: `h${i}.example`, status: 502 }, i);
    expect(errors).toHaveLength(MAX_PAGE_ERRORS);
    expect(errors.map((e) => e.host)).not.toContain('h4.example');
    expect(errors.map((e) => e.host)).toContain('h5.example');
    expect(errors.map((e) => e.host)).toContain(`h${MAX_PAGE_ERRORS + 4}.example`);
  });
});

describe('observedPage', () => {
  const signal: Signal = {
    local: 'ok',
    perProvider: {
      cloudflare: sig('failing_here', { failingSites: 4, okSites: 0, healthySites: 0 }),
      akamai: sig('ok'),
    },
  };

  it('keeps the page’s providers only, and the errors most recent first', () => {
    const errors: PageError[] = [
      { host: 'a.example', status: 502, n: 1, at: 10 },
      { host: 'b.example', status: 503, n: 1, at: 30 },
    ];
    const page = observedPage(signal, ['cloudflare', 'fastly'], errors);
    expect(Object.keys(page.providers)).toEqual(['cloudflare']);
    expect(page.errors.map((e) => e.host)).toEqual(['b.example', 'a.example']);
    expect(page.local).toBe('ok');
  });

  it('signalKey changes with the states and the quoted counts, not with providers merely appearing', () => {
    const base = signalKey(signal);
    expect(signalKey({ ...signal, perProvider: { ...signal.perProvider, fastly: sig('ok') } })).toBe(base);
    // The badge tooltip quotes a failing provider's counts: they must re-badge the tabs.
    expect(
      signalKey({
        ...signal,
        perProvider: {
          ...signal.perProvider,
          cloudflare: sig('failing_here', { failingSites: 5, okSites: 0, healthySites: 0 }),
        },
      }),
    ).not.toBe(base);
    expect(signalKey({ ...signal, perProvider: { ...signal.perProvider, cloudflare: sig('ok') } })).not.toBe(
      base,
    );
    expect(signalKey({ ...signal, local: 'connection_problem' })).not.toBe(base);
    // A site problem turning into "other sites work here" changes the verdict (site vs unknown).
    const lonely = {
      ...signal,
      perProvider: { fastly: sig('site_problem', { failingSites: 1, okSites: 0, healthySites: 0 }) },
    };
    const compared = {
      ...signal,
      perProvider: { fastly: sig('site_problem', { failingSites: 1, okSites: 2, healthySites: 2 }) },
    };
    expect(signalKey(lonely)).not.toBe(signalKey(compared));
  });
});
