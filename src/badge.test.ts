import { describe, expect, it } from 'vitest';
import { AMBER_BADGE_COLOR, badgeFor, NEUTRAL_BADGE_COLOR, RED_BADGE_COLOR } from './badge.ts';
import { providerById } from './catalog/index.ts';
import { addResponse, newPage } from './page/record.ts';
import { pageView } from './page/view.ts';

const t = (key: string, subs?: string | string[]): string =>
  key === 'extensionName' ? 'Faultline' : `${key}(${[subs ?? []].flat().join('|')})`;

describe('badge', () => {
  it('is empty with no page or no provider', () => {
    expect(badgeFor(undefined, t)).toEqual({ text: '', color: NEUTRAL_BADGE_COLOR, title: 'Faultline' });
    const page = newPage(1, 'https://plain.example/', 'plain.example', 0);
    addResponse(
      page,
      { url: 'https://plain.example/', host: 'plain.example', kind: 'document', status: 200 },
      [],
      0,
    );
    expect(badgeFor(pageView(page, providerById), t).text).toBe('');
  });

  it('counts providers in a neutral colour and names them in the title', () => {
    const page = newPage(1, 'https://s.example/', 's.example', 0);
    const base = { url: 'https://s.example/', host: 's.example', kind: 'document' as const, status: 200 };
    addResponse(
      page,
      { ...base, mainDocument: true },
      [{ providerId: 'cloudflare', role: 'edge', evidence: [] }],
      0,
    );
    addResponse(
      page,
      { ...base, kind: 'script' },
      [{ providerId: 'fastly', role: 'origin', evidence: [] }],
      0,
    );
    const badge = badgeFor(pageView(page, providerById), t);
    expect(badge).toEqual({
      text: '2',
      color: NEUTRAL_BADGE_COLOR,
      title: 'badgeTitleProviders(Faultline|Cloudflare, Fastly)',
    });
  });
});

describe('badge with live status', () => {
  const page = newPage(1, 'https://s.example/', 's.example', 0);
  const base = { url: 'https://s.example/', host: 's.example', kind: 'document' as const, status: 200 };
  addResponse(
    page,
    { ...base, mainDocument: true },
    [{ providerId: 'cloudflare', role: 'edge', evidence: [] }],
    0,
  );
  addResponse(page, { ...base, kind: 'script' }, [{ providerId: 'fastly', role: 'edge', evidence: [] }], 0);
  const view = pageView(page, providerById);
  const calm = {
    incidents: [],
    maintenances: [],
    rerouted: [],
    products: [],
    uncertain: false,
    pageUrl: 'https://x',
  };
  const event = {
    id: 'e',
    kind: 'incident' as const,
    title: 'Widespread 5xx errors',
    impact: 'major_outage' as const,
    state: 'investigating',
    active: true,
    components: [],
  };

  it('turns red with the incident in the title for a partial or major outage', () => {
    const badge = badgeFor(view, t, [
      {
        ...calm,
        providerId: 'cloudflare',
        level: 'major_outage',
        incidents: [{ event, relation: 'product' }],
      },
      { ...calm, providerId: 'fastly', level: 'operational' },
    ]);
    expect(badge.text).toBe('!');
    expect(badge.color).toBe(RED_BADGE_COLOR);
    expect(badge.title).toBe(
      'Faultline\nbadgeTitleIncident(Cloudflare|levelMajorOutage()|Widespread 5xx errors)',
    );
  });

  it('turns amber for degraded performance, and stays neutral for maintenance, unknown or unused providers', () => {
    expect(badgeFor(view, t, [{ ...calm, providerId: 'fastly', level: 'degraded' }]).color).toBe(
      AMBER_BADGE_COLOR,
    );
    for (const level of ['maintenance', 'unknown', 'operational'] as const) {
      expect(badgeFor(view, t, [{ ...calm, providerId: 'cloudflare', level }]).text).toBe('2');
    }
    expect(badgeFor(view, t, [{ ...calm, providerId: 'akamai', level: 'major_outage' }]).text).toBe('2');
  });
});
