import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { providerById } from '../catalog/index.ts';
import { recordOf, SHOP_RESPONSES } from '../page/__fixtures__/pages.ts';
import { pageView } from '../page/view.ts';
import type { ProviderStatus } from './model.ts';
import { pageStatuses } from './page-statuses.ts';
import { parseFeed } from './parsers/index.ts';

const NOW = Date.parse('2026-09-12T06:00:00Z');
const CF_PAGE = 'https://www.cloudflarestatus.com';

/** Cloudflare's status as the status service keeps it after reading a recorded summary.json. */
function cloudflare(fixture: string): ProviderStatus {
  const body = readFileSync(join(import.meta.dirname, '__fixtures__', 'statuspage', fixture), 'utf8');
  const parsed = parseFeed('statuspage', body, { pageUrl: CF_PAGE, now: NOW });
  if (!parsed.ok) throw new Error(parsed.detail);
  const s = parsed.status;
  return { providerId: 'cloudflare', level: s.level, checkedAt: NOW, okAt: NOW, last: s, pageUrl: CF_PAGE };
}

const shop = pageView(recordOf(3, 'https://www.maple-shop.com/', SHOP_RESPONSES), providerById);

describe('pageStatuses', () => {
  it('reads each provider’s status against the page, for the providers that have one, in page order', () => {
    const fastly: ProviderStatus = {
      providerId: 'fastly',
      level: 'unknown',
      reason: 'not_checked',
      pageUrl: 'https://www.fastlystatus.com',
    };
    const statuses = pageStatuses(shop, (id) =>
      id === 'cloudflare' ? cloudflare('cloudflare-colos.json') : id === 'fastly' ? fastly : undefined,
    );
    expect(shop.providers.map((p) => p.id)).toEqual(['cloudflare', 'fastly', 'jsdelivr', 'stripe']);
    expect(statuses.map((s) => [s.providerId, s.level])).toEqual([
      ['cloudflare', 'major_outage'],
      ['fastly', 'unknown'],
    ]);
    // The page is served from Paris: the scheduled Paris maintenance is this page's, Ashburn's is not.
    const cf = statuses[0]!;
    expect(cf.incidents.map((i) => i.event.title)).toEqual([
      'CDN/Cache: elevated 5xx errors in multiple locations',
    ]);
    expect(cf.maintenances.map((m) => [m.event.title, m.relation])).toEqual([
      ['CDG (Paris) on 2026-09-20', 'pop'],
    ]);
  });

  it('applies the provider’s component filter: a Tunnel incident does not touch a page behind the CDN', () => {
    const tunnel = cloudflare('cloudflare-tunnel.json');
    expect(tunnel.level).toBe('degraded');
    const [cf] = pageStatuses(shop, (id) => (id === 'cloudflare' ? tunnel : undefined));
    expect(cf).toMatchObject({ providerId: 'cloudflare', level: 'operational', incidents: [] });
  });

  it('a page without providers of a status feed has no statuses', () => {
    expect(pageStatuses(shop, () => undefined)).toEqual([]);
  });
});
