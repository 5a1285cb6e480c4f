import type { FeedSource } from '../catalog/types.ts';

/**
 * The endpoints of a status source (feed kinds and sources are catalog data: catalog/types.ts).
 */

export interface Endpoints {
  /** A small roll-up polled often (Statuspage `status.json`, ≈250 B), when the kind has one. */
  readonly cheap?: string | undefined;
  /** The detailed feed, fetched when the cheap one changed or a popup needs details. */
  readonly detail: string;
}

function trimSlash(url: string): string {
  return url.endsWith('/') ? url.slice(0, -1) : url;
}

/**
 * The origins a source's feeds may be fetched from: those of its endpoints, as the catalog
 * states them. The fetcher refuses any other before a request is made, and never follows a
 * redirect, so a feed can only ever be read from its own catalog address.
 */
export function originsOf(source: FeedSource): readonly string[] {
  const { cheap, detail } = endpointsOf(source);
  const origins = new Set<string>();
  for (const url of [cheap, detail]) {
    if (url === undefined) continue;
    try {
      origins.add(new URL(url).origin);
    } catch {
      // A malformed catalog URL allows nothing (the catalog test rejects it anyway).
    }
  }
  return [...origins];
}

export function endpointsOf(source: FeedSource): Endpoints {
  const base = trimSlash(source.url);
  if (source.api) {
    return source.kind === 'statuspage'
      ? { cheap: `${base}/api/v2/status.json`, detail: source.api }
      : { detail: source.api };
  }
  switch (source.kind) {
    case 'statuspage':
      return { cheap: `${base}/api/v2/status.json`, detail: `${base}/api/v2/summary.json` };
    case 'incidentio':
      return { detail: `${base}/api/v1/summary` };
    case 'instatus':
      return { detail: `${base}/summary.json` };
    case 'gcp':
      return { detail: `${base}/incidents.json` };
    case 'aws':
      return { detail: 'https://health.aws.amazon.com/public/currentevents' };
    case 'heroku':
      return { detail: `${base}/api/v4/current-status` };
    case 'stripe':
      return { detail: `${base}/current` };
    case 'paypal':
      return { detail: `${base}/api/v1/components` };
    case 'statusio':
    case 'rss':
      // These need `api` (the Status.io page id URL, the feed URL).
      return { detail: base };
  }
}
