import { providerById } from '../../catalog/index.ts';
import type { Role } from '../../catalog/types.ts';
import { defaultClassifier } from '../../detect/index.ts';
import type { Detection, ResourceKind } from '../../detect/types.ts';
import { kindOf } from '../kinds.ts';
import { addResponse, newPage, type PageRecord } from '../record.ts';
import { type PageView, pageView } from '../view.ts';

/**
 * Test helper: a page view built with the real record and view code from a short description of
 * what each host served and which providers were detected on it. Shared by the tests of every
 * module that reads page views (badge, resilience, background).
 */

export interface Served {
  readonly host: string;
  readonly kind: ResourceKind;
  /** Provider ids detected on each of these responses, with their role. */
  readonly by: readonly (readonly [id: string, role: Role])[];
  readonly n?: number;
  readonly main?: boolean;
  readonly pop?: string;
  readonly ip?: string;
  /** HTTP status of these responses (200 unless told). */
  readonly status?: number;
}

export function buildView(url: string, served: readonly Served[]): PageView {
  const host = new URL(url).hostname;
  const page = newPage(7, url, host, 1_760_000_000_000);
  let now = page.startedAt;
  for (const s of served) {
    const detections: Detection[] = s.by.map(([providerId, role]) => ({
      providerId,
      role,
      ...(s.pop && role === 'edge' ? { pop: s.pop } : {}),
      evidence: [{ kind: 'host', host: s.host, suffix: s.host }],
    }));
    for (let i = 0; i < (s.n ?? 1); i++) {
      now += 10;
      addResponse(
        page,
        {
          url: s.main ? url : `https://${s.host}/r${i}`,
          host: s.host,
          kind: s.kind,
          status: s.status ?? 200,
          ip: s.ip,
          mainDocument: s.main === true,
        },
        detections,
        now,
      );
    }
  }
  return pageView(page, providerById);
}

/** One response as the background's webRequest listener sees it. */
export interface Response {
  readonly url: string;
  /** webRequest's resource type: `main_frame`, `script`, `image`… */
  readonly type: string;
  readonly headers?: readonly { readonly name: string; readonly value: string }[];
  readonly ip?: string;
  readonly status?: number;
}

/**
 * Test helper: the page record the background keeps for a tab after these responses, folded in
 * the way it does (the real classifier on the response's URL, headers and IP).
 */
export function recordOf(
  tabId: number,
  url: string,
  responses: readonly Response[],
  startedAt = 1_760_000_000_000,
): PageRecord {
  const page = newPage(tabId, url, new URL(url).hostname, startedAt);
  const classifier = defaultClassifier();
  let now = startedAt;
  for (const r of responses) {
    now += 10;
    const host = new URL(r.url).hostname;
    const detections = classifier.classify({ url: r.url, headers: r.headers ?? [], ip: r.ip });
    addResponse(
      page,
      {
        url: r.url,
        host,
        kind: kindOf(r.type),
        status: r.status ?? 200,
        ip: r.ip,
        mainDocument: r.type === 'main_frame',
      },
      detections,
      now,
    );
  }
  return page;
}

/** A shop page as a browser loads it: served by Cloudflare (Paris), scripts from jsDelivr on Fastly, Stripe.js. */
export const SHOP_RESPONSES: readonly Response[] = [
  {
    url: 'https://www.maple-shop.com/',
    type: 'main_frame',
    headers: [
      { name: 'server', value: 'cloudflare' },
      { name: 'cf-ray', value: '8c9a1b2c3d4e5f6a-CDG' },
    ],
    ip: '104.16.132.229',
  },
  {
    url: 'https://fastly.jsdelivr.net/npm/preact@10/dist/preact.min.js',
    type: 'script',
    headers: [
      { name: 'x-served-by', value: 'cache-fra-etou8220141-FRA' },
      { name: 'via', value: '1.1 varnish' },
    ],
    ip: '151.101.1.229',
  },
  {
    url: 'https://js.stripe.com/v3/',
    type: 'script',
    headers: [{ name: 'server', value: 'nginx' }],
    // A documentation address: Stripe's real ones are AWS's, which would add AWS to the page.
    ip: '198.51.100.72',
  },
];
