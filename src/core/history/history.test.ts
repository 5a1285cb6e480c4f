import { describe, expect, it } from 'vitest';
import { type Alert, track } from '../notify/incidents.ts';
import {
  durationOf,
  HISTORY_MS,
  type HistoryEntry,
  ongoing,
  parseHistory,
  prune,
  record,
  timelines,
} from './history.ts';

const T0 = 1_760_000_000_000;
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const calm = { held: new Set<string>(), offline: false };

const cf = (fields: Partial<Alert> = {}): Alert => ({
  providerId: 'cloudflare',
  name: 'Cloudflare',
  level: 'partial_outage',
  declared: true,
  seenHere: false,
  sites: ['www.maple-shop.com'],
  tabIds: [1],
  ...fields,
});

function entry(start: number, end: number | undefined, providerId = 'fastly'): HistoryEntry {
  return {
    providerId,
    name: providerId,
    start,
    end,
    level: 'major_outage',
    declared: true,
    seenHere: false,
    sites: [],
  };
}

describe('history', () => {
  it('an incident becomes one entry: started, updated with its worst level and every site, ended', () => {
    let tr = track({}, [cf()], { now: T0, ...calm });
    let h = record([], tr);
    expect(ongoing(h, 'cloudflare')?.start).toBe(T0);
    tr = track(tr.open, [cf({ level: 'major_outage', sites: ['app.tidepool-api.com'], seenHere: true })], {
      now: T0 + MIN,
      ...calm,
    });
    h = record(h, tr);
    tr = track(tr.open, [cf()], { now: T0 + 2 * MIN, ...calm });
    h = record(h, tr);
    tr = track(tr.open, [], { now: T0 + 20 * MIN, ...calm });
    h = record(h, tr);
    expect(h).toEqual([
      {
        providerId: 'cloudflare',
        name: 'Cloudflare',
        start: T0,
        end: T0 + 20 * MIN,
        level: 'major_outage',
        title: undefined,
        declared: true,
        seenHere: false,
        sites: ['www.maple-shop.com', 'app.tidepool-api.com'],
      },
    ]);
    expect(durationOf(h[0]!, T0 + DAY)).toBe(20 * MIN);
    expect(ongoing(h, 'cloudflare')).toBeUndefined();
  });

  it('prunes what ended more than 30 days ago, keeps what goes on', () => {
    const now = T0 + 40 * DAY;
    const kept = prune(
      [
        entry(T0, T0 + MIN),
        entry(now - HISTORY_MS - MIN, now - HISTORY_MS + MIN),
        entry(T0 + DAY, undefined, 'akamai'),
      ],
      now,
    );
    expect(kept.map((e) => [e.providerId, e.start - T0])).toEqual([
      ['akamai', DAY],
      ['fastly', 40 * DAY - HISTORY_MS - MIN],
    ]);
  });

  it('bounded: beyond the limit the oldest ended entries go first', () => {
    const many = Array.from({ length: 12 }, (_, i) => entry(T0 + i * MIN, T0 + i * MIN + 1));
    const withOngoing = [entry(T0 - MIN, undefined, 'akamai'), ...many];
    const kept = prune(withOngoing, T0 + DAY, 10);
    expect(kept).toHaveLength(10);
    expect(kept[0]?.providerId).toBe('akamai');
    expect(kept[1]?.start).toBe(T0 + 3 * MIN);
  });

  it('timeline bars: position and width over the window, per provider, newest first', () => {
    const now = T0 + 10 * DAY;
    const lines = timelines(
      [entry(now - 5 * DAY, now - 4 * DAY), entry(now - DAY, undefined, 'cloudflare')],
      now,
      10 * DAY,
    );
    expect(lines.map((l) => [l.providerId, l.bars.map((b) => [b.x, b.width])])).toEqual([
      ['cloudflare', [[0.9, 0.1]]],
      ['fastly', [[0.5, 0.1]]],
    ]);
  });

  it('reads stored entries tolerantly', () => {
    expect(parseHistory('x')).toEqual([]);
    expect(
      parseHistory([entry(T0, T0 + 1), { providerId: 'x' }, { ...entry(T0, undefined), level: 'bad' }]),
    ).toHaveLength(1);
  });
});
