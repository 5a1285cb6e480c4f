import { describe, expect, it } from 'vitest';
import { recordOf, SHOP_RESPONSES } from './__fixtures__/pages.ts';
import { providersOf, providersOfPages } from './providers.ts';
import { MAX_HOSTS } from './record.ts';

describe('providersOf', () => {
  it('lists every provider a page saw, each once', () => {
    const shop = recordOf(3, 'https://www.maple-shop.com/', [...SHOP_RESPONSES, ...SHOP_RESPONSES.slice(1)]);
    expect(providersOf(shop).sort()).toEqual(['cloudflare', 'fastly', 'jsdelivr', 'stripe']);
  });

  it('includes the providers of hosts beyond the per-page cap', () => {
    const many = Array.from({ length: MAX_HOSTS }, (_, i) => ({
      url: `https://img${i}.maple-shop.com/a.png`,
      type: 'image',
    }));
    const page = recordOf(3, 'https://www.maple-shop.com/', [
      ...many,
      {
        url: 'https://d1234.cloudfront.net/x.png',
        type: 'image',
        headers: [{ name: 'x-amz-cf-pop', value: 'CDG50-C1' }],
        ip: '13.32.1.1',
      },
    ]);
    expect(Object.keys(page.hosts)).not.toContain('d1234.cloudfront.net');
    expect(providersOf(page)).toEqual(['cloudfront']);
  });

  it('a tab without a record, or a page that answered nothing yet, has none', () => {
    expect(providersOf(undefined)).toEqual([]);
    expect(providersOf(recordOf(3, 'https://www.maple-shop.com/', []))).toEqual([]);
  });

  it('the open tabs’ providers, each once', () => {
    const shop = recordOf(1, 'https://www.maple-shop.com/', SHOP_RESPONSES);
    const blog = recordOf(2, 'https://www.daily-ledger.com/', [
      {
        url: 'https://www.daily-ledger.com/',
        type: 'main_frame',
        headers: [{ name: 'cf-ray', value: '8c9a1b2c3d4e5f6b-AMS' }],
        ip: '104.16.1.1',
      },
    ]);
    expect([...providersOfPages([shop, blog, undefined])].sort()).toEqual([
      'cloudflare',
      'fastly',
      'jsdelivr',
      'stripe',
    ]);
  });
});
