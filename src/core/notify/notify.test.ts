import { describe, expect, it } from 'vitest';
import { translator } from '../../../scripts/lib/locales-fragments.ts';
import { type Alert, type OpenIncident, track } from './incidents.ts';
import {
  decide,
  EMPTY_NOTIFY_STATE,
  MAX_STARTS,
  type NotifyState,
  parseNoteId,
  parseNotifyState,
  WINDOW_MS,
} from './notify.ts';
import { durationText, endText, sitesText, startText } from './text.ts';

const T0 = 1_760_000_000_000;
const MIN = 60_000;
const calm = { held: new Set<string>(), offline: false };

function alert(providerId: string, fields: Partial<Alert> = {}): Alert {
  return {
    providerId,
    name: providerId === 'cloudflare' ? 'Cloudflare' : providerId,
    level: 'major_outage',
    title: 'Widespread 5xx errors',
    declared: true,
    seenHere: false,
    sites: ['www.maple-shop.com'],
    tabIds: [7],
    statusPage: 'https://www.cloudflarestatus.com',
    ...fields,
  };
}

/** Runs looks at the given times through track + decide, as the background does. */
function run(
  looks: readonly { at: number; alerts: Alert[]; offline?: boolean; held?: string[] }[],
  enabled = true,
) {
  let open: Record<string, OpenIncident> = {};
  let state: NotifyState = EMPTY_NOTIFY_STATE;
  const actions = [];
  for (const look of looks) {
    const tr = track(open, look.alerts, {
      now: look.at,
      held: new Set(look.held ?? []),
      offline: look.offline ?? false,
    });
    open = { ...tr.open };
    const d = decide(state, tr, { enabled, now: look.at });
    state = d.state;
    actions.push(...d.actions.map((a) => ({ at: look.at, ...a })));
  }
  return { open, state, actions };
}

describe('incident notifications', () => {
  it('one notification per incident, updated in place, one at its end', () => {
    const { actions, state } = run([
      { at: T0, alerts: [alert('cloudflare')] },
      // The same incident seen again (every poll, every tab): nothing new.
      {
        at: T0 + MIN,
        alerts: [alert('cloudflare'), alert('cloudflare', { sites: ['app.tidepool-api.com'], tabIds: [8] })],
      },
      {
        at: T0 + 2 * MIN,
        alerts: [
          alert('cloudflare', { sites: ['www.maple-shop.com', 'app.tidepool-api.com'], tabIds: [7, 8] }),
        ],
      },
      {
        at: T0 + 3 * MIN,
        alerts: [
          alert('cloudflare', {
            level: 'partial_outage',
            sites: ['www.maple-shop.com', 'app.tidepool-api.com'],
            tabIds: [7, 8],
          }),
        ],
      },
      { at: T0 + 12 * MIN, alerts: [] },
      { at: T0 + 13 * MIN, alerts: [] },
    ]);
    const id = `faultline:cloudflare:${T0}`;
    expect(actions.map((a) => [a.op, a.id, a.op === 'show' ? a.kind : 'end', a.at - T0])).toEqual([
      ['show', id, 'start', 0],
      // Two sites now (the second look merged both tabs' alerts).
      ['show', id, 'update', MIN],
      ['show', id, 'update', 3 * MIN],
      ['end', `${id}:end`, 'end', 12 * MIN],
    ]);
    expect(state.shown).toEqual({});
    expect(state.sent.filter((n) => n.kind === 'start')).toHaveLength(1);
    expect(state.sent.filter((n) => n.kind === 'end')).toHaveLength(1);
  });

  it('the end says how long it lasted and which sites it touched', () => {
    const { actions } = run([
      { at: T0, alerts: [alert('cloudflare', { sites: ['www.maple-shop.com', 'app.tidepool-api.com'] })] },
      { at: T0 + 12 * MIN, alerts: [] },
    ]);
    const end = actions.find((a) => a.op === 'end');
    if (end?.op !== 'end') throw new Error('no end');
    const en = translator('en');
    expect(endText(en, end.ended.incident, end.ended.at)).toEqual({
      title: 'Cloudflare: back to normal',
      message: 'The problem lasted 12 min; it affected www.maple-shop.com and app.tidepool-api.com.',
    });
    const start = actions[0];
    if (start?.op !== 'show') throw new Error('no start');
    expect(startText(en, start.incident)).toEqual({
      title: 'Cloudflare: major outage',
      message: '“Widespread 5xx errors”. Affects www.maple-shop.com and app.tidepool-api.com.',
    });
    expect(startText(translator('fr'), start.incident).title).toBe('Cloudflare : panne majeure');
  });

  it('nothing starts or ends while the user is offline; nothing ends on an unknown status', () => {
    const { actions, open } = run([
      { at: T0, alerts: [], offline: true },
      { at: T0 + MIN, alerts: [alert('cloudflare')], offline: true },
      { at: T0 + 2 * MIN, alerts: [alert('cloudflare')] },
      { at: T0 + 3 * MIN, alerts: [], offline: true },
      // Cloudflare's status page unreachable: the incident goes on, silently.
      { at: T0 + 4 * MIN, alerts: [], held: ['cloudflare'] },
    ]);
    expect(actions.map((a) => [a.op, a.at - T0])).toEqual([['show', 2 * MIN]]);
    expect(Object.keys(open)).toEqual(['cloudflare']);
  });

  it('is off by default: no notification, and no "over" for an incident never shown', () => {
    const off = run(
      [
        { at: T0, alerts: [alert('cloudflare')] },
        { at: T0 + MIN, alerts: [] },
      ],
      false,
    );
    expect(off.actions).toEqual([]);
    // Switched on mid-incident: the incident already going on stays silent to its end.
    let tr = track({}, [alert('cloudflare')], { now: T0, ...calm });
    let d = decide(EMPTY_NOTIFY_STATE, tr, { enabled: false, now: T0 });
    tr = track(tr.open, [], { now: T0 + MIN, ...calm });
    d = decide(d.state, tr, { enabled: true, now: T0 + MIN });
    expect(d.actions).toEqual([]);
  });

  it(`rate limit: at most ${MAX_STARTS} new incidents per ${WINDOW_MS / MIN} min, then silent`, () => {
    const ids = ['cloudflare', 'fastly', 'akamai', 'cloudfront', 'stripe', 'github'];
    const { actions } = run([
      { at: T0, alerts: ids.slice(0, 3).map((id) => alert(id)) },
      { at: T0 + MIN, alerts: ids.map((id) => alert(id)) },
      // Everything over: only the shown ones say so.
      { at: T0 + 5 * MIN, alerts: [] },
      // A new incident within the window still finds the four starts in it.
      { at: T0 + 10 * MIN, alerts: [alert('bunny')] },
      // After the window, notifications come back.
      { at: T0 + WINDOW_MS + MIN, alerts: [alert('bunny'), alert('vercel')] },
    ]);
    const starts = actions
      .filter((a) => a.op === 'show' && a.kind === 'start')
      .map((a) => a.id.split(':')[1]);
    expect(starts).toEqual(['cloudflare', 'fastly', 'akamai', 'cloudfront', 'vercel']);
    expect(actions.filter((a) => a.op === 'end')).toHaveLength(4);
  });

  it('notification ids round-trip; stored state is read tolerantly', () => {
    expect(parseNoteId(`faultline:cloudflare:${T0}:end`)).toEqual({
      providerId: 'cloudflare',
      since: T0,
      end: true,
    });
    expect(parseNoteId('other:thing')).toBeUndefined();
    expect(parseNotifyState('garbage')).toEqual(EMPTY_NOTIFY_STATE);
    expect(
      parseNotifyState({
        shown: { cloudflare: 'x', bad: 3 },
        sent: [{ id: 'x', providerId: 'c', kind: 'start', at: 1 }, { id: 2 }],
      }),
    ).toEqual({ shown: { cloudflare: 'x' }, sent: [{ id: 'x', providerId: 'c', kind: 'start', at: 1 }] });
  });

  it('words: durations and site lists', () => {
    const en = translator('en');
    expect(durationText(en, 30_000)).toBe('1 min');
    expect(durationText(en, 125 * MIN)).toBe('2 h 05 min');
    expect(durationText(en, 50 * 60 * MIN)).toBe('2 d 2 h');
    expect(sitesText(en, ['a', 'b', 'c'])).toBe('a and 2 other sites');
    expect(sitesText(translator('fr'), ['a', 'b'])).toBe('a et b');
  });
});
