import { randomBytes } from 'node:crypto';

/**
 * Response headers as real CDNs send them (formats from fingerprints.md sections 1, 2 and 10).
 * An edge profile is a function: every response gets fresh per-request ids.
 */
export type HeaderSet = Record<string, string>;
export type EdgeProfile = () => HeaderSet;

const hex = (bytes: number): string => randomBytes(bytes).toString('hex');

/** Cloudflare: `cf-ray: <16 hex>-<IATA>`, `server: cloudflare`, `cf-cache-status`. */
export function cloudflare(pop: string, cacheStatus = 'HIT'): EdgeProfile {
  return () => ({
    server: 'cloudflare',
    'cf-ray': `${hex(8)}-${pop}`,
    'cf-cache-status': cacheStatus,
  });
}

/**
 * Fastly: `x-served-by` lists the cache nodes (with shielding the shield first, the delivery
 * node last), plus `x-timer`, `x-cache`, `via: 1.1 varnish`, `x-fastly-request-id`.
 */
export function fastly(servedBy: readonly string[]): EdgeProfile {
  return () => {
    const now = Date.now() / 1000;
    return {
      'x-served-by': servedBy.join(', '),
      'x-cache': servedBy.map(() => 'HIT').join(', '),
      'x-cache-hits': servedBy.map(() => '1').join(', '),
      'x-timer': `S${now.toFixed(6)},VS0,VE${1 + Math.floor(Math.random() * 20)}`,
      via: '1.1 varnish',
      'x-fastly-request-id': hex(20),
    };
  };
}

/** Amazon CloudFront: `x-amz-cf-pop: CDG50-P2`, `x-amz-cf-id: <base64>==`, `via`, `x-cache`. */
export function cloudfront(pop: string): EdgeProfile {
  return () => ({
    'x-cache': 'Hit from cloudfront',
    via: `1.1 ${hex(16)}.cloudfront.net (CloudFront)`,
    'x-amz-cf-pop': pop,
    'x-amz-cf-id': `${randomBytes(40).toString('base64').replace(/=+$/, '').slice(0, 54)}==`,
  });
}

/** Akamai: `server: AkamaiGHost`, `akamai-grn`, `x-akamai-transformed`; no PoP header. */
export function akamai(): EdgeProfile {
  return () => ({
    server: 'AkamaiGHost',
    'akamai-grn': `0.${hex(4)}.${Math.floor(Date.now() / 1000)}.${hex(3)}`,
    'x-akamai-transformed': '9 - 0 pmb=mRUM,1',
  });
}

// ---------------------------------------------------------------------------------------------
// Origin platforms. Their headers pass through the edge in front of them (fingerprints.md §1.1).

/** A 26-character ULID (Crockford base32), as Fly.io request ids start. */
function ulid(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return [...randomBytes(26)].map((b) => alphabet[b % 32]).join('');
}

/** Render: `rndr-id` (8-4-4 hex) and `x-render-origin-server` naming the app's own server. */
export function render(originServer: string): EdgeProfile {
  return () => ({
    'rndr-id': `${hex(4)}-${hex(2)}-${hex(2)}`,
    'x-render-origin-server': originServer,
  });
}

/** Fly.io: `fly-request-id: <ULID>-<region>` (lower-case region) and `via: 1.1 fly.io`. */
export function fly(region: string): EdgeProfile {
  return () => ({
    'fly-request-id': `${ulid()}-${region.toLowerCase()}`,
    via: '1.1 fly.io',
  });
}

/** Amazon S3 (a static website bucket): `server: AmazonS3`, `x-amz-request-id`, `x-amz-id-2`. */
export function s3(): EdgeProfile {
  return () => ({
    server: 'AmazonS3',
    'x-amz-request-id': hex(8).toUpperCase(),
    'x-amz-id-2': randomBytes(57).toString('base64'),
  });
}

/**
 * GitHub Pages as its origin answers: `server: GitHub.com`, `x-github-request-id` (five
 * colon-separated hex groups), and the generic `via: 1.1 varnish` / `x-cache: HIT` of its cache.
 * GitHub Pages is delivered through Fastly: stack it under `fastly(...)` for the real thing.
 */
export function githubPages(): EdgeProfile {
  return () => ({
    server: 'GitHub.com',
    'x-github-request-id': [hex(2), hex(3), hex(3), hex(3), hex(4)].join(':').toUpperCase(),
    via: '1.1 varnish',
    'x-cache': 'HIT',
  });
}

/**
 * An edge in front of an origin: the origin's headers pass through, the edge's own headers are
 * added and win where both set one (Cloudflare overwrites `server`, CloudFront its `via`…).
 */
export function stacked(origin: EdgeProfile, edge: EdgeProfile): EdgeProfile {
  return () => ({ ...origin(), ...edge() });
}

/**
 * A plain origin with the generic headers that look like a CDN and are not one (a local Varnish
 * and a load balancer naming its backend): must not be mistaken for any provider.
 */
export function plainOrigin(): EdgeProfile {
  return () => ({
    server: 'nginx',
    'x-cache': 'HIT',
    via: '1.1 varnish',
    'x-served-by': 'web-02',
  });
}

/** The lab's own front page: nothing provider-like at all. */
export function none(): EdgeProfile {
  return () => ({ server: 'faultline-lab' });
}
