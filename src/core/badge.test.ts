import { describe, expect, it } from 'vitest';
import { AMBER_BADGE_COLOR, badgeFor, NEUTRAL_BADGE_COLOR, RED_BADGE_COLOR } from './badge.ts';
import type { Translate } from './i18n.ts';
import { buildView } from './page/__fixtures__/pages.ts';

const t: Translate = (key, subs = []) =>
  key === 'extensionName' ? 'Faultline' : `${key}(${subs.join('|')})`;

/** A Cloudflare-served document with scripts from Fastly. */
function cloudflareAndFastly() {
  return buildView('https://s.example/', [
    { host: 's.example', kind: 'document', main: true, by: [['cloudflare', 'edge']] },
    { host: 'static.s.example', kind: 'script', by: [['fastly', 'edge']] },
  ]);
}

describe('badge', () => {
  it('is empty with no page or no provider', () => {
    expect(badgeFor(undefined, t)).toEqual({ text: '', color: NEUTRAL_BADGE_COLOR, title: 'Faultline' });
    const plain = buildView('https://plain.example/', [
      { host: 'plain.example', kind: 'document', main: true, by: [] },
    ]);
    expect(badgeFor(plain, t).text).toBe('');
  });

  it('counts providers in a neutral colour and names them in the title', () => {
    const badge = badgeFor(cloudflareAndFastly(), t);
    expect(badge).toEqual({
      text: '2',
      color: NEUTRAL_BADGE_COLOR,
      title: 'badgeTitleProviders(Faultline|Cloudflare, Fastly)',
    });
  });
});

describe('badge with live status', () => {
  const view = cloudflareAndFastly();
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

describe('badge with observed failures', () => {
  const view = cloudflareAndFastly();
  const counts = {
    sites: 4,
    failingSites: 4,
    problemSites: 4,
    requests: 20,
    failed: 14,
    siteFailed: 0,
    windowMinutes: 5,
  };
  const operational = {
    providerId: 'cloudflare',
    level: 'operational' as const,
    incidents: [],
    maintenances: [],
    rerouted: [],
    products: [],
    uncertain: false,
    pageUrl: 'https://x',
  };

  it('turns red when a provider of the page is failing here, even with an operational status page', () => {
    const badge = badgeFor(view, t, [operational], {
      local: 'ok',
      perProvider: { cloudflare: { state: 'failing_here', ...counts }, fastly: { state: 'ok', ...counts } },
    });
    expect(badge).toEqual({
      text: '!',
      color: RED_BADGE_COLOR,
      title: 'Faultline\nbadgeTitleFailingHere(Cloudflare|14|20|5|4)',
    });
  });

  it('puts what is observed before what is reported', () => {
    const badge = badgeFor(view, t, [{ ...operational, providerId: 'fastly', level: 'degraded' }], {
      local: 'ok',
      perProvider: { cloudflare: { state: 'failing_here', ...counts } },
    });
    expect(badge.color).toBe(RED_BADGE_COLOR);
    expect(badge.title).toBe(
      'Faultline\nbadgeTitleFailingHere(Cloudflare|14|20|5|4)\nbadgeTitleState(Fastly|levelDegraded())',
    );
  });

  it('ignores providers failing here that the page does not use, and other observed states', () => {
    const badge = badgeFor(view, t, [], {
      local: 'ok',
      perProvider: {
        akamai: { state: 'failing_here', ...counts },
        cloudflare: { state: 'site_problem', ...counts },
        fastly: { state: 'insufficient', reason: 'no_comparison', ...counts },
      },
    });
    expect(badge.text).toBe('2');
    expect(badge.color).toBe(NEUTRAL_BADGE_COLOR);
  });

  it('with a connection problem, says so and blames no provider', () => {
    const badge = badgeFor(view, t, [operational], {
      local: 'connection_problem',
      // Even a signal that still says failing_here is not shown as a provider's failure.
      perProvider: { cloudflare: { state: 'failing_here', ...counts } },
    });
    expect(badge).toEqual({
      text: '!',
      color: AMBER_BADGE_COLOR,
      title: 'Faultline\nlocalConnectionProblem()',
    });
    expect(badge.title).not.toContain('Cloudflare');
  });
});

describe('badge count setting', () => {
  const view = buildView('https://s.example/', [
    { host: 's.example', kind: 'document', main: true, by: [['cloudflare', 'edge']] },
  ]);

  it('switched off, the calm badge is empty but still titled; warnings still show', () => {
    const calm = badgeFor(view, t, [], undefined, false);
    expect(calm.text).toBe('');
    expect(calm.title).toBe('badgeTitleProviders(Faultline|Cloudflare)');
    const outage = badgeFor(
      view,
      t,
      [
        {
          providerId: 'cloudflare',
          level: 'major_outage',
          incidents: [],
          maintenances: [],
          rerouted: [],
          products: [],
          uncertain: false,
          pageUrl: 'https://x',
        },
      ],
      undefined,
      false,
    );
    expect(outage.text).toBe('!');
  });
});
