import type { FeedSource } from './types.ts';

/**
 * Status pages shared by several catalog entries: the products of one company or network read the
 * same page (Cloudflare R2 → Cloudflare, S3 → AWS…). Entries with a page of their own carry it
 * inline. Sources come from shared/reference/status-sources.md §2 (tags CONFIRMED / LIKELY there)
 * and its stts page-id list. `api` overrides the machine-readable endpoint where it is not derived
 * from `url` (see status/feeds.ts `endpointsOf`).
 */

export const statuspage = (url: string): FeedSource => ({ kind: 'statuspage', url });

/** CONFIRMED, page yh6f0r4529hb. */
export const CLOUDFLARE = statuspage('https://www.cloudflarestatus.com');
/** LIKELY (clients poll its /api/v2). */
export const AKAMAI = statuspage('https://www.akamaistatus.com');
/** CONFIRMED. */
export const AWS: FeedSource = { kind: 'aws', url: 'https://health.aws.amazon.com/health/status' };
/** CONFIRMED. */
export const GCP: FeedSource = { kind: 'gcp', url: 'https://status.cloud.google.com' };
/** CONFIRMED (RSS only; only widespread incidents are posted). */
export const AZURE: FeedSource = {
  kind: 'rss',
  url: 'https://azure.status.microsoft/en-us/status',
  api: 'https://rssfeed.azure.status.microsoft/en-us/status/feed/',
};
/** CONFIRMED. */
export const GITHUB = statuspage('https://www.githubstatus.com');
/** CONFIRMED. */
export const VERCEL = statuspage('https://www.vercel-status.com');
/** CONFIRMED. */
export const NETLIFY = statuspage('https://www.netlifystatus.com');
/** CONFIRMED. */
export const BUNNY = statuspage('https://status.bunny.net');
/** CONFIRMED. */
export const DIGITALOCEAN = statuspage('https://status.digitalocean.com');
/** CONFIRMED. */
export const SHOPIFY = statuspage('https://www.shopifystatus.com');
/** LIKELY (F5 Distributed Cloud). */
export const F5 = statuspage('https://www.f5cloudstatus.com');
/** Oracle Cloud: summary.json fails there, components.json answers (aggregate only). LIKELY. */
export const OCI: FeedSource = {
  kind: 'statuspage',
  url: 'https://ocistatus.oraclecloud.com',
  api: 'https://ocistatus.oraclecloud.com/api/v2/components.json',
};
