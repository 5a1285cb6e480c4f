import { describe, expect, it } from 'vitest';
import { buildView } from '../page/__fixtures__/pages.ts';
import {
  MAX_WATCHED,
  parseWatched,
  unwatch,
  watch,
  watchedOf,
  watchedPage,
  watchedProviders,
} from './watch.ts';

const T0 = 1_760_000_000_000;
const shop = buildView('https://www.maple-shop.com/', [
  { host: 'www.maple-shop.com', kind: 'document', main: true, by: [['cloudflare', 'edge']], pop: 'CDG' },
  { host: 'fastly.jsdelivr.net', kind: 'script', by: [['fastly', 'edge']], n: 3 },
]);

describe('watched sites', () => {
  it('remembers the site with its providers (no evidence), their PoPs and hosts', () => {
    const site = watchedOf(shop, [], T0);
    expect(site.host).toBe('www.maple-shop.com');
    expect(site.providers.map((p) => [p.id, p.pops.map((x) => x.code), p.evidence.length])).toEqual([
      ['cloudflare', ['CDG'], 0],
      ['fastly', [], 0],
    ]);
    expect([...watchedProviders([site])]).toEqual(['cloudflare', 'fastly']);
    expect(watchedPage(site).providers).toBe(site.providers);
    // Stored and read back as it was.
    expect(parseWatched(JSON.parse(JSON.stringify([site])))).toEqual([site]);
  });

  it(`watching again replaces; at most ${MAX_WATCHED}, the oldest forgotten; unwatch`, () => {
    let list = Array.from({ length: MAX_WATCHED }, (_, i) => ({
      ...watchedOf(shop, [], T0 + i),
      host: `s${i}.example`,
    }));
    list = watch(list, watchedOf(shop, [], T0 + 1000));
    expect(list).toHaveLength(MAX_WATCHED);
    expect(list[0]?.host).toBe('s1.example');
    list = watch(list, watchedOf(shop, [], T0 + 2000));
    expect(list.filter((s) => s.host === 'www.maple-shop.com')).toHaveLength(1);
    expect(unwatch(list, 'www.maple-shop.com')).toHaveLength(MAX_WATCHED - 1);
    expect(parseWatched([{ host: 1 }, 'x'])).toEqual([]);
  });
});
