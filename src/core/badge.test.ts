import { describe, expect, it } from 'vitest';
import { AMBER_BADGE_COLOR, BADGE_OF, badgeFor, NEUTRAL_BADGE_COLOR, RED_BADGE_COLOR } from './badge.ts';
import type { Translate } from './i18n.ts';
import type { ObservedPage } from './observe/page.ts';
import type { ProviderSignal } from './observe/signal.ts';
import { buildView } from './page/__fixtures__/pages.ts';
import type { Level } from './status/model.ts';
import type { PageStatus } from './status/relevance.ts';
import { verdictOf } from './verdict/verdict.ts';

const t: Translate = (key, subs = []) =>
  key === 'extensionName' ? 'Faultline' : `${key}(${subs.join('|')})`;

/** A Cloudflare-served document with scripts from Fastly. */
function cloudflareAndFastly(status = 200) {
  return buildView('https://s.example/', [
    { host: 's.example', kind: 'document', main: true, by: [['cloudflare', 'edge']], status },
    { host: 'static.s.example', kind: 'script', by: [['fastly', 'edge']] },
  ]);
}

function st(providerId: string, level: Level): PageStatus {
  return {
    providerId,
    level,
    uncertain: false,
    incidents: [],
    maintenances: [],
    rerouted: [],
    products: [],
    pageUrl: 'https://x',
  };
}

const failingHere: ProviderSignal = {
  state: 'failing_here',
  sites: 4,
  failingSites: 4,
  siteErrorSites: 0,
  okSites: 0,
  healthySites: 0,
  spanMinutes: 3,
};

const observed = (
  providers: Record<string, ProviderSignal>,
  local: ObservedPage['local'] = 'ok',
): ObservedPage => ({
  local,
  providers,
  errors: [],
});

describe('badge', () => {
  it('is empty with no page, or a calm page with no provider', () => {
    expect(badgeFor(undefined, undefined, t)).toEqual({
      text: '',
      color: NEUTRAL_BADGE_COLOR,
      title: 'Faultline',
    });
    const plain = buildView('https://plain.example/', [
      { host: 'plain.example', kind: 'document', main: true, by: [] },
    ]);
    expect(badgeFor(plain, verdictOf({ page: plain }), t).text).toBe('');
  });

  it('a calm page: the neutral count, its providers named in the title', () => {
    const view = cloudflareAndFastly();
    expect(badgeFor(view, verdictOf({ page: view }), t)).toEqual({
      text: '2',
      color: NEUTRAL_BADGE_COLOR,
      title: 'badgeTitleProviders(Faultline|Cloudflare, Fastly)',
    });
  });

  it('a provider failing here: red, the verdict and its evidence in the title', () => {
    const view = cloudflareAndFastly();
    const verdict = verdictOf({
      page: view,
      statuses: [st('cloudflare', 'operational')],
      observed: observed({ cloudflare: failingHere }),
    });
    expect(badgeFor(view, verdict, t)).toEqual({
      text: '!',
      color: RED_BADGE_COLOR,
      title: 'Faultline\nverdictSeen(Cloudflare|4|4|3)\nobservedFailingHere(4|4|Cloudflare|3|0|4)',
    });
  });

  it('a major outage on the status page: red', () => {
    const view = cloudflareAndFastly();
    const badge = badgeFor(view, verdictOf({ page: view, statuses: [st('cloudflare', 'major_outage')] }), t);
    expect([badge.text, badge.color]).toEqual(['!', RED_BADGE_COLOR]);
    expect(badge.title.split('\n')[1]).toBe('verdictDeclared(Cloudflare|levelMajorOutage())');
  });

  it('the site’s own server, the user’s connection, a reported problem: amber, never red', () => {
    const view = cloudflareAndFastly(522);
    const site = badgeFor(view, verdictOf({ page: view }), t);
    expect(site.color).not.toBe(RED_BADGE_COLOR);
    const plain = buildView('https://plain.example/', [
      { host: 'plain.example', kind: 'document', main: true, by: [], status: 503 },
    ]);
    expect(badgeFor(plain, verdictOf({ page: plain }), t)).toEqual({
      text: '!',
      color: AMBER_BADGE_COLOR,
      title: 'Faultline\nverdictSiteDownDirect(verdictHttp(503))\nverdictDocumentHttp(plain.example|503)',
    });
    const calm = cloudflareAndFastly();
    const connection = badgeFor(
      calm,
      verdictOf({ page: calm, observed: observed({ cloudflare: failingHere }, 'connection_problem') }),
      t,
    );
    expect(connection).toMatchObject({ text: '!', color: AMBER_BADGE_COLOR });
    expect(connection.title).not.toContain('Cloudflare');
    expect(badgeFor(calm, verdictOf({ page: calm, statuses: [st('fastly', 'degraded')] }), t)).toMatchObject({
      text: '!',
      color: AMBER_BADGE_COLOR,
    });
  });

  it('not enough to tell: a neutral “?”', () => {
    const view = cloudflareAndFastly(502);
    expect(badgeFor(view, verdictOf({ page: view }), t)).toMatchObject({
      text: '?',
      color: NEUTRAL_BADGE_COLOR,
    });
  });

  it('every outcome has its badge, red only for a provider failing', () => {
    const red = Object.entries(BADGE_OF).filter(([, b]) => b.color === RED_BADGE_COLOR);
    expect(red.map(([o]) => o)).toEqual(['provider_failing']);
  });

  it('badge count switched off: the calm badge is empty but still titled; warnings still show', () => {
    const view = cloudflareAndFastly();
    const calm = badgeFor(view, verdictOf({ page: view }), t, false);
    expect(calm.text).toBe('');
    expect(calm.title).toBe('badgeTitleProviders(Faultline|Cloudflare, Fastly)');
    expect(
      badgeFor(view, verdictOf({ page: view, statuses: [st('cloudflare', 'major_outage')] }), t, false).text,
    ).toBe('!');
  });
});
