import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeedKind } from '../../catalog/types.ts';
import { decodeBody } from '../decode.ts';
import type { ParsedStatus } from '../model.ts';
import { parseFeed } from './index.ts';
import { stripeTime } from './stripe.ts';

const FIX = join(import.meta.dirname, '..', '__fixtures__');
const NOW = Date.parse('2026-09-12T06:00:00Z');

function parse(kind: FeedKind, path: string, pageUrl: string, now = NOW): ParsedStatus {
  const r = parseFeed(kind, readFileSync(join(FIX, path), 'utf8'), { pageUrl, now });
  if (!r.ok) throw new Error(`expected ok, got ${r.detail}`);
  return r.status;
}

describe('AWS currentevents', () => {
  const s = parse('aws', 'aws/currentevents.json', 'https://health.aws.amazon.com/health/status');

  it('keeps only the open event (no end_time) and maps status "3"', () => {
    expect(s.level).toBe('major_outage');
    expect(s.incidents).toHaveLength(1);
    expect(s.incidents[0]).toMatchObject({
      id: 'arn:aws:health:me-central-1::event/MULTIPLE_SERVICES/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE/AWS_MULTIPLE_SERVICES_OPERATIONAL_ISSUE_5E6B8_EF2498889B5',
      title: 'Increased Error Rates',
      impact: 'major_outage',
      active: true,
      startedAt: 1772369485000,
      updatedAt: 1772369485000,
      lastUpdate: 'We are investigating issues with AWS services in the ME-CENTRAL-1 Region.',
      url: 'https://health.aws.amazon.com/health/status',
    });
  });

  it('turns impacted services into region-tagged components at their current level', () => {
    expect(s.incidents[0]?.components).toEqual([
      {
        id: 'signin-me-central-1',
        name: 'AWS Sign-In',
        group: 'UAE',
        pop: 'ME-CENTRAL-1',
        level: 'major_outage',
      },
      {
        id: 'bedrock-me-central-1',
        name: 'Amazon Bedrock',
        group: 'UAE',
        pop: 'ME-CENTRAL-1',
        level: 'major_outage',
      },
    ]);
    expect(s.components.map((c) => [c.id, c.level])).toEqual([
      ['signin-me-central-1', 'major_outage'],
      ['bedrock-me-central-1', 'major_outage'],
    ]);
  });

  it('accepts numbers where strings are usual, and maps 1 and 2', () => {
    const body = JSON.stringify([
      {
        date: 1788472198,
        arn: 'arn:aws:health:us-east-1::event/A',
        status: 2,
        summary: 'Elevated latency',
        event_log: [],
      },
      {
        date: '1788472198',
        arn: 'arn:aws:health:eu-west-1::event/B',
        status: '1',
        summary: 'Informational',
        impacted_services: {},
      },
      {
        date: '1788472198',
        arn: 'arn:aws:health:eu-west-1::event/C',
        status: '0',
        summary: 'Closed without end_time',
      },
      {
        date: '1788472198',
        arn: 'arn:aws:health:eu-west-1::event/D',
        status: '9',
        summary: 'New status value',
      },
    ]);
    const r = parseFeed('aws', body, { pageUrl: 'https://health.aws.amazon.com/health/status', now: NOW });
    expect(r.ok && r.status.incidents.map((e) => [e.id.slice(-1), e.impact])).toEqual([
      ['A', 'degraded'],
      ['B', 'operational'],
      ['D', 'degraded'],
    ]);
    expect(r.ok && r.status.level).toBe('degraded');
  });

  it('an empty list is operational', () => {
    const r = parseFeed('aws', '[]', { pageUrl: 'https://health.aws.amazon.com/health/status', now: NOW });
    expect(r).toEqual({
      ok: true,
      status: { level: 'operational', components: [], incidents: [], maintenances: [] },
    });
  });
});

describe('Google Cloud incidents.json', () => {
  const s = parse('gcp', 'gcp/incidents.json', 'https://status.cloud.google.com');

  it('keeps open incidents (no end) and drops the closed real one', () => {
    expect(s.incidents.map((e) => e.id)).toEqual(['oPeN1nc1dentCdnLb001', 'oPeN1nc1dentFonts002']);
    expect(s.level).toBe('major_outage');
  });

  it('maps impact, link, text and products', () => {
    const [cdn, console] = s.incidents;
    expect(cdn).toMatchObject({
      title: 'Cloud CDN and Cloud Load Balancing: elevated 502 errors in europe-west3',
      impact: 'major_outage',
      startedAt: Date.parse('2026-09-12T03:10:00+00:00'),
      updatedAt: Date.parse('2026-09-12T05:05:00+00:00'),
      url: 'https://status.cloud.google.com/incidents/oPeN1nc1dentCdnLb001',
    });
    expect(cdn?.lastUpdate).toContain('We are experiencing an issue with Cloud CDN.');
    expect(cdn?.components).toContainEqual({
      id: 'europe-west3',
      name: 'Frankfurt (europe-west3)',
      group: 'Location',
      pop: 'EUROPE-WEST3',
      place: true,
    });
    expect(console?.impact).toBe('degraded');
    // No component list: a product's state is its incidents', with their locations.
    expect(s.components).toEqual([]);
  });

  it('the real closed-only sample is operational', () => {
    const first = JSON.parse(readFileSync(join(FIX, 'gcp/incidents.json'), 'utf8'))[0];
    const r = parseFeed('gcp', JSON.stringify([first]), {
      pageUrl: 'https://status.cloud.google.com',
      now: NOW,
    });
    expect(r).toEqual({
      ok: true,
      status: { level: 'operational', components: [], incidents: [], maintenances: [] },
    });
  });
});

describe('Instatus summary.json', () => {
  it('reads the real page with only a page object', () => {
    const s = parse('instatus', 'instatus/perplexity-summary.json', 'https://status.perplexity.com');
    expect(s).toEqual({ level: 'operational', components: [], incidents: [], maintenances: [] });
  });

  it('reads incidents and maintenances', () => {
    const s = parse('instatus', 'instatus/issues-summary.json', 'https://status.railway.app');
    expect(s.level).toBe('major_outage');
    expect(s.incidents.map((e) => [e.id, e.impact, e.url])).toEqual([
      ['cm0abc123', 'major_outage', 'https://status.railway.app/incident/cm0abc123'],
      ['cm0abc124', 'degraded', 'https://status.railway.app'],
    ]);
    expect(s.maintenances.map((m) => [m.id, m.active, m.scheduledUntil])).toEqual([
      ['mnt001', true, Date.parse('2026-09-12T06:30:00.000Z')],
      ['mnt002', false, Date.parse('2026-09-15T03:00:00.000Z')],
    ]);
  });
});

describe('incident.io summary', () => {
  const s = parse('incidentio', 'incidentio/summary.json', 'https://status.example.io');

  it('maps impacts and builds components from affected ones', () => {
    expect(s.level).toBe('major_outage');
    expect(s.incidents.map((e) => [e.title, e.impact, e.state])).toEqual([
      ['Elevated API latency', 'partial_outage', 'identified'],
      ['Webhooks down', 'major_outage', 'investigating'],
    ]);
    expect(s.components.map((c) => [c.name, c.level, c.group])).toEqual([
      ['API', 'partial_outage', 'Core'],
      ['Dashboard', 'degraded', 'Core'],
      ['Webhooks', 'major_outage', undefined],
      ['Database', 'maintenance', 'Data'],
    ]);
  });

  it('builds a link from page_url when the event has none, and splits maintenances', () => {
    expect(s.incidents[1]?.url).toBe('https://status.example.io/incidents/01J8ZQK3A1B2C3D4E5F6G7H8K0');
    expect(s.incidents[0]?.lastUpdate).toBe('We have identified the cause and are rolling out a fix.');
    expect(s.maintenances.map((m) => [m.id, m.active, m.scheduledFor, m.scheduledUntil])).toEqual([
      ['01MAINT01', true, Date.parse('2026-09-12T05:00:00.000Z'), Date.parse('2026-09-12T07:00:00.000Z')],
      ['01MAINT02', false, Date.parse('2026-09-20T01:00:00.000Z'), Date.parse('2026-09-20T03:00:00.000Z')],
    ]);
  });

  it('an empty summary is operational', () => {
    const r = parseFeed(
      'incidentio',
      '{"page_title":"X","page_url":"https://s.example","ongoing_incidents":[],"in_progress_maintenances":[],"scheduled_maintenances":[]}',
      { pageUrl: 'https://s.example', now: NOW },
    );
    expect(r).toEqual({
      ok: true,
      status: { level: 'operational', components: [], incidents: [], maintenances: [] },
    });
  });
});

describe('Status.io', () => {
  const s = parse('statusio', 'statusio/gitlab-status.json', 'https://status.gitlab.com');

  it('maps status codes for the page and components', () => {
    expect(s.level).toBe('partial_outage');
    expect(s.description).toBe('Partial Service Disruption');
    expect(s.components.map((c) => [c.name, c.level])).toEqual([
      ['Website', 'operational'],
      ['CI/CD - Hosted runners on Linux', 'partial_outage'],
      ['CI/CD - Hosted runners on Linux — Europe West', 'partial_outage'],
      ['Container Registry', 'maintenance'],
    ]);
  });

  it('reads incidents from their latest message and active maintenance', () => {
    expect(s.incidents[0]).toMatchObject({
      id: '66e2a0c1f2b3a4000a000001',
      impact: 'partial_outage',
      lastUpdate: 'Jobs in Europe West are failing to start.',
      url: 'https://status.gitlab.com',
      startedAt: Date.parse('2026-09-12T04:00:00.000Z'),
    });
    expect(s.maintenances[0]).toMatchObject({
      active: true,
      startedAt: Date.parse('2026-09-12T05:00:00.000Z'),
    });
  });
});

describe('Heroku current-status', () => {
  const s = parse('heroku', 'heroku/current-status.json', 'https://status.heroku.com');

  it('maps system colours to components and level', () => {
    expect(s.level).toBe('major_outage');
    expect(s.components).toEqual([
      { id: 'Apps', name: 'Apps', level: 'major_outage' },
      { id: 'Data', name: 'Data', level: 'operational' },
      { id: 'Tools', name: 'Tools', level: 'degraded' },
    ]);
  });

  it('reads the open incident from its latest update and drops the resolved one', () => {
    expect(s.incidents).toHaveLength(1);
    expect(s.incidents[0]).toMatchObject({
      id: '2801',
      impact: 'major_outage',
      lastUpdate: 'Apps in the EU region are failing to serve requests.',
      url: 'https://status.heroku.com/incidents/2801',
    });
    expect(s.maintenances.map((m) => [m.id, m.active, m.url])).toEqual([
      ['2802', false, 'https://status.heroku.com/incidents/2802'],
    ]);
  });

  it('blue is maintenance', () => {
    const r = parseFeed(
      'heroku',
      '{"status":[{"system":"Apps","status":"blue"}],"incidents":[],"scheduled":[]}',
      {
        pageUrl: 'https://status.heroku.com',
        now: NOW,
      },
    );
    expect(r.ok && r.status.level).toBe('maintenance');
  });
});

describe('Stripe current', () => {
  it('reads an all-up status', () => {
    const s = parse('stripe', 'stripe/current-ok.json', 'https://status.stripe.com');
    expect(s.level).toBe('operational');
    expect(s.incidents).toEqual([]);
    expect(s.components).toHaveLength(5);
  });

  it('synthesises one incident from the message when degraded', () => {
    const s = parse('stripe', 'stripe/current-degraded.json', 'https://status.stripe.com');
    expect(s.level).toBe('degraded');
    expect(s.components.find((c) => c.name === 'Webhooks')?.level).toBe('major_outage');
    expect(s.incidents).toEqual([
      {
        id: 'current',
        kind: 'incident',
        title: 'Some API requests are failing. Webhook delivery is delayed.',
        impact: 'degraded',
        state: 'degraded',
        active: true,
        lastUpdate: 'Some API requests are failing. Webhook delivery is delayed.',
        url: 'https://status.stripe.com',
        components: [
          { id: 'API', name: 'API' },
          { id: 'Webhooks', name: 'Webhooks' },
        ],
      },
    ]);
  });
});

describe('PayPal components', () => {
  it('reads production statuses only', () => {
    const s = parse('paypal', 'paypal/components.json', 'https://www.paypal-status.com');
    expect(s.level).toBe('degraded');
    expect(s.components).toEqual([
      { id: 'checkout', name: 'Checkout', level: 'operational', group: 'product' },
      { id: 'payouts-api', name: 'Payouts API', level: 'degraded', group: 'api' },
      { id: 'venmo', name: 'Venmo', level: 'operational', group: 'product' },
      { id: 'reporting', name: 'Reporting', level: 'maintenance', group: 'product' },
    ]);
  });
});

describe('what each feed states, from real payloads', () => {
  const CORPUS = join(import.meta.dirname, '..', '__fixtures__', 'corpus');
  const ctx = { pageUrl: 'https://x.example', now: Date.parse('2026-08-03T12:00:00Z') };

  it('Instatus: a page flag of UP yields to an open degraded incident, even one without an id', () => {
    const r = parseFeed(
      'instatus',
      readFileSync(join(CORPUS, 'instatus', '2026-08-03-manychat.json'), 'utf8'),
      ctx,
    );
    expect(r.ok && r.status.level).toBe('degraded');
    expect(r.ok && r.status.incidents.map((e) => [e.id, e.impact])).toEqual([
      ['Delays and failures in Follow to DM … on Instagram', 'degraded'],
    ]);
  });

  it('Stripe: `time` in Stripe’s own format is the feed’s time', () => {
    const r = parseFeed(
      'stripe',
      readFileSync(join(CORPUS, 'stripe', '2024-02-09-current-frozen.json'), 'utf8'),
      ctx,
    );
    expect(r.ok && r.status).toMatchObject({
      level: 'operational',
      updatedAt: Date.parse('2024-02-09T18:08:00Z'),
    });
    expect(stripeTime('March 1, 2023 @ 12:30AM -05:00')).toBe(Date.parse('2023-03-01T05:30:00Z'));
    expect(stripeTime('2024-02-09T18:08:00Z')).toBe(Date.parse('2024-02-09T18:08:00Z'));
    expect(stripeTime('sometime')).toBeUndefined();
  });

  it('AWS: a global service has no region; a service back to 0 is not affected', () => {
    const bytes = readFileSync(join(CORPUS, 'aws', '2026-07-02-middle-east.utf16be.bin'));
    const r = parseFeed('aws', decodeBody(new Uint8Array(bytes)), ctx);
    if (!r.ok) throw new Error(r.detail);
    const affected = r.status.incidents.flatMap((e) => e.components.map((c) => c.id));
    expect(affected).not.toContain('cloudfront');
    expect(affected).not.toContain('route53');
    expect(r.status.components.find((c) => c.id === 'cloudfront')).toEqual({
      id: 'cloudfront',
      name: 'Amazon CloudFront',
      level: 'operational',
    });
    expect(r.status.components.find((c) => c.id === 's3-me-central-1')).toMatchObject({
      pop: 'ME-CENTRAL-1',
      level: 'major_outage',
    });
  });
});
