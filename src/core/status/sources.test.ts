import { describe, expect, it } from 'vitest';
import { providerById } from '../catalog/index.ts';
import { FEED_KINDS } from '../catalog/types.ts';
import { endpointsOf } from './feeds.ts';
import { NO_STATUS_PAGE, STATUS_SOURCES } from './sources.ts';

describe('STATUS_SOURCES', () => {
  const entries = Object.entries(STATUS_SOURCES);

  it('has https URLs without a trailing slash and known kinds', () => {
    for (const [id, source] of entries) {
      expect(FEED_KINDS, id).toContain(source.kind);
      expect(source.url, id).toMatch(/^https:\/\/[a-z0-9.-]+(\/[^\s]*)?$/);
      expect(source.url.endsWith('/'), id).toBe(false);
      if (source.api !== undefined) expect(source.api, id).toMatch(/^https:\/\//);
    }
  });

  it('gives every endpoint an https URL; RSS and Status.io sources carry their feed URL', () => {
    for (const [id, source] of entries) {
      const { cheap, detail } = endpointsOf(source);
      expect(detail, id).toMatch(/^https:\/\//);
      if (cheap !== undefined) expect(cheap, id).toMatch(/^https:\/\/.+\/api\/v2\/status\.json$/);
      if (source.kind === 'rss' || source.kind === 'statusio') expect(source.api, id).toBeDefined();
    }
  });

  it('uses catalog ids (or documented reference-only ones)', () => {
    for (const id of Object.keys(STATUS_SOURCES)) {
      expect(providerById.has(id), id).toBe(true);
    }
  });

  it('maps the main providers to their confirmed sources', () => {
    expect(endpointsOf(STATUS_SOURCES.cloudflare!)).toEqual({
      cheap: 'https://www.cloudflarestatus.com/api/v2/status.json',
      detail: 'https://www.cloudflarestatus.com/api/v2/summary.json',
    });
    expect(STATUS_SOURCES.fastly).toEqual({
      kind: 'rss',
      url: 'https://www.fastlystatus.com',
      api: 'https://www.fastlystatus.com/rss/',
    });
    expect(endpointsOf(STATUS_SOURCES.cloudfront!).detail).toBe(
      'https://health.aws.amazon.com/public/currentevents',
    );
    expect(STATUS_SOURCES.s3).toBe(STATUS_SOURCES.aws);
    expect(endpointsOf(STATUS_SOURCES.recaptcha!).detail).toBe(
      'https://status.cloud.google.com/incidents.json',
    );
    expect(STATUS_SOURCES['google-fonts']?.kind).toBe('gcp');
    expect(STATUS_SOURCES['azure-fd']?.api).toBe('https://rssfeed.azure.status.microsoft/en-us/status/feed/');
    expect(STATUS_SOURCES['github-pages']?.url).toBe('https://www.githubstatus.com');
    expect(endpointsOf(STATUS_SOURCES.heroku!).detail).toBe(
      'https://status.heroku.com/api/v4/current-status',
    );
    expect(endpointsOf(STATUS_SOURCES.stripe!).detail).toBe('https://status.stripe.com/current');
    expect(endpointsOf(STATUS_SOURCES.paypal!).detail).toBe(
      'https://www.paypal-status.com/api/v1/components',
    );
    expect(endpointsOf(STATUS_SOURCES.intercom!).detail).toBe(
      'https://www.intercomstatus.com/api/v1/summary',
    );
    expect(endpointsOf(STATUS_SOURCES['gitlab-pages']!).detail).toBe(
      'https://api.status.io/1.0/status/5b36dc6502d06804c08349f7',
    );
    expect(endpointsOf(STATUS_SOURCES['oracle-cloud']!)).toEqual({
      cheap: 'https://ocistatus.oraclecloud.com/api/v2/status.json',
      detail: 'https://ocistatus.oraclecloud.com/api/v2/components.json',
    });
    for (const id of [
      'vercel',
      'netlify',
      'bunny',
      'digitalocean',
      'linode',
      'shopify',
      'sentry',
      'datadog',
      'akamai',
      'imperva',
      'sucuri',
      'f5',
    ]) {
      expect(STATUS_SOURCES[id]?.kind, id).toBe('statuspage');
    }
  });
});

describe('NO_STATUS_PAGE', () => {
  it('lists providers that have no source, without duplicates', () => {
    expect(new Set(NO_STATUS_PAGE).size).toBe(NO_STATUS_PAGE.length);
    for (const id of NO_STATUS_PAGE) expect(STATUS_SOURCES[id], id).toBeUndefined();
    expect(NO_STATUS_PAGE).toContain('okta');
    expect(NO_STATUS_PAGE).toContain('stackpath');
  });
});
