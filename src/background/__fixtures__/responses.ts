import type { ObservedResponse } from '../observed.ts';

/** Headers of a response Cloudflare served from `pop` (its `cf-ray` ends with the PoP). */
export const cloudflareHeaders = (pop = 'CDG') => [
  { name: 'server', value: 'cloudflare' },
  { name: 'cf-ray', value: `8c9a1b2c3d4e5f6a-${pop}` },
];

/** A tab's top-level document, 200 from Cloudflare (CDG) at one of its addresses. */
export const cloudflareDocument = (
  tabId: number,
  url: string,
  extra: Partial<ObservedResponse> = {},
): ObservedResponse => ({
  tabId,
  url,
  type: 'main_frame',
  statusCode: 200,
  ip: '104.16.1.1',
  responseHeaders: cloudflareHeaders(),
  ...extra,
});
