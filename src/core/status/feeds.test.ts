import { describe, expect, it } from 'vitest';
import { STATUS_SOURCES } from '../catalog/index.ts';
import { endpointsOf } from './feeds.ts';

describe('endpoints of the catalog’s status sources', () => {
  const entries = Object.entries(STATUS_SOURCES);

  it('gives every endpoint an https URL; RSS and Status.io sources carry their feed URL', () => {
    for (const [id, source] of entries) {
      const { cheap, detail } = endpointsOf(source);
      expect(detail, id).toMatch(/^https:\/\//);
      if (cheap !== undefined) expect(cheap, id).toMatch(/^https:\/\/.+\/api\/v2\/status\.json$/);
      if (source.kind === 'rss' || source.kind === 'statusio') expect(source.api, id).toBeDefined();
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
    // Google Fonts is on no public dashboard; Maps and Pay have their own in the Google Cloud format.
    expect(STATUS_SOURCES['google-fonts']).toBeUndefined();
    expect(endpointsOf(STATUS_SOURCES['google-maps']!).detail).toBe(
      'https://status.cloud.google.com/maps-platform/incidents.json',
    );
    expect(endpointsOf(STATUS_SOURCES['google-pay']!).detail).toBe(
      'https://pay.google.com/status/incidents.json',
    );
    expect(STATUS_SOURCES['azure-fd']?.listsCurrent).toBe(true);
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
