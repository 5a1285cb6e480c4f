// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { translator } from '../../scripts/lib/locales-fragments.ts';
import { mount, settle, unmountAll } from '../__fixtures__/mount.ts';
import type { HistoryEntry } from '../core/history/history.ts';
import type { HistoryState } from '../messages.ts';
import { App } from './App.tsx';
import type { HistoryConnector } from './connector.ts';

afterEach(unmountAll);

const NOW = Date.UTC(2026, 11, 2, 10, 45);
const MINUTE = 60_000;

const entry = (start: number, end: number | undefined): HistoryEntry => ({
  providerId: 'cloudflare',
  name: 'Cloudflare',
  start,
  end,
  level: 'major_outage',
  title: 'Widespread 5xx errors',
  declared: true,
  seenHere: true,
  sites: ['www.maple-shop.com'],
});

function connector(history: HistoryState): HistoryConnector {
  const answer = async () => history;
  return {
    t: translator('en'),
    lang: 'en',
    getHistory: answer,
    clearHistory: answer,
    unwatchSite: answer,
    download: () => undefined,
  };
}

/** Each bar of the timeline: where it starts and ends, in the track's units. */
function bars(root: HTMLElement): { x: number; right: number; track: number }[] {
  const track = Number(root.querySelector('.timeline .track')?.getAttribute('width'));
  return [...root.querySelectorAll('.timeline .bar')].map((r) => {
    const x = Number(r.getAttribute('x'));
    return { x, right: x + Number(r.getAttribute('width')), track };
  });
}

describe('History page timeline', () => {
  it('draws a one-minute incident that just ended, visibly and inside the track', async () => {
    const root = await mount(
      <App
        connector={connector({ now: NOW, entries: [entry(NOW - 2 * MINUTE, NOW - MINUTE)], watched: [] })}
      />,
    );
    await settle();
    const [bar] = bars(root);
    expect(bar).toBeDefined();
    // One minute of thirty days is 0.0014 units of 600: drawn wider, and pulled inside the end.
    expect(bar!.right - bar!.x).toBeGreaterThanOrEqual(3);
    expect(bar!.right).toBeLessThanOrEqual(bar!.track);
    expect(bar!.x).toBeGreaterThan(bar!.track - 10);
  });

  it('an ongoing incident and an old one each keep their place in time', async () => {
    const day = 24 * 60 * MINUTE;
    const root = await mount(
      <App
        connector={connector({
          now: NOW,
          entries: [
            entry(NOW - 15 * day, NOW - 15 * day + 2 * 60 * MINUTE),
            entry(NOW - 10 * MINUTE, undefined),
          ],
          watched: [],
        })}
      />,
    );
    await settle();
    const drawn = bars(root).sort((a, b) => a.x - b.x);
    expect(drawn).toHaveLength(2);
    // Fifteen days ago: the middle of the thirty-day track.
    expect(drawn[0]!.x / drawn[0]!.track).toBeCloseTo(0.5, 2);
    for (const b of drawn) expect(b.right).toBeLessThanOrEqual(b.track);
  });
});
