import type { Category, Provider, Role } from '../../core/catalog/types.ts';
import type { Detection, ResourceKind } from '../../core/detect/types.ts';
import { addResponse, newPage, type PageRecord } from '../../core/page/record.ts';
import { pageView } from '../../core/page/view.ts';
import { verdictOf } from '../../core/verdict/verdict.ts';
import type { PageState } from '../../messages.ts';

/*
 * Test data built with the real record and view code (newPage → addResponse → pageView), over a
 * small hand-written catalog so the popup tests do not move when the real catalog grows.
 */

function provider(id: string, name: string, category: Category, role: Role): Provider {
  return {
    id,
    name,
    company: id,
    category,
    role,
    homepage: `https://${id}.test`,
    description: `${name} (test)`,
  };
}

export const TEST_PROVIDERS: ReadonlyMap<string, Provider> = new Map(
  [
    provider('cloudflare', 'Cloudflare', 'cdn', 'edge'),
    provider('fastly', 'Fastly', 'cdn', 'edge'),
    provider('cloudfront', 'Amazon CloudFront', 'cdn', 'edge'),
    provider('render', 'Render', 'hosting', 'origin'),
    provider('vercel', 'Vercel', 'hosting', 'edge'),
    provider('aws-s3', 'Amazon S3', 'storage', 'origin'),
    provider('stripe', 'Stripe', 'service', 'service'),
  ].map((p) => [p.id, p]),
);

const T0 = 1_700_000_000_000;

interface Hit {
  url: string;
  kind: ResourceKind;
  ip?: string;
  main?: boolean;
  detections?: Detection[];
}

function record(tabId: number, url: string, hits: readonly Hit[]): PageRecord {
  const host = new URL(url).hostname;
  const page = newPage(tabId, url, host, T0);
  hits.forEach((h, i) => {
    addResponse(
      page,
      {
        url: h.url,
        host: new URL(h.url).hostname,
        kind: h.kind,
        status: 200,
        ip: h.ip,
        mainDocument: h.main,
      },
      h.detections ?? [],
      T0 + i,
    );
  });
  return page;
}

/**
 * A page state with its verdict worked out by the real code from what it holds; call again after
 * changing its page, statuses or observations.
 */
export function judged(state: PageState): PageState {
  if (state.kind !== 'page') return state;
  return { ...state, verdict: verdictOf(state) };
}

function state(page: PageRecord): PageState {
  const view = pageView(page, TEST_PROVIDERS);
  return { kind: 'page', page: view, verdict: verdictOf({ page: view }) };
}

const cloudflare = (pop: string, ray: string): Detection => ({
  providerId: 'cloudflare',
  role: 'edge',
  pop,
  evidence: [
    { kind: 'header', name: 'cf-ray', value: ray },
    { kind: 'ip', ip: '104.16.1.1', range: '104.16.0.0/13' },
  ],
});
const render: Detection = {
  providerId: 'render',
  role: 'origin',
  evidence: [{ kind: 'header', name: 'x-render-origin-server', value: 'Render' }],
};
const fastly: Detection = {
  providerId: 'fastly',
  role: 'edge',
  pop: 'XYZ',
  evidence: [{ kind: 'host', host: 'shop.global.ssl.fastly.net', suffix: 'fastly.net' }],
};
const s3: Detection = {
  providerId: 'aws-s3',
  role: 'origin',
  evidence: [{ kind: 'header', name: 'x-amz-request-id', value: 'TX1' }],
};
const stripe: Detection = {
  providerId: 'stripe',
  role: 'service',
  evidence: [{ kind: 'host', host: 'js.stripe.com', suffix: 'stripe.com' }],
};

/**
 * shop.example: document on Cloudflare (CDG) in front of Render; scripts on Cloudflare (FRA) and
 * Fastly (unknown PoP XYZ); images on S3; Stripe script + API calls; one tracker host with no
 * evidence; one response answered by a service worker (no IP, no evidence).
 */
export function shopPage(tabId = 7): PageState {
  return state(
    record(tabId, 'https://shop.example/', [
      {
        url: 'https://shop.example/',
        kind: 'document',
        ip: '104.16.1.1',
        main: true,
        detections: [cloudflare('CDG', '8f1a2b3c4d5e6f70-CDG'), render],
      },
      {
        url: 'https://static.shop.example/app.js',
        kind: 'script',
        ip: '104.16.1.1',
        detections: [cloudflare('FRA', '8f1a2b3c4d5e6f71-FRA')],
      },
      {
        url: 'https://static.shop.example/vendor.js',
        kind: 'script',
        ip: '104.16.1.1',
        detections: [cloudflare('FRA', '8f1a2b3c4d5e6f72-FRA')],
      },
      {
        url: 'https://shop.global.ssl.fastly.net/lib.js',
        kind: 'script',
        ip: '151.101.1.1',
        detections: [fastly],
      },
      { url: 'https://assets.s3.amazonaws.com/a.png', kind: 'image', ip: '52.216.1.1', detections: [s3] },
      { url: 'https://assets.s3.amazonaws.com/b.png', kind: 'image', ip: '52.216.1.1', detections: [s3] },
      { url: 'https://js.stripe.com/v3/', kind: 'script', ip: '54.1.1.1', detections: [stripe] },
      { url: 'https://js.stripe.com/v3/m', kind: 'xhr', ip: '54.1.1.1', detections: [stripe] },
      { url: 'https://js.stripe.com/v3/n', kind: 'xhr', ip: '54.1.1.1', detections: [stripe] },
      { url: 'https://tracker.example/p.gif', kind: 'image', ip: '203.0.113.9' },
      { url: 'https://shop.example/sw-cached.css', kind: 'stylesheet' },
    ]),
  );
}

/** A page whose main document comes from a hosting platform, with a CDN only for scripts. */
export function vercelPage(tabId = 8): PageState {
  const vercel: Detection = {
    providerId: 'vercel',
    role: 'edge',
    pop: 'cdg1',
    evidence: [{ kind: 'header', name: 'x-vercel-id', value: 'cdg1::abc' }],
  };
  const cloudfront: Detection = {
    providerId: 'cloudfront',
    role: 'edge',
    pop: 'LHR',
    evidence: [{ kind: 'header', name: 'x-amz-cf-pop', value: 'LHR61-P1' }],
  };
  return state(
    record(tabId, 'https://app.example/', [
      { url: 'https://app.example/', kind: 'document', ip: '76.76.21.21', main: true, detections: [vercel] },
      { url: 'https://d1.cloudfront.net/a.js', kind: 'script', ip: '13.32.1.1', detections: [cloudfront] },
      { url: 'https://d1.cloudfront.net/b.js', kind: 'script', ip: '13.32.1.1', detections: [cloudfront] },
    ]),
  );
}

/** Requests recorded, no provider evidence at all; two responses answered by a service worker. */
export function unknownPage(tabId = 9): PageState {
  return state(
    record(tabId, 'https://plain.example/', [
      { url: 'https://plain.example/', kind: 'document', ip: '192.0.2.10', main: true },
      { url: 'https://plain.example/app.js', kind: 'script', ip: '192.0.2.10' },
      { url: 'https://cdn.plain.example/x.js', kind: 'script', ip: '192.0.2.11' },
      { url: 'https://sw.plain.example/a.json', kind: 'xhr' },
      { url: 'https://sw.plain.example/b.json', kind: 'xhr' },
    ]),
  );
}

/** More hosts than the record keeps in detail: 150 detailed, `extra` only counted. */
export function crowdedPage(extra: number, tabId = 10): PageState {
  const hits: Hit[] = [
    {
      url: 'https://big.example/',
      kind: 'document',
      ip: '104.16.1.1',
      main: true,
      detections: [cloudflare('CDG', 'r')],
    },
  ];
  for (let i = 1; i < 150 + extra; i++)
    hits.push({ url: `https://h${i}.big.example/x.js`, kind: 'script', ip: '192.0.2.1' });
  return state(record(tabId, 'https://big.example/', hits));
}
