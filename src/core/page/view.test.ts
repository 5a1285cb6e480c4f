import { describe, expect, it } from 'vitest';
import { providerById } from '../catalog/index.ts';
import type { Detection } from '../detect/types.ts';
import { addResponse, newPage } from './record.ts';
import { pageView } from './view.ts';

const fastly: Detection = {
  providerId: 'fastly',
  role: 'edge',
  pop: 'FRA',
  evidence: [{ kind: 'header', name: 'x-served-by', value: 'cache-fra-etou8220141-FRA' }],
};
const cf: Detection = {
  providerId: 'cloudflare',
  role: 'edge',
  pop: 'CDG',
  evidence: [{ kind: 'header', name: 'cf-ray', value: '8c9a1b2c3d4e5f6a-CDG' }],
};

describe('page view', () => {
  it('lists the main-document provider first, with kinds, PoP places, hosts and evidence', () => {
    const page = newPage(3, 'https://www.maple-shop.com/', 'www.maple-shop.com', 0);
    // More Fastly requests than Cloudflare ones: the document still wins the first place.
    for (let i = 0; i < 5; i++) {
      addResponse(
        page,
        { url: 'https://fastly.jsdelivr.net/a.js', host: 'fastly.jsdelivr.net', kind: 'script', status: 200 },
        [fastly],
        i,
      );
    }
    addResponse(
      page,
      {
        url: 'https://www.maple-shop.com/',
        host: 'www.maple-shop.com',
        kind: 'document',
        status: 200,
        mainDocument: true,
      },
      [cf],
      9,
    );
    const view = pageView(page, providerById);
    expect(view.providers.map((p) => p.id)).toEqual(['cloudflare', 'fastly']);
    const [first, second] = view.providers;
    expect(first!.document).toBe(true);
    expect(first!.pops).toEqual([{ code: 'CDG', city: 'Paris', country: 'FR' }]);
    expect(first!.evidence[0]).toEqual({ host: 'www.maple-shop.com', evidence: cf.evidence[0] });
    expect(second!.kinds).toEqual({ script: 5 });
    expect(second!.hosts).toEqual(['fastly.jsdelivr.net']);
    expect(view.hostCount).toBe(2);
    expect(view.unattributedHosts).toEqual([]);
  });

  it('reports hosts with no provider and unknown responses separately', () => {
    const page = newPage(3, 'https://plain.example/', 'plain.example', 0);
    addResponse(
      page,
      {
        url: 'https://plain.example/',
        host: 'plain.example',
        kind: 'document',
        status: 200,
        ip: '192.0.2.1',
      },
      [],
      0,
    );
    addResponse(
      page,
      { url: 'https://plain.example/sw', host: 'plain.example', kind: 'xhr', status: 200 },
      [],
      1,
    );
    const view = pageView(page, providerById);
    expect(view.providers).toEqual([]);
    expect(view.unattributedHosts).toEqual(['plain.example']);
    expect(view.unknownRequests).toBe(1);
  });
});
