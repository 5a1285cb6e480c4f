// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { mount, settle, unmountAll } from '../__fixtures__/mount.ts';
import { explain } from '../core/observe/explanations.ts';
import type { Level, ProviderStatus } from '../core/status/model.ts';
import { pageStatus } from '../core/status/relevance.ts';
import type { PageState } from '../messages.ts';
import { type MockConnector, type MockOptions, mockConnector } from './__fixtures__/mock-connector.ts';
import { judged, shopPage } from './__fixtures__/pages.ts';
import { event, HOUR, MIN, NOW, relevant, status, withStatuses } from './__fixtures__/status.ts';
import { App } from './App.tsx';

afterEach(unmountAll);

async function show(options: MockOptions): Promise<{ main: HTMLElement; connector: MockConnector }> {
  const connector = mockConnector({ now: NOW, ...options });
  const root = await mount(<App connector={connector} />);
  await settle();
  return { main: root.querySelector('main')!, connector };
}

/** shopPage (Cloudflare CDG+FRA, Fastly, Render, S3, Stripe) with these statuses. */
function page(...statuses: Parameters<typeof withStatuses>[1]): PageState {
  return withStatuses(shopPage(), statuses);
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const item = (main: HTMLElement, id: string) => main.querySelector<HTMLElement>(`li[data-provider="${id}"]`)!;
const statusOf = (main: HTMLElement, id: string) =>
  item(main, id).querySelector<HTMLElement>('[data-status]');
const verdict = (main: HTMLElement) => main.querySelector<HTMLElement>('[data-testid="verdict"]')!;
const sentence = (main: HTMLElement) => text(verdict(main).querySelector('[data-testid="verdict-text"]'));
const evidence = (main: HTMLElement) =>
  [...verdict(main).querySelectorAll('[data-evidence]')].map((li) => text(li));
const rowHealth = (main: HTMLElement, id: string) =>
  text(item(main, id).querySelector('[data-testid="row-health"]'));
const isOpen = (main: HTMLElement, id: string) =>
  item(main, id).querySelector<HTMLDetailsElement>('details.provider-row')?.open;
const announcer = (main: HTMLElement) => text(main.querySelector('[data-testid="announcer"]'));

const WORDS: Record<Level, { en: string; fr: string }> = {
  operational: { en: 'Operational', fr: 'Opérationnel' },
  maintenance: { en: 'Maintenance', fr: 'En maintenance' },
  degraded: { en: 'Degraded performance', fr: 'Performances dégradées' },
  partial_outage: { en: 'Partial outage', fr: 'Panne partielle' },
  major_outage: { en: 'Major outage', fr: 'Panne majeure' },
  unknown: { en: 'Status unknown', fr: 'État inconnu' },
};

describe('per-provider live status', () => {
  for (const level of Object.keys(WORDS) as Level[]) {
    for (const locale of ['en', 'fr'] as const) {
      it(`${level} in ${locale}: data-status, shape and words`, async () => {
        const unknown = level === 'unknown' ? { reason: 'not_checked' } : undefined;
        const { main } = await show({ locale, page: page(status('cloudflare', { level, unknown })) });
        const el = statusOf(main, 'cloudflare')!;
        expect(el.getAttribute('data-status')).toBe(level);
        expect(text(el.querySelector('[data-testid="status-words"]'))).toBe(WORDS[level][locale]);
        const mark = el.querySelector('.status-mark')!;
        expect(mark.classList.contains(`mark-${level}`)).toBe(true);
        expect(mark.getAttribute('aria-hidden')).toBe('true');
        expect(el.closest('.live-status')!.classList.contains(`level-${level}`)).toBe(true);
      });
    }
  }

  it('shows nothing about status for providers without a status feed', async () => {
    const { main } = await show({ page: page(status('cloudflare')) });
    expect(statusOf(main, 'render')).toBeNull();
    expect(item(main, 'render').querySelector('[data-testid="live-status"]')).toBeNull();
    expect(statusOf(main, 'cloudflare')).not.toBeNull();
  });

  it('says when it was checked and links to the status page', async () => {
    const { main } = await show({
      page: page(
        status('cloudflare', { checkedAt: NOW - MIN, pageUrl: 'https://www.cloudflarestatus.com/' }),
      ),
    });
    const cf = item(main, 'cloudflare');
    expect(text(cf.querySelector('[data-testid="status-checked"]'))).toBe('checked 1 min ago');
    const link = cf.querySelector<HTMLAnchorElement>('a[data-testid="status-page"]')!;
    expect(text(link)).toBe('Status page');
    expect(link.getAttribute('href')).toBe('https://www.cloudflarestatus.com/');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer');
  });

  it('never shows a negative age: a check time ahead of the clock reads "just now"', async () => {
    const { main } = await show({ page: page(status('cloudflare', { checkedAt: NOW + 5 * MIN })) });
    expect(text(item(main, 'cloudflare').querySelector('[data-testid="status-checked"]'))).toBe(
      'checked just now',
    );
    const fr = await show({ locale: 'fr', page: page(status('cloudflare', { checkedAt: NOW - 3 * HOUR })) });
    expect(text(item(fr.main, 'cloudflare').querySelector('[data-testid="status-checked"]'))).toBe(
      'vérifié il y a 3 h',
    );
  });

  it('says "may affect this page" when only provider-wide events of unknown scope speak', async () => {
    const e = event({ id: 'wide', title: 'Elevated errors', impact: 'partial_outage' });
    const { main } = await show({
      page: page(
        status('cloudflare', {
          level: 'partial_outage',
          uncertain: true,
          incidents: [relevant(e, 'may_affect')],
        }),
      ),
    });
    const el = statusOf(main, 'cloudflare')!;
    expect(el.getAttribute('data-uncertain')).toBe('true');
    expect(text(el)).toBe('Partial outage — may affect this page');
    expect(text(main.querySelector('[data-incident="wide"] .relation'))).toBe(
      'Provider-wide, scope not stated: may affect this page',
    );
  });
});

describe('unknown status', () => {
  const REASONS: Record<string, string> = {
    not_checked: 'not checked yet',
    unreachable: 'the status page could not be reached (network error)',
    timed_out: 'the status page could not be reached (timed out)',
    http_error: 'the status page answered with an error',
    too_large: 'the status page’s answer was too large to read',
    unparseable: 'the status page’s answer could not be read',
    redirected: 'the status page answered with a redirect (not followed)',
    something_new: 'the status could not be checked',
  };

  it('puts each reason into words', async () => {
    for (const [reason, words] of Object.entries(REASONS)) {
      const { main } = await show({
        page: page(status('cloudflare', { level: 'unknown', unknown: { reason } })),
      });
      expect(text(statusOf(main, 'cloudflare')), reason).toBe(`Status unknown — ${words}`);
    }
  });

  it('is distinct, with the last known level and its age', async () => {
    const { main } = await show({
      page: page(
        status('cloudflare', {
          level: 'unknown',
          uncertain: true,
          unknown: { reason: 'timed_out', lastLevel: 'operational', lastOkAt: NOW - 2 * HOUR },
        }),
      ),
    });
    const cf = item(main, 'cloudflare');
    expect(statusOf(main, 'cloudflare')!.getAttribute('data-status')).toBe('unknown');
    expect(text(statusOf(main, 'cloudflare'))).toBe(
      'Status unknown — the status page could not be reached (timed out)',
    );
    expect(text(cf.querySelector('[data-testid="last-known"]'))).toBe('Last known: operational, 2 h ago');
    // Unknown is not "something wrong with the page".
    expect(verdict(main).dataset.outcome).toBe('all_good');
  });

  it('in French, without a time for the last known level', async () => {
    const { main } = await show({
      locale: 'fr',
      page: page(
        status('cloudflare', {
          level: 'unknown',
          unknown: { reason: 'http_error', lastLevel: 'degraded' },
        }),
      ),
    });
    expect(text(statusOf(main, 'cloudflare'))).toBe('État inconnu — la page d’état a répondu par une erreur');
    expect(text(item(main, 'cloudflare').querySelector('[data-testid="last-known"]'))).toBe(
      'Dernier état connu : performances dégradées',
    );
  });

  it('has no "last known" line when nothing was ever read', async () => {
    const { main } = await show({
      page: page(status('cloudflare', { level: 'unknown', unknown: { reason: 'unreachable' } })),
    });
    expect(item(main, 'cloudflare').querySelector('[data-testid="last-known"]')).toBeNull();
  });
});

describe('incidents', () => {
  const outage = event({
    id: 'inc-1',
    title: 'Widespread 5xx errors',
    impact: 'major_outage',
    state: 'identified',
    startedAt: NOW - 12 * MIN,
    lastUpdate: 'A fix is being rolled out.',
    url: 'https://www.cloudflarestatus.com/incidents/inc-1',
    components: [{ name: 'Paris, France - (CDG)', pop: 'CDG' }],
  });

  it('shows title as a link, impact, state, time since it started and the latest update', async () => {
    const { main } = await show({
      page: page(status('cloudflare', { level: 'major_outage', incidents: [relevant(outage, 'pop')] })),
    });
    const li = item(main, 'cloudflare').querySelector<HTMLElement>('[data-incident="inc-1"]')!;
    const link = li.querySelector<HTMLAnchorElement>('a[data-testid="incident-link"]')!;
    expect(text(link)).toBe('Widespread 5xx errors');
    expect(link.getAttribute('href')).toBe('https://www.cloudflarestatus.com/incidents/inc-1');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noreferrer');
    expect(text(li.querySelector('[data-testid="incident-meta"]'))).toBe(
      'Major outage · identified · for 12 min',
    );
    expect(text(li.querySelector('[data-testid="incident-update"]'))).toBe(
      'Latest update: A fix is being rolled out.',
    );
    expect(text(li.querySelector('.relation'))).toBe('Affects the datacenter serving this page (CDG)');
    expect(li.dataset.relation).toBe('pop');
  });

  it('in French', async () => {
    const { main } = await show({
      locale: 'fr',
      page: page(
        status('cloudflare', {
          level: 'major_outage',
          incidents: [relevant({ ...outage, startedAt: NOW - 3 * HOUR - 20 * MIN }, 'pop')],
        }),
      ),
    });
    const li = main.querySelector('[data-incident="inc-1"]')!;
    expect(text(li.querySelector('[data-testid="incident-meta"]'))).toBe(
      'Panne majeure · cause identifiée · depuis 3 h',
    );
    expect(text(li.querySelector('[data-testid="incident-update"]'))).toBe(
      'Dernière mise à jour : A fix is being rolled out.',
    );
  });

  it('reads "just now" for a start time ahead of the clock, and "impact not stated" for no impact', async () => {
    const info = event({
      id: 'i2',
      title: 'Notice',
      impact: 'operational',
      state: 'monitoring',
      startedAt: NOW + MIN,
    });
    const { main } = await show({ page: page(status('cloudflare', { incidents: [relevant(info)] })) });
    expect(text(main.querySelector('[data-incident="i2"] [data-testid="incident-meta"]'))).toBe(
      'Impact not stated · monitoring · started just now',
    );
  });

  it('never turns a non-http link from a feed into a link', async () => {
    const bad = event({ id: 'x', title: 'Bad link', url: 'javascript:alert(1)' });
    const { main } = await show({
      page: page(status('cloudflare', { level: 'major_outage', incidents: [relevant(bad)] })),
    });
    const li = main.querySelector('[data-incident="x"]')!;
    expect(li.querySelector('a')).toBeNull();
    expect(text(li.querySelector('.incident-title'))).toBe('Bad link');
  });
});

describe('maintenances and re-routed datacenters', () => {
  it('an active maintenance in the page datacenter', async () => {
    const m = event({
      id: 'm1',
      kind: 'maintenance',
      impact: 'maintenance',
      title: 'CDG datacenter upgrade',
      state: 'in_progress',
      startedAt: NOW - 30 * MIN,
      components: [{ name: 'Paris, France - (CDG)', pop: 'CDG' }],
    });
    const { main } = await show({
      page: page(status('cloudflare', { level: 'maintenance', maintenances: [relevant(m, 'pop')] })),
    });
    const li = item(main, 'cloudflare').querySelector<HTMLElement>('[data-maintenance="m1"]')!;
    expect(li.dataset.active).toBe('true');
    expect(text(li.querySelector('.maintenance-heading'))).toBe('Maintenance in progress in CDG');
    expect(text(li.querySelector('.maintenance-title'))).toBe('CDG datacenter upgrade');
    expect(li.querySelector('[data-testid="maintenance-window"]')).toBeNull();
  });

  it('a scheduled maintenance with its window', async () => {
    const from = NOW + 14 * HOUR;
    const until = NOW + 18 * HOUR;
    const m = event({
      id: 'm2',
      kind: 'maintenance',
      impact: 'maintenance',
      title: 'Frankfurt network work',
      state: 'scheduled',
      active: false,
      scheduledFor: from,
      scheduledUntil: until,
      url: 'https://www.cloudflarestatus.com/incidents/m2',
      components: [{ name: 'Frankfurt, Germany - (FRA)', pop: 'FRA' }],
    });
    const { main } = await show({
      locale: 'fr',
      page: page(status('cloudflare', { maintenances: [relevant(m, 'pop')] })),
    });
    const li = main.querySelector<HTMLElement>('[data-maintenance="m2"]')!;
    expect(li.dataset.active).toBe('false');
    expect(text(li.querySelector('.maintenance-heading'))).toBe('Maintenance prévue à FRA');
    const window = li.querySelector<HTMLElement>('[data-testid="maintenance-window"]')!;
    expect(window.dataset.from).toBe('2026-03-15T02:00:00.000Z');
    expect(window.dataset.until).toBe('2026-03-15T06:00:00.000Z');
    expect(text(window)).toBe(
      new Intl.DateTimeFormat('fr', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
        .formatRange(from, until)
        .replace(/\s+/g, ' '),
    );
    expect(text(window)).toMatch(/mars/);
    // A scheduled maintenance does not make the level "maintenance", nor a summary line.
    expect(statusOf(main, 'cloudflare')!.getAttribute('data-status')).toBe('operational');
    expect(verdict(main).dataset.outcome).toBe('all_good');
  });

  it('a maintenance whose times are no dates (1e20, from a stored status) shows without a window, and the popup renders', async () => {
    const m = event({
      id: 'm3',
      kind: 'maintenance',
      impact: 'maintenance',
      title: 'Far future work',
      state: 'scheduled',
      active: false,
      scheduledFor: 1e20,
      scheduledUntil: -1e20,
      components: [{ name: 'Frankfurt, Germany - (FRA)', pop: 'FRA' }],
    });
    const odd = event({ ...m, id: 'm4', scheduledFor: NOW, scheduledUntil: Number.NaN });
    const { main } = await show({
      page: page(status('cloudflare', { maintenances: [relevant(m, 'pop'), relevant(odd, 'pop')] })),
    });
    const li = main.querySelector<HTMLElement>('[data-maintenance="m3"]')!;
    expect(text(li.querySelector('.maintenance-title'))).toBe('Far future work');
    expect(li.querySelector('[data-testid="maintenance-window"]')).toBeNull();
    const starts = main.querySelector<HTMLElement>(
      '[data-maintenance="m4"] [data-testid="maintenance-window"]',
    )!;
    expect(starts.dataset.until).toBeUndefined();
    expect(text(starts)).toMatch(/^starts /);
    expect(statusOf(main, 'cloudflare')!.getAttribute('data-status')).toBe('operational');
  });

  it('a re-routed datacenter is information, with its city', async () => {
    const { main } = await show({ page: page(status('cloudflare', { rerouted: ['CDG'] })) });
    expect(text(item(main, 'cloudflare').querySelector('[data-rerouted="CDG"]'))).toBe(
      'Paris (CDG) is re-routed: traffic is served from a nearby datacenter',
    );
    expect(verdict(main).dataset.outcome).toBe('all_good');
    const fr = await show({ locale: 'fr', page: page(status('cloudflare', { rerouted: ['CDG'] })) });
    expect(text(fr.main.querySelector('[data-rerouted="CDG"]'))).toBe(
      'Paris (CDG) est redirigé : le trafic est servi par un centre de données proche',
    );
  });

  it('lists products the page uses that are not operational', async () => {
    const { main } = await show({
      page: page(
        status('fastly', { level: 'degraded', products: [{ name: 'CDN/Cache', level: 'degraded' }] }),
      ),
    });
    expect(text(item(main, 'fastly').querySelector('[data-product="CDN/Cache"]'))).toBe(
      'CDN/Cache: degraded performance',
    );
  });
});

describe('verdict and rows', () => {
  const cfOutage = status('cloudflare', {
    level: 'major_outage',
    incidents: [
      relevant(
        event({ id: 'a', title: 'Widespread 5xx errors', impact: 'major_outage', startedAt: NOW - 12 * MIN }),
      ),
    ],
  });
  const stripeOutage = status('stripe', {
    level: 'partial_outage',
    incidents: [
      relevant(event({ id: 'b', title: 'API errors', impact: 'partial_outage', startedAt: NOW - 3 * HOUR })),
    ],
  });
  const fastlySlow = status('fastly', {
    level: 'degraded',
    products: [{ name: 'CDN/Cache', level: 'degraded' }],
  });

  it('all good when nothing is wrong, "Check now" offered, healthy rows closed on one line', async () => {
    const { main } = await show({
      page: page(
        status('cloudflare'),
        status('stripe', { level: 'unknown', unknown: { reason: 'timed_out' } }),
      ),
    });
    expect(verdict(main).dataset.outcome).toBe('all_good');
    expect(main.querySelector('[data-testid="check-status"]')).not.toBeNull();
    expect(announcer(main)).toBe(
      '5 providers found. All good: this page loaded, and none of its providers reports or shows a problem.',
    );
    expect(rowHealth(main, 'cloudflare')).toBe('Operational');
    expect(rowHealth(main, 'stripe')).toBe('Status unknown');
    expect(rowHealth(main, 'render')).toBe('no status page');
    expect(isOpen(main, 'cloudflare')).toBe(false);
  });

  it('has no "Check now" without any status feed', async () => {
    const { main } = await show({ page: shopPage() });
    expect(verdict(main).dataset.outcome).toBe('all_good');
    expect(main.querySelector('[data-testid="check-status"]')).toBeNull();
  });

  it('names the document’s provider in an outage as the verdict; the other troubles on their rows, open', async () => {
    const { main } = await show({ page: page(fastlySlow, status('render'), stripeOutage, cfOutage) });
    expect(verdict(main).dataset.outcome).toBe('provider_failing');
    expect(verdict(main).dataset.provider).toBe('cloudflare');
    expect(verdict(main).dataset.declared).toBe('true');
    expect(sentence(main)).toBe(
      'Cloudflare is failing: its status page reports a major outage that concerns this page.',
    );
    expect(evidence(main)).toEqual(['Cloudflare: major outage — Widespread 5xx errors']);
    expect(verdict(main).querySelector('[role="alert"]')).not.toBeNull();
    expect(rowHealth(main, 'stripe')).toBe('Partial outage');
    expect(rowHealth(main, 'fastly')).toBe('Degraded performance');
    expect(rowHealth(main, 'render')).toBe('Operational');
    expect([
      isOpen(main, 'cloudflare'),
      isOpen(main, 'stripe'),
      isOpen(main, 'fastly'),
      isOpen(main, 'render'),
    ]).toEqual([true, true, true, false]);
    expect(announcer(main)).toBe(
      '5 providers found. Cloudflare is failing: its status page reports a major outage that concerns this page.',
    );
  });

  it('in French', async () => {
    const { main } = await show({ locale: 'fr', page: page(cfOutage) });
    expect(sentence(main)).toBe(
      'Cloudflare est en panne : sa page d’état signale une panne majeure qui concerne cette page.',
    );
    expect(evidence(main)).toEqual(['Cloudflare : panne majeure — Widespread 5xx errors']);
  });

  it('a problem of unknown scope may affect the page (no alert); maintenance and unused providers are no verdict', async () => {
    const m = event({
      id: 'm',
      kind: 'maintenance',
      impact: 'maintenance',
      title: 'CDG upgrade',
      startedAt: NOW - 5 * MIN,
    });
    const wide = event({ id: 'w', title: 'Elevated errors', impact: 'partial_outage' });
    const { main } = await show({
      page: page(
        status('cloudflare', { level: 'maintenance', maintenances: [relevant(m, 'pop')] }),
        status('fastly', {
          level: 'partial_outage',
          uncertain: true,
          incidents: [relevant(wide, 'may_affect')],
        }),
        status('github', { level: 'major_outage' }),
      ),
    });
    expect(verdict(main).dataset.outcome).toBe('provider_reports_problem');
    expect(sentence(main)).toBe('Fastly reports a problem that may affect this page: partial outage.');
    expect(verdict(main).querySelector('[role="alert"]')).toBeNull();
    expect(rowHealth(main, 'cloudflare')).toBe('Maintenance');
    expect(isOpen(main, 'cloudflare')).toBe(true);
    const only = await show({
      page: page(status('cloudflare', { level: 'maintenance', maintenances: [relevant(m, 'pop')] })),
    });
    expect(verdict(only.main).dataset.outcome).toBe('all_good');
  });

  it('an error through a provider reporting an outage is explained as part of it, not as the site’s', async () => {
    const cf502 = explain({
      status: 502,
      headers: [{ name: 'server', value: 'cloudflare' }],
      providerIds: ['cloudflare'],
      pop: 'CDG',
    });
    const state = page(cfOutage);
    if (state.kind !== 'page') throw new Error('page');
    const failing = judged({
      ...state,
      page: { ...state.page, documentStatus: 502 },
      observed: {
        local: 'ok',
        providers: {},
        errors: [
          { host: 'shop.example', providerId: 'cloudflare', status: 502, explanation: cf502, n: 1, at: NOW },
        ],
      },
    });
    const { main } = await show({ page: failing });
    expect(sentence(main)).toBe(
      'Cloudflare reports a major outage; this page’s HTTP 502 is most likely part of it.',
    );
    const errors = [...item(main, 'cloudflare').querySelectorAll('[data-testid="observed-errors"] li')].map(
      (li) => text(li),
    );
    expect(errors).toEqual([
      'HTTP 502 via Cloudflare (CDG): Cloudflare reports a major outage; this 502 is most likely part of it, not the site’s own problem. (once, on shop.example)',
    ]);
    expect(text(main)).not.toContain('usual case');
  });
});

describe('Check now', () => {
  it('calls refreshStatus for the tab, is busy meanwhile, then renders the fresh state', async () => {
    const answer = deferred<PageState>();
    const fresh = page(
      status('cloudflare', {
        level: 'major_outage',
        checkedAt: NOW,
        incidents: [relevant(event({ id: 'a', title: 'Widespread 5xx errors', startedAt: NOW - 12 * MIN }))],
      }),
    );
    const { main, connector } = await show({
      tabId: 7,
      page: page(status('cloudflare', { checkedAt: NOW - 20 * MIN })),
      refresh: () => answer.promise,
    });
    const button = main.querySelector<HTMLButtonElement>('[data-testid="check-status"]')!;
    expect(text(button)).toBe('Check now');
    expect(button.getAttribute('aria-busy')).toBe('false');
    expect(verdict(main).dataset.outcome).toBe('all_good');

    button.focus();
    await act(() => button.click());
    await settle();
    expect(connector.refreshes).toEqual([7]);
    // Busy, but still focusable: the keyboard stays where it was.
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(button);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(text(button)).toBe('Checking…');
    expect(announcer(main)).toBe('Checking the live status…');
    // A second click while busy does not start another check.
    await act(() => button.click());
    expect(connector.refreshes).toEqual([7]);

    answer.resolve(fresh);
    await settle();
    expect(button.getAttribute('aria-disabled')).toBe('false');
    expect(button.getAttribute('aria-busy')).toBe('false');
    // The same button, still focused, in the fresh state.
    expect(main.querySelector('[data-testid="check-status"]')).toBe(button);
    expect(document.activeElement).toBe(button);
    expect(statusOf(main, 'cloudflare')!.getAttribute('data-status')).toBe('major_outage');
    expect(text(item(main, 'cloudflare').querySelector('[data-testid="status-checked"]'))).toBe(
      'checked just now',
    );
    expect(verdict(main).dataset.outcome).toBe('provider_failing');
    expect(announcer(main)).toBe(
      '5 providers found. Cloudflare is failing: its status page reports a major outage that concerns this page.',
    );
    expect(connector.requests).toEqual([7]);
  });

  it('keeps what it shows and says so when the check fails', async () => {
    const { main } = await show({
      locale: 'fr',
      page: page(status('cloudflare')),
      refresh: () => Promise.reject(new Error('no answer')),
    });
    const button = main.querySelector<HTMLButtonElement>('[data-testid="check-status"]')!;
    expect(text(button)).toBe('Vérifier maintenant');
    await act(() => button.click());
    await settle();
    expect(text(main.querySelector('[data-testid="check-failed"]'))).toBe(
      'L’état en direct n’a pas pu être vérifié. Réessayez dans un instant.',
    );
    expect(main.querySelector('[data-testid="check-failed"]')!.getAttribute('role')).toBe('alert');
    expect(statusOf(main, 'cloudflare')!.getAttribute('data-status')).toBe('operational');
    expect(button.getAttribute('aria-disabled')).toBe('false');
  });
});

describe('with the real relevance code', () => {
  it('renders what pageStatus decides for this page', async () => {
    const provider: ProviderStatus = {
      providerId: 'cloudflare',
      level: 'major_outage',
      checkedAt: NOW - 2 * MIN,
      okAt: NOW - 2 * MIN,
      pageUrl: 'https://www.cloudflarestatus.com/',
      last: {
        level: 'major_outage',
        components: [
          { id: 'c1', name: 'Frankfurt, Germany - (FRA)', level: 'partial_outage', pop: 'FRA', place: true },
        ],
        incidents: [
          event({
            id: 'here',
            title: 'Paris errors',
            impact: 'partial_outage',
            startedAt: NOW - 40 * MIN,
            components: [{ name: 'Paris, France - (CDG)', pop: 'CDG' }],
          }),
          event({
            id: 'elsewhere',
            title: 'Sydney errors',
            impact: 'major_outage',
            components: [{ name: 'Sydney, Australia - (SYD)', pop: 'SYD' }],
          }),
        ],
        maintenances: [],
      },
    };
    const st = pageStatus(provider, { providerId: 'cloudflare', pops: ['CDG', 'FRA'] });
    const { main } = await show({ page: page(st) });
    expect(statusOf(main, 'cloudflare')!.getAttribute('data-status')).toBe('partial_outage');
    expect(main.querySelector('[data-incident="here"]')).not.toBeNull();
    expect(main.querySelector('[data-incident="elsewhere"]')).toBeNull();
    expect(text(main.querySelector('[data-rerouted="FRA"]'))).toBe(
      'Frankfurt (FRA) is re-routed: traffic is served from a nearby datacenter',
    );
    expect(sentence(main)).toBe(
      'Cloudflare is failing: its status page reports a partial outage that concerns this page.',
    );
    expect(evidence(main)).toEqual(['Cloudflare: partial outage — Paris errors']);
  });
});
