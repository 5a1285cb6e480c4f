import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEED_KINDS, type FeedKind } from '../../catalog/types.ts';
import type { ParsedStatus, ParseResult } from '../model.ts';
import { parseAwsValue } from './aws.ts';
import { parseGcpValue } from './gcp.ts';
import { parseHerokuValue } from './heroku.ts';
import { parseIncidentioValue } from './incidentio.ts';
import { parseFeed } from './index.ts';
import { parseInstatusValue } from './instatus.ts';
import { parsePaypalValue } from './paypal.ts';
import { parseRss } from './rss.ts';
import { parseStatusioValue } from './statusio.ts';
import { parseStatuspageValue } from './statuspage.ts';
import { parseStripeValue } from './stripe.ts';

const FIX = join(import.meta.dirname, '..', '__fixtures__');
const read = (path: string): string => readFileSync(join(FIX, path), 'utf8');
const NOW = Date.parse('2026-09-12T06:00:00Z');
const ctx = { pageUrl: 'https://status.example.com', now: NOW };
const JSON_KINDS = FEED_KINDS.filter((k) => k !== 'rss');

function parsed(result: ParseResult): ParsedStatus {
  if (!result.ok) throw new Error(`expected ok, got ${result.detail}`);
  return result.status;
}

describe('hostile bodies, every kind', () => {
  it.each(FEED_KINDS)('%s: an HTML error page is unparseable', (kind) => {
    const r = parseFeed(kind, read('hostile/html-error.html'), ctx);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toBe('unparseable');
  });

  it.each(JSON_KINDS)('%s: truncated JSON is unparseable', (kind) => {
    const r = parseFeed(kind, read('hostile/truncated.json'), ctx);
    expect(r).toMatchObject({
      ok: false,
      reason: 'unparseable',
      detail: expect.stringMatching(/^invalid JSON/),
    });
  });

  it.each(FEED_KINDS)('%s: empty and whitespace bodies are unparseable', (kind) => {
    expect(parseFeed(kind, '', ctx).ok).toBe(false);
    expect(parseFeed(kind, '   \n', ctx).ok).toBe(false);
  });

  it('a 50 MB body is refused quickly by every parser', () => {
    const huge = `{"status":{"indicator":"none"},"components":[${'{"id":"x","name":"y","status":"operational"},'.repeat(1_200_000)}{}]}`;
    expect(huge.length).toBeGreaterThan(50_000_000);
    for (const kind of FEED_KINDS) {
      const started = performance.now();
      const r = parseFeed(kind, huge, ctx);
      expect(performance.now() - started).toBeLessThan(500);
      expect(r).toMatchObject({
        ok: false,
        reason: 'unparseable',
        detail: expect.stringMatching(/too large/),
      });
    }
  });

  it.each(JSON_KINDS)('%s: JSON of the wrong shape is unparseable, not a crash', (kind) => {
    for (const body of ['null', '42', '"text"', 'true']) {
      expect(parseFeed(kind, body, ctx)).toMatchObject({ ok: false, reason: 'unparseable' });
    }
  });

  it('an array where an object is expected, and the reverse', () => {
    expect(parseFeed('statuspage', '[{"status":{"indicator":"none"}}]', ctx).ok).toBe(false);
    expect(parseFeed('aws', '{"events":[]}', ctx).ok).toBe(false);
    expect(parseFeed('gcp', '{"incidents":[]}', ctx).ok).toBe(false);
  });

  const VALUE_PARSERS: Readonly<
    Record<Exclude<FeedKind, 'rss'>, (v: unknown, c: typeof ctx) => ParseResult>
  > = {
    statuspage: parseStatuspageValue,
    incidentio: parseIncidentioValue,
    instatus: parseInstatusValue,
    statusio: parseStatusioValue,
    gcp: parseGcpValue,
    aws: parseAwsValue,
    heroku: parseHerokuValue,
    stripe: parseStripeValue,
    paypal: parsePaypalValue,
  };

  it('no parser throws on arbitrary JSON values (property test)', () => {
    for (const [, parse] of Object.entries(VALUE_PARSERS)) {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
          const r = parse(value, ctx);
          expect(typeof r.ok).toBe('boolean');
        }),
        { numRuns: 150 },
      );
    }
  });

  it('no parser throws on feed-shaped objects with random field values', () => {
    const anything = fc.jsonValue({ maxDepth: 3 });
    const event = fc.record({
      id: anything,
      name: anything,
      title: anything,
      status: anything,
      impact: anything,
      type: anything,
      end: anything,
      end_time: anything,
      date: anything,
      incident_updates: anything,
      components: anything,
      affected_components: anything,
      event_log: anything,
      impacted_services: anything,
      affected_products: anything,
    });
    const root = fc.record({
      status: fc.oneof(anything, fc.array(fc.record({ system: anything, status: anything }))),
      page: anything,
      components: fc.oneof(anything, fc.array(event)),
      incidents: fc.oneof(anything, fc.array(event)),
      scheduled_maintenances: fc.oneof(anything, fc.array(event)),
      ongoing_incidents: fc.oneof(anything, fc.array(event)),
      active_incidents: fc.oneof(anything, fc.array(event)),
      activeIncidents: fc.oneof(anything, fc.array(event)),
      result: anything,
      data: anything,
      included: fc.oneof(
        anything,
        fc.array(fc.record({ id: anything, type: anything, attributes: anything })),
      ),
      statuses: anything,
    });
    for (const [, parse] of Object.entries(VALUE_PARSERS)) {
      fc.assert(
        fc.property(fc.oneof(root, fc.array(event)), (value) => {
          expect(typeof parse(value, ctx).ok).toBe('boolean');
        }),
        { numRuns: 150 },
      );
    }
    // About 3 s on a quiet 2-core machine; the default 5 s fails it when other work shares the CPU.
  }, 30_000);

  it('no RSS input throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (tail) => {
        const r = parseRss(
          `<rss><channel><item><title>${tail}</title><pubDate>${tail}</pubDate></item></channel></rss>`,
          ctx,
        );
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });
});

describe('hostile Statuspage bodies', () => {
  it('wrong types: skips what cannot be read, never plants unsafe links', () => {
    const s = parsed(parseFeed('statuspage', read('hostile/wrong-types.json'), ctx));
    // indicator 42 is not a word; there are no components; the one incident with a numeric id counts.
    expect(s.components).toEqual([]);
    expect(s.incidents).toHaveLength(1);
    const inc = s.incidents[0]!;
    expect(inc.id).toBe('12345');
    expect(inc.title).toBe('(untitled)');
    expect(inc.impact).toBe('degraded');
    expect(inc.url).toBe('https://status.example.com/incidents/12345');
    // A started_at of 17 (ms after 1970) is no time: not kept (util.ts EARLIEST_TIME_MS).
    expect(inc.startedAt).toBeUndefined();
    expect(inc.components).toEqual([]);
    expect(s.level).toBe('degraded');
    expect(s.description).toBeUndefined();
    expect(s.maintenances).toEqual([]);
  });

  it('unknown enums map to the nearest sensible level, never a silent operational for incidents', () => {
    const s = parsed(parseFeed('statuspage', read('hostile/unknown-enums.json'), ctx));
    expect(s.components.map((c) => [c.id, c.level, c.pop])).toEqual([
      ['c1', 'unknown', undefined],
      // The name's "(LIS)" is a place only for a provider whose naming scheme says so.
      ['c2', 'major_outage', undefined],
      ['c3', 'operational', undefined],
    ]);
    expect(s.incidents.map((e) => [e.id, e.impact, e.active])).toEqual([
      ['i1', 'degraded', true],
      ['i2', 'degraded', true],
    ]);
    // An unknown maintenance status is active while its window contains now.
    expect(s.maintenances.map((m) => [m.id, m.active])).toEqual([['m1', true]]);
    // Unknown indicator: the worst of what was parsed.
    expect(s.level).toBe('major_outage');
    expect(s.description).toBe('Something New');
  });

  it('duplicate incidents are merged (latest update wins); future timestamps are kept', () => {
    const s = parsed(parseFeed('statuspage', read('hostile/duplicates-future.json'), ctx));
    expect(s.incidents).toHaveLength(1);
    expect(s.incidents[0]).toMatchObject({
      id: 'dup1',
      title: 'API errors',
      state: 'identified',
      impact: 'partial_outage',
      startedAt: Date.parse('2099-01-01T00:00:00.000Z'),
      updatedAt: Date.parse('2026-09-12T05:00:00.000Z'),
    });
    expect(s.components).toEqual([{ id: 'c1', name: 'API', level: 'partial_outage' }]);
    expect(s.updatedAt).toBe(Date.parse('2099-01-01T00:00:00.000Z'));
  });

  it('missing fields: a bare status object is enough, no status at all is unknown', () => {
    expect(parsed(parseFeed('statuspage', '{"status":{"indicator":"none"}}', ctx))).toEqual({
      level: 'operational',
      components: [],
      incidents: [],
      maintenances: [],
    });
    expect(parsed(parseFeed('statuspage', '{"components":[]}', ctx)).level).toBe('unknown');
    expect(parseFeed('statuspage', '{"page":{}}', ctx).ok).toBe(false);
  });

  it('clips very long texts', () => {
    const body = JSON.stringify({
      status: { indicator: 'minor' },
      incidents: [
        {
          id: 'long',
          name: 'x'.repeat(10_000),
          status: 'investigating',
          impact: 'minor',
          incident_updates: [{ id: 'u', body: 'word '.repeat(100_000), created_at: '2026-09-12T05:00:00Z' }],
        },
      ],
    });
    const inc = parsed(parseFeed('statuspage', body, ctx)).incidents[0]!;
    expect(inc.title.length).toBe(200);
    expect(inc.lastUpdate?.length).toBe(600);
    expect(inc.lastUpdate?.endsWith('…')).toBe(true);
  });

  it('duplicate events are merged in other kinds too', () => {
    const aws = JSON.stringify([
      {
        arn: 'arn:aws:health:us-east-1::event/X',
        status: '2',
        summary: 'A',
        event_log: [{ timestamp: 1_789_200_000, message: 'a' }],
      },
      {
        arn: 'arn:aws:health:us-east-1::event/X',
        status: '2',
        summary: 'A again',
        event_log: [{ timestamp: 1_789_200_100, message: 'b' }],
      },
    ]);
    expect(parsed(parseFeed('aws', aws, ctx)).incidents.map((e) => [e.title, e.lastUpdate])).toEqual([
      ['A again', 'b'],
    ]);
  });
});
