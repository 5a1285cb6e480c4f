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
