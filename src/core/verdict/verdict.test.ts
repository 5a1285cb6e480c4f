import { describe, expect, it } from 'vitest';
import { translator } from '../../../scripts/lib/locales-fragments.ts';
import { say } from '../i18n.ts';
import { explain } from '../observe/explanations.ts';
import type { ObservedPage, PageError } from '../observe/page.ts';
import type { ProviderSignal } from '../observe/signal.ts';
import { buildView } from '../page/__fixtures__/pages.ts';
import type { PageView } from '../page/view.ts';
import type { Level } from '../status/model.ts';
import type { PageStatus } from '../status/relevance.ts';
import { evidenceText, verdictSentence } from './text.ts';
import { documentOutcome, type Verdict, verdictOf } from './verdict.ts';

const en = translator('en');
const fr = translator('fr');
const AT = 1_760_000_100_000;

/** A shop on Cloudflare (CDG) with scripts from Fastly; its document answered `status`. */
function shop(status = 200): PageView {
  return buildView('https://www.shop.example/', [
    {
      host: 'www.shop.example',
      kind: 'document',
      main: true,
      by: [['cloudflare', 'edge']],
      pop: 'CDG',
      status,
    },
    { host: 'static.fastly-cdn.example', kind: 'script', by: [['fastly', 'edge']], n: 3 },
  ]);
}

function plain(status = 200): PageView {
  return buildView('https://www.plain.example/', [
    { host: 'www.plain.example', kind: 'document', main: true, by: [], ip: '192.0.2.10', status },
  ]);
}

function st(providerId: string, level: Level, fields: Partial<PageStatus> = {}): PageStatus {
  const incident =
    level === 'operational' || level === 'unknown'
      ? []
      : [
          {
            relation: 'product' as const,
            event: {
              id: 'inc',
              kind: 'incident' as const,
              title: 'Widespread 5xx errors',
              impact: level,
              state: 'investigating',
              active: true,
              components: [],
            },
          },
        ];
  return {
    providerId,
    level,
    uncertain: false,
    incidents: incident,
    maintenances: [],
    rerouted: [],
    products: [],
    pageUrl: `https://status.${providerId}.test`,
    ...fields,
  };
}

function sig(state: ProviderSignal['state'], fields: Partial<ProviderSignal> = {}): ProviderSignal {
  return {
    state,
    sites: 1,
    failingSites: 0,
    siteErrorSites: 0,
    okSites: 1,
    healthySites: 1,
    spanMinutes: 3,
    ...fields,
  };
}

function explained(
  status: number,
  headers: { name: string; value: string }[] = [],
  body?: string,
): PageError {
  const explanation = explain({ status, headers, providerIds: ['cloudflare'], pop: 'CDG', body });
  return { host: 'www.shop.example', providerId: 'cloudflare', status, explanation, n: 1, at: AT };
}

/** Cloudflare's plain 502 page, unread: the table cannot tell whose it is. */
const CF_502 = explained(502, [{ name: 'server', value: 'cloudflare' }]);
const CF_522 = explained(522, [
  { name: 'server', value: 'cloudflare' },
  { name: 'cf-ray', value: '8f-CDG' },
]);

function observed(
  providers: Record<string, ProviderSignal>,
  errors: PageError[] = [],
  local: ObservedPage['local'] = 'ok',
): ObservedPage {
  return { local, providers, errors };
}

/** The sentence and every piece of evidence, in English. */
function words(v: Verdict): string[] {
  return [verdictSentence(en, v), ...v.evidence.map((e) => evidenceText(en, e))];
}

describe('the main document’s outcome', () => {
  it('reads the document’s status and the explanation of its error', () => {
    expect(documentOutcome(shop())).toEqual({ kind: 'ok' });
    expect(documentOutcome(shop(404))).toEqual({ kind: 'ok' });
    const doc = documentOutcome(shop(522), observed({}, [CF_522]));
    expect(doc).toMatchObject({
      kind: 'http',
      status: 522,
      providerId: 'cloudflare',
      explanation: { id: 'cf-522' },
    });
    // A 502 with no explanation on record still came through the document's edge.
    expect(documentOutcome(shop(502))).toEqual({
      kind: 'http',
      status: 502,
      providerId: 'cloudflare',
      explanation: undefined,
    });
    expect(documentOutcome({ ...plain(), documentError: 'net::ERR_CONNECTION_REFUSED' })).toEqual({
      kind: 'network',
      error: 'refused',
      providerId: undefined,
    });
  });
});

describe('verdict', () => {
  it('all good: the page loaded and no provider reports or shows a problem', () => {
    const v = verdictOf({
      page: shop(),
      statuses: [st('cloudflare', 'operational'), st('fastly', 'operational')],
      observed: observed({ cloudflare: sig('ok'), fastly: sig('ok') }),
    });
    expect(v).toMatchObject({ outcome: 'all_good', evidence: [] });
    expect(words(v)).toEqual([
      'All good: this page loaded, and none of its providers reports or shows a problem.',
    ]);
    expect(verdictOf({ page: plain() }).sentence.key).toBe('verdictAllGoodPlain');
  });

  it('healthy browsing then an outage: Cloudflare seen failing here names Cloudflare, even for a page that loaded', () => {
    const v = verdictOf({
      page: shop(),
      statuses: [st('cloudflare', 'operational')],
      observed: observed({
        cloudflare: sig('failing_here', { failingSites: 3, healthySites: 0, okSites: 5, sites: 8 }),
      }),
    });
    expect(v).toMatchObject({
      outcome: 'provider_failing',
      providerId: 'cloudflare',
      seenHere: true,
      declared: false,
    });
    expect(words(v)).toEqual([
      'Cloudflare is failing: 3 of the 3 Cloudflare-served sites seen here in the last 3 min failed.',
      'Observed here: 3 of 3 Cloudflare-served sites failing in the last 3 min.',
    ]);
  });

  it('a major outage declared on the status page, relevant to this page: Cloudflare is failing', () => {
    const v = verdictOf({ page: shop(), statuses: [st('cloudflare', 'major_outage')] });
    expect(v).toMatchObject({
      outcome: 'provider_failing',
      providerId: 'cloudflare',
      declared: true,
      seenHere: false,
    });
    expect(words(v)).toEqual([
      'Cloudflare is failing: its status page reports a major outage that concerns this page.',
      'Cloudflare: major outage — Widespread 5xx errors',
    ]);
  });

  it('a major outage and one failing site: the site is not blamed, the 502 is part of the outage', () => {
    const v = verdictOf({
      page: shop(502),
      statuses: [st('cloudflare', 'major_outage')],
      observed: observed(
        { cloudflare: sig('site_problem', { failingSites: 1, okSites: 0, healthySites: 0 }) },
        [CF_502],
      ),
    });
    expect(v).toMatchObject({ outcome: 'provider_failing', providerId: 'cloudflare', declared: true });
    const text = words(v);
    expect(text[0]).toBe(
      'Cloudflare reports a major outage; this page’s HTTP 502 is most likely part of it.',
    );
    expect(text[1]).toBe(
      'HTTP 502 via Cloudflare (CDG): Cloudflare reports a major outage; this 502 is most likely part of it, not the site’s own problem.',
    );
    expect(text.join(' ')).not.toMatch(/usual case|site’s problem/);
  });

  it('an outage of unknown scope counts once the page fails through that provider', () => {
    const uncertain = st('cloudflare', 'partial_outage', { uncertain: true });
    expect(verdictOf({ page: shop(), statuses: [uncertain] })).toMatchObject({
      outcome: 'provider_reports_problem',
      sentence: { key: 'verdictReports' },
    });
    expect(
      verdictOf({ page: shop(502), statuses: [uncertain], observed: observed({}, [CF_502]) }),
    ).toMatchObject({
      outcome: 'provider_failing',
      sentence: { key: 'verdictDeclaredDocument' },
    });
  });

  it('a 522: the site’s own server is down, Cloudflare is fine', () => {
    const v = verdictOf({
      page: shop(522),
      statuses: [st('cloudflare', 'operational')],
      observed: observed(
        { cloudflare: sig('site_problem', { siteErrorSites: 1, okSites: 0, healthySites: 0 }) },
        [CF_522],
      ),
    });
    expect(v).toMatchObject({ outcome: 'site_down', providerId: 'cloudflare' });
    expect(words(v)).toEqual([
      'The site’s own server is failing; Cloudflare, in front of it, is working.',
      'HTTP 522 via Cloudflare (CDG): The site’s own server did not answer Cloudflare in time. Most likely the site’s problem, not Cloudflare’s.',
      'Cloudflare’s status page reports no problem.',
      'Observed here: 1 Cloudflare-served site with errors in the last 3 min, and 0 working. Most likely that site’s own problem, not Cloudflare’s.',
    ]);
  });

  it('a 522 while the status page declares a major outage: most likely part of the outage', () => {
    const v = verdictOf({
      page: shop(522),
      statuses: [st('cloudflare', 'major_outage')],
      observed: observed({}, [CF_522]),
    });
    expect(v).toMatchObject({ outcome: 'provider_failing', sentence: { key: 'verdictDeclaredDocument' } });
  });

  it('an unclear 502 while other Cloudflare sites work and the status page is calm: most likely the site', () => {
    const v = verdictOf({
      page: shop(502),
      statuses: [st('cloudflare', 'operational')],
      observed: observed(
        {
          cloudflare: sig('site_problem', { failingSites: 1, okSites: 3, healthySites: 3, failingSince: AT }),
        },
        [CF_502],
      ),
    });
    expect(v).toMatchObject({ outcome: 'site_down', sentence: { key: 'verdictSiteLikelyCalm' } });
    expect(verdictSentence(en, v)).toBe(
      'Most likely the site’s own problem: other Cloudflare-served sites work here, and Cloudflare reports no problem.',
    );
  });

  it('a user whose only traffic is this one failing site: not enough to tell', () => {
    const v = verdictOf({
      page: shop(502),
      statuses: [st('cloudflare', 'operational')],
      observed: observed(
        {
          cloudflare: sig('site_problem', { failingSites: 1, okSites: 0, healthySites: 0, failingSince: AT }),
        },
        [CF_502],
      ),
    });
    expect(v).toMatchObject({ outcome: 'unknown', reason: 'only_site', providerId: 'cloudflare' });
    expect(verdictSentence(en, v)).toBe(
      'Not enough to tell: this page failed (HTTP 502) through Cloudflare, and no other Cloudflare-served site was seen here lately to compare with.',
    );
  });

  it('failing sites with nothing else answering: not enough to tell', () => {
    const v = verdictOf({
      page: shop(502),
      observed: observed({ cloudflare: sig('insufficient', { reason: 'no_comparison', failingSites: 3 }) }, [
        CF_502,
      ]),
    });
    expect(v).toMatchObject({ outcome: 'unknown', reason: 'no_comparison' });
  });

  it('no answer at all from the edge: not enough to tell; from a plain origin: the site’s server', () => {
    const timedOut = { ...shop(), documentStatus: undefined, documentError: 'net::ERR_CONNECTION_TIMED_OUT' };
    expect(verdictOf({ page: timedOut })).toMatchObject({ outcome: 'unknown', reason: 'no_answer' });
    const refused = { ...plain(), documentStatus: undefined, documentError: 'NS_ERROR_CONNECTION_REFUSED' };
    const v = verdictOf({ page: refused });
    expect(v.outcome).toBe('site_down');
    expect(v).not.toHaveProperty('providerId');
    expect(words(v)).toEqual([
      'The site’s own server is failing (connection refused); no provider stands in front of it.',
      'www.plain.example did not answer: connection refused.',
    ]);
    expect(verdictSentence(en, verdictOf({ page: plain(503) }))).toBe(
      'The site’s own server is failing (HTTP 503); no provider stands in front of it.',
    );
  });

  it('the user’s own connection comes before anything else', () => {
    const v = verdictOf({
      page: shop(),
      statuses: [st('cloudflare', 'major_outage')],
      observed: observed(
        { cloudflare: sig('insufficient', { reason: 'connection' }) },
        [],
        'connection_problem',
      ),
    });
    expect(v).toMatchObject({ outcome: 'own_connection', sentence: { key: 'localConnectionProblem' } });
    const offline = {
      ...plain(),
      documentStatus: undefined,
      documentError: 'net::ERR_INTERNET_DISCONNECTED',
    };
    expect(verdictOf({ page: offline }).outcome).toBe('own_connection');
  });

  it('degraded performance: a problem that may affect the page, with the failure when the page failed', () => {
    expect(verdictOf({ page: shop(), statuses: [st('fastly', 'degraded')] })).toMatchObject({
      outcome: 'provider_reports_problem',
      providerId: 'fastly',
    });
    const v = verdictOf({
      page: shop(502),
      statuses: [st('cloudflare', 'degraded')],
      observed: observed({}, [CF_502]),
    });
    expect(v).toMatchObject({ outcome: 'provider_reports_problem', providerId: 'cloudflare' });
    expect(verdictSentence(en, v)).toBe(
      'This page failed (HTTP 502), and Cloudflare reports a problem that may be the cause: degraded performance.',
    );
    // Maintenance and an unknown status are no problem of the page.
    for (const level of ['maintenance', 'unknown'] as const) {
      expect(verdictOf({ page: shop(), statuses: [st('cloudflare', level)] }).outcome).toBe('all_good');
    }
  });

  it('the provider the document failed through comes first; then the document’s', () => {
    const v = verdictOf({
      page: shop(502),
      statuses: [st('fastly', 'major_outage'), st('cloudflare', 'major_outage')],
      observed: observed({ fastly: sig('failing_here', { failingSites: 4 }) }, [CF_502]),
    });
    expect(v.providerId).toBe('cloudflare');
    const scripts = verdictOf({
      page: shop(),
      observed: observed({
        fastly: sig('failing_here', { failingSites: 4, healthySites: 0 }),
        cloudflare: sig('ok'),
      }),
    });
    expect(scripts).toMatchObject({ outcome: 'provider_failing', providerId: 'fastly' });
  });

  it('says every outcome in both languages, with no substitution left over', () => {
    const verdicts: Verdict[] = [
      verdictOf({ page: shop() }),
      verdictOf({ page: plain() }),
      verdictOf({ page: plain(503) }),
      verdictOf({ page: shop(), statuses: [st('cloudflare', 'major_outage')] }),
      verdictOf({
        page: shop(502),
        statuses: [st('cloudflare', 'major_outage')],
        observed: observed({}, [CF_502]),
      }),
      verdictOf({
        page: shop(),
        statuses: [st('cloudflare', 'partial_outage')],
        observed: observed({ cloudflare: sig('failing_here', { failingSites: 3 }) }),
      }),
      verdictOf({
        page: shop(502),
        statuses: [st('cloudflare', 'operational')],
        observed: observed({ cloudflare: sig('site_problem', { okSites: 2 }) }, [CF_502]),
      }),
      verdictOf({
        page: shop(500),
        observed: observed({ cloudflare: sig('site_problem', { okSites: 2 }) }, [
          explained(500, [{ name: 'server', value: 'cloudflare' }], '<center>cloudflare</center>'),
        ]),
      }),
      verdictOf({
        page: shop(),
        observed: observed({ cloudflare: sig('failing_here', { failingSites: 3 }) }),
      }),
      verdictOf({ page: shop(), statuses: [st('fastly', 'degraded')] }),
      verdictOf({ page: shop(502), statuses: [st('cloudflare', 'degraded')] }),
      verdictOf({
        page: shop(522),
        statuses: [st('cloudflare', 'operational')],
        observed: observed({}, [CF_522]),
      }),
      verdictOf({
        page: shop(502),
        observed: observed({ cloudflare: sig('site_problem', { okSites: 2 }) }, [CF_502]),
      }),
      verdictOf({ page: shop(502), observed: observed({}, [CF_502]) }),
      verdictOf({
        page: shop(502),
        observed: observed({ cloudflare: sig('insufficient', { reason: 'no_comparison' }) }),
      }),
      verdictOf({ page: { ...shop(), documentError: 'net::ERR_CONNECTION_RESET' } }),
      verdictOf({ page: shop(), observed: observed({}, [], 'connection_problem') }),
    ];
    expect(new Set(verdicts.map((v) => v.sentence.key)).size).toBe(verdicts.length);
    for (const t of [en, fr]) {
      for (const v of verdicts) {
        for (const line of [say(t, v.sentence), ...v.evidence.map((e) => evidenceText(t, e))]) {
          expect(line).not.toMatch(/\$\d|undefined|\[object/);
          expect(line.length).toBeGreaterThan(10);
        }
      }
    }
  });
});
