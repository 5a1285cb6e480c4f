// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mount, settle, unmountAll } from '../__fixtures__/mount.ts';
import { explain } from '../core/observe/explanations.ts';
import type { ObservedPage, PageError } from '../core/observe/page.ts';
import type { ProviderSignal } from '../core/observe/signal.ts';
import type { PageState } from '../messages.ts';
import { type MockOptions, mockConnector } from './__fixtures__/mock-connector.ts';
import { judged, shopPage } from './__fixtures__/pages.ts';
import { MIN, NOW, status, withStatuses } from './__fixtures__/status.ts';
import { App } from './App.tsx';

afterEach(unmountAll);

async function show(options: MockOptions): Promise<HTMLElement> {
  const connector = mockConnector({ now: NOW, ...options });
  const root = await mount(<App connector={connector} />);
  await settle();
  return root.querySelector('main')!;
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const item = (main: HTMLElement, id: string) => main.querySelector<HTMLElement>(`li[data-provider="${id}"]`)!;

function sig(state: ProviderSignal['state'], extra: Partial<ProviderSignal> = {}): ProviderSignal {
  return {
    state,
    sites: 6,
    failingSites: 0,
    siteErrorSites: 0,
    okSites: 6,
    healthySites: 6,
    spanMinutes: 3,
    ...extra,
  };
}

const cf522 = explain({
  status: 522,
  headers: [{ name: 'server', value: 'cloudflare' }],
  providerIds: ['cloudflare', 'render'],
  pop: 'CDG',
});
const direct503 = explain({ status: 503, headers: [], providerIds: [] });

const ERRORS: PageError[] = [
  { host: 'shop.example', providerId: 'cloudflare', status: 522, explanation: cf522, n: 1, at: NOW - MIN },
  { host: 'static.shop.example', providerId: 'cloudflare', error: 'timeout', n: 3, at: NOW - 2 * MIN },
  { host: 'tracker.example', status: 503, explanation: direct503, n: 2, at: NOW - 3 * MIN },
];

const FAILING: ObservedPage = {
  local: 'ok',
  providers: {
    cloudflare: sig('failing_here', {
      failingSites: 4,
      okSites: 2,
      healthySites: 1,
      sites: 6,
      failingSince: NOW - MIN,
    }),
    fastly: sig('ok', { okSites: 1, healthySites: 1, sites: 1 }),
    stripe: sig('site_problem', { siteErrorSites: 1, okSites: 0, healthySites: 0, sites: 1 }),
  },
  errors: ERRORS,
};

function page(observed: ObservedPage, withStatus = true): PageState {
  const state = withStatus ? withStatuses(shopPage(), [status('cloudflare')]) : shopPage();
  if (state.kind !== 'page') throw new Error('page state expected');
  return judged({ ...state, observed });
}

const EXPECTED = {
  en: {
    failing: 'Observed here: 4 of 5 Cloudflare-served sites failing in the last 3 min.',
    ok: 'Observed here: 1 Fastly-served site in the last 3 min, and it worked.',
    site: 'Observed here: 1 Stripe-served site with errors in the last 3 min, and 0 working. Most likely that site’s own problem, not Stripe’s.',
    verdict: 'Cloudflare is failing: 4 of the 5 Cloudflare-served sites seen here in the last 3 min failed.',
    row: 'failing here',
    reported: 'Reported by its status page',
    errors: [
      'HTTP 522 via Cloudflare (CDG): The site’s own server did not answer Cloudflare in time. Most likely the site’s problem, not Cloudflare’s. (once, on shop.example)',
      'Timed out (3 times, on static.shop.example)',
    ],
    pageErrors:
      'HTTP 503: The site’s server, or something in front of it that Faultline does not recognise, answered with a server error. (2 times, on tracker.example)',
    connection:
      'Almost every request from this browser is failing, across many sites: most likely your own connection (network, Wi-Fi, proxy or VPN), not any provider.',
    nothing:
      'Observed here: nothing to conclude about Cloudflare — almost every request from this browser is failing, which points at your own connection.',
  },
  fr: {
    failing: 'Observé ici : 4 sites servis par Cloudflare sur 5 en échec ces 3 dernières minutes.',
    ok: 'Observé ici : 1 site servi par Fastly ces 3 dernières minutes, sans échec.',
    site: 'Observé ici : 1 site servi par Stripe en erreur ces 3 dernières minutes, et 0 qui fonctionnent. Sans doute un problème de ce site, pas de Stripe.',
    verdict:
      'Cloudflare est en panne : 4 des 5 sites servis par Cloudflare vus ici ces 3 dernières minutes ont échoué.',
    row: 'en échec ici',
    reported: 'Annoncé par sa page d’état',
    errors: [
      'HTTP 522 via Cloudflare (CDG) : Le serveur du site n’a pas répondu à temps à Cloudflare. Sans doute un problème du site, pas chez Cloudflare. (une fois, sur shop.example)',
      'Délai dépassé (3 fois, sur static.shop.example)',
    ],
    pageErrors:
      'HTTP 503 : Le serveur du site, ou quelque chose devant lui que Faultline ne reconnaît pas, a répondu par une erreur serveur. (2 fois, sur tracker.example)',
    connection:
      'Presque toutes les requêtes de ce navigateur échouent, sur de nombreux sites : sans doute votre propre connexion (réseau, Wi-Fi, proxy ou VPN), pas un fournisseur.',
    nothing:
      'Observé ici : rien à conclure sur Cloudflare, car presque toutes les requêtes de ce navigateur échouent, ce qui désigne votre propre connexion.',
  },
} as const;

for (const locale of ['en', 'fr'] as const) {
  const want = EXPECTED[locale];

  describe(`observed failures in the popup (${locale})`, () => {
    it('shows reported and observed side by side, with the observed state on the provider', async () => {
      const main = await show({ locale, page: page(FAILING) });
      const cf = item(main, 'cloudflare');
      const observed = cf.querySelector('[data-observed]')!;
      expect(observed.getAttribute('data-observed')).toBe('failing_here');
      expect(text(observed)).toBe(want.failing);
      expect(text(cf.querySelector('[data-testid="reported-label"]'))).toBe(want.reported);
      expect(cf.querySelector('[data-status]')?.getAttribute('data-status')).toBe('operational');
      // Reported first, then observed.
      const live = cf.querySelector('[data-testid="live-status"]')!;
      expect(live.compareDocumentPosition(observed) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

      expect(item(main, 'fastly').querySelector('[data-observed]')?.getAttribute('data-observed')).toBe('ok');
      expect(text(item(main, 'fastly').querySelector('[data-observed]'))).toBe(want.ok);
      // No status feed for Fastly in this state: no "reported" label.
      expect(item(main, 'fastly').querySelector('[data-testid="reported-label"]')).toBeNull();
      expect(text(item(main, 'stripe').querySelector('[data-observed="site_problem"]'))).toBe(want.site);
      // Nothing observed for Render: no observed line.
      expect(item(main, 'render').querySelector('[data-observed]')).toBeNull();
    });

    it('names the provider failing here in the verdict, first, as an alert', async () => {
      const main = await show({ locale, page: page(FAILING) });
      const verdict = main.querySelector<HTMLElement>('[data-testid="verdict"]')!;
      expect(verdict.dataset.outcome).toBe('provider_failing');
      expect(verdict.dataset.provider).toBe('cloudflare');
      expect(verdict.dataset.seen).toBe('true');
      const sentence = verdict.querySelector('[data-testid="verdict-text"]')!;
      expect(text(sentence)).toBe(want.verdict);
      expect(sentence.getAttribute('role')).toBe('alert');
      // Before the providers.
      const list = main.querySelector('.groups')!;
      expect(verdict.compareDocumentPosition(list) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
      // The row says it too, and opens on the details.
      const cf = item(main, 'cloudflare');
      expect(text(cf.querySelector('[data-testid="row-health"]'))).toBe(want.row);
      expect(cf.querySelector<HTMLDetailsElement>('details.provider-row')?.open).toBe(true);
    });

    it('names it even when no provider has a status feed, with no "Check now"', async () => {
      const main = await show({ locale, page: page(FAILING, false) });
      expect(text(main.querySelector('[data-testid="verdict-text"]'))).toBe(want.verdict);
      expect(main.querySelector('[data-testid="check-status"]')).toBeNull();
    });

    it('explains the page’s errors under the provider they came through, the others on their own', async () => {
      const main = await show({ locale, page: page(FAILING) });
      const errors = [...item(main, 'cloudflare').querySelectorAll('[data-testid="observed-errors"] li')];
      expect(errors.map((li) => text(li))).toEqual(want.errors);
      expect(errors[0]?.getAttribute('data-blame')).toBe('site');
      expect(errors[0]?.getAttribute('data-explanation')).toBe('cf-522');
      expect(errors[1]?.getAttribute('data-error')).toBe('timeout');
      const rest = main.querySelector('[data-testid="page-errors"]')!;
      expect([...rest.querySelectorAll('li')].map((li) => text(li))).toEqual([want.pageErrors]);
    });

    it('says it is the user’s own connection, once, at the top, and blames no provider', async () => {
      const connection: ObservedPage = {
        local: 'connection_problem',
        providers: {
          cloudflare: sig('insufficient', { reason: 'connection', failingSites: 5 }),
          fastly: sig('insufficient', { reason: 'connection', failingSites: 1 }),
        },
        errors: [],
      };
      const main = await show({ locale, page: page(connection) });
      const verdict = main.querySelector<HTMLElement>('[data-testid="verdict"]')!;
      expect(verdict.dataset.outcome).toBe('own_connection');
      expect(text(verdict.querySelector('[data-testid="verdict-text"]'))).toBe(want.connection);
      expect(main.querySelectorAll('[data-testid="verdict"]')).toHaveLength(1);
      const cf = item(main, 'cloudflare').querySelector('[data-observed]')!;
      expect(cf.getAttribute('data-observed')).toBe('insufficient');
      expect(cf.getAttribute('data-reason')).toBe('connection');
      expect(text(cf)).toBe(want.nothing);
      expect(main.querySelectorAll('[data-observed="failing_here"]')).toHaveLength(0);
    });
  });
}

it('a page state without observations renders as before', async () => {
  const main = await show({ page: shopPage() });
  expect(main.querySelector('[data-observed]')).toBeNull();
  expect(main.querySelector('[data-testid="observed-errors"]')).toBeNull();
  expect(main.querySelector('[data-testid="page-errors"]')).toBeNull();
  expect(main.querySelector('[data-testid="verdict"]')?.getAttribute('data-outcome')).toBe('all_good');
});
