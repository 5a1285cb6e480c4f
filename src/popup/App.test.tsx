// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { mount as mountUi, settle, unmountAll, unmountRoot } from '../__fixtures__/mount.ts';
import type { PageState } from '../messages.ts';
import { type MockConnector, type MockOptions, mockConnector } from './__fixtures__/mock-connector.ts';
import { crowdedPage, judged, shopPage, unknownPage, vercelPage } from './__fixtures__/pages.ts';
import { App } from './App.tsx';

afterEach(unmountAll);

async function mount(connector: MockConnector): Promise<HTMLElement> {
  const root = await mountUi(<App connector={connector} />);
  await settle();
  return root;
}

async function show(options: MockOptions): Promise<{ main: HTMLElement; connector: MockConnector }> {
  const connector = mockConnector(options);
  const el = await mount(connector);
  return { main: el.querySelector('main')!, connector };
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
const items = (main: HTMLElement) => [...main.querySelectorAll<HTMLElement>('li[data-provider]')];
/** The four data attributes of a provider item (happy-dom's dataset drops empty values). */
const attrs = (li: Element) =>
  Object.fromEntries(['role', 'document', 'pops'].map((k) => [k, li.getAttribute(`data-${k}`)]));
const item = (main: HTMLElement, id: string) => main.querySelector<HTMLElement>(`li[data-provider="${id}"]`)!;

describe('loading', () => {
  it('shows loading until getPage resolves, then the page', async () => {
    const answer = deferred<PageState>();
    const { main, connector } = await show({ tabId: 7, page: () => answer.promise });
    expect(main.dataset.state).toBe('loading');
    expect(main.getAttribute('aria-busy')).toBe('true');
    expect(text(main.querySelector('[data-testid="loading"]'))).toBe('Loading this tab’s data…');
    expect(main.querySelector('[data-testid="empty"]')).toBeNull();
    expect(connector.requests).toEqual([7]);

    answer.resolve(shopPage());
    await settle();
    expect(main.dataset.state).toBe('page');
    expect(main.getAttribute('aria-busy')).toBe('false');
    expect(items(main)).toHaveLength(5);
  });

  it('says so in French', async () => {
    const { main } = await show({ locale: 'fr', page: () => new Promise(() => {}) });
    expect(text(main.querySelector('[data-testid="loading"]'))).toBe('Chargement des données de l’onglet…');
  });
});

describe('restricted and empty', () => {
  it('restricted: explains that the browser hides these pages', async () => {
    const { main } = await show({ page: { kind: 'restricted', url: 'chrome://extensions/' } });
    expect(main.dataset.state).toBe('restricted');
    expect(text(main.querySelector('h2'))).toBe('Faultline can’t see this page');
    expect(text(main)).toContain('extension stores or local files');
  });

  it('restricted in French', async () => {
    const { main } = await show({ locale: 'fr', page: { kind: 'restricted', url: 'about:addons' } });
    expect(text(main.querySelector('h2'))).toBe('Faultline ne peut pas voir cette page');
  });

  it('empty: asks for a reload, with the host in the header', async () => {
    const { main } = await show({ page: { kind: 'empty', url: 'https://news.example/a?b' } });
    expect(main.dataset.state).toBe('empty');
    expect(text(main.querySelector('h1'))).toBe('news.example');
    expect(text(main.querySelector('[data-testid="empty"] p'))).toBe(
      'Faultline hasn’t seen any response for this tab yet. Reload the page to analyse it.',
    );
  });

  it('empty in French, without a URL', async () => {
    const { main } = await show({ locale: 'fr', page: { kind: 'empty' } });
    expect(text(main.querySelector('h1'))).toBe('Faultline');
    expect(text(main)).toContain('Rechargez la page pour l’analyser.');
  });
});

describe('a page loaded before Faultline listened', () => {
  const SHOP_URL = 'https://www.maple-shop.com/';
  const late: PageState = { kind: 'empty', url: SHOP_URL, late: true };
  const click = async (el: Element | null) => {
    await act(() => (el as HTMLButtonElement).click());
    await settle();
  };

  it('says Faultline started after it loaded, reloads the tab and shows the result when it arrives', async () => {
    let answer: PageState = late;
    const { main, connector } = await show({ tabId: 4, page: () => Promise.resolve(answer) });
    expect(main.dataset.state).toBe('late');
    expect(text(main.querySelector('h1'))).toBe('www.maple-shop.com');
    const section = main.querySelector('[data-testid="started-late"]');
    expect(text(section?.querySelector('h2'))).toBe('Faultline started after this page loaded');
    expect(text(section?.querySelector('p'))).toBe(
      'It only sees what a page loads while it runs, so it saw nothing of this one. Reload the page to analyse it.',
    );
    const button = main.querySelector<HTMLButtonElement>('[data-testid="reload"]');
    expect(text(button)).toBe('Reload the page');
    expect(main.querySelector('[data-testid="empty"]')).toBeNull();

    await click(button);
    expect(connector.reloads).toEqual([4]);
    const busy = main.querySelector<HTMLButtonElement>('[data-testid="reload"]');
    // Busy but still focusable: keyboard focus stays on it until the reloaded page arrives.
    expect(busy).toBe(button);
    expect(busy?.disabled).toBe(false);
    expect(busy?.getAttribute('aria-disabled')).toBe('true');
    expect(busy?.getAttribute('aria-busy')).toBe('true');
    expect(text(busy)).toBe('Reloading…');
    await click(busy);
    expect(connector.reloads).toEqual([4]);

    // The old page's late requests: still the page loaded before, still reloading.
    await act(() => connector.notify(4));
    await settle();
    expect(main.dataset.state).toBe('late');
    expect(main.querySelector('[data-testid="reload"]')?.getAttribute('aria-disabled')).toBe('true');

    answer = shopPage(4);
    await act(() => connector.notify(4));
    await settle();
    expect(main.dataset.state).toBe('page');
    expect(main.querySelector('[data-testid="started-late"]')).toBeNull();
    expect(items(main)[0]?.dataset.provider).toBe('cloudflare');
    expect(text(main.querySelector('[data-testid="announcer"]'))).toMatch(/^5 providers found\. /);
  });

  it('a page seen in part: the notice above what was seen, with the same Reload', async () => {
    const partial = shopPage(5);
    const { main, connector } = await show({
      tabId: 5,
      page: { ...(partial as Extract<PageState, { kind: 'page' }>), late: true },
    });
    expect(main.dataset.state).toBe('page');
    const section = main.querySelector('[data-testid="started-late"]');
    expect(text(section?.querySelector('p'))).toBe(
      'It saw only what the page loaded after that, not the page itself: what follows may be incomplete. Reload the page to see all of it.',
    );
    expect(section?.compareDocumentPosition(items(main)[0]!)).toBe(Node.DOCUMENT_POSITION_FOLLOWING);
    await click(main.querySelector('[data-testid="reload"]'));
    expect(connector.reloads).toEqual([5]);
  });

  it('a reload the browser refuses says so and gives the button back', async () => {
    const { main } = await show({ page: late, reload: () => Promise.reject(new Error('No tab with id: 1')) });
    await click(main.querySelector('[data-testid="reload"]'));
    expect(text(main.querySelector('[role="alert"][data-testid="reload-failed"]'))).toBe(
      'The page could not be reloaded.',
    );
    expect(main.querySelector('[data-testid="reload"]')?.getAttribute('aria-disabled')).toBe('false');
  });

  it('in French', async () => {
    const { main } = await show({ locale: 'fr', page: late });
    expect(text(main.querySelector('[data-testid="started-late"] h2'))).toBe(
      'Faultline a démarré après le chargement de cette page',
    );
    expect(text(main.querySelector('[data-testid="reload"]'))).toBe('Recharger la page');
  });
});

describe('none: requests but no known provider', () => {
  it('says so honestly, lists the hosts without evidence and the unknown responses', async () => {
    const { main } = await show({ page: unknownPage() });
    expect(main.dataset.state).toBe('none');
    expect(text(main.querySelector('[data-testid="none"] h2'))).toBe(
      'No known provider in front of this site',
    );
    expect(text(main.querySelector('[data-testid="none-server"]'))).toBe(
      'Its server: plain.example, at 192.0.2.10.',
    );
    const hosts = [...main.querySelectorAll('[data-testid="unattributed-hosts"] li')].map((li) => text(li));
    expect(hosts).toEqual(['plain.example', 'cdn.plain.example']);
    expect(text(main.querySelector('[data-testid="unknown-count"]'))).toBe(
      '2 responses could not be attributed: a service worker or the browser cache answered them, with no server address.',
    );
    expect(text(main.querySelector('[data-testid="page-stats"]'))).toBe('Faultline · 5 requests · 3 hosts');
    expect(items(main)).toHaveLength(0);
    expect(text(main.querySelector('[data-testid="announcer"]'))).toBe(
      'No known provider found. All good: this page loaded from its own server.',
    );
  });

  it('in French', async () => {
    const { main } = await show({ locale: 'fr', page: unknownPage() });
    expect(text(main.querySelector('[data-testid="none"] h2'))).toBe(
      'Aucun fournisseur connu devant ce site',
    );
    expect(main.querySelector('[data-testid="unknown-count"]')?.textContent).toBe(
      '2 réponses n’ont pas pu être attribuées\u00a0: un service worker ou le cache du navigateur y a répondu, sans adresse de serveur.',
    );
    expect(text(main.querySelector('[data-testid="page-stats"]'))).toBe('Faultline · 5 requêtes · 3 hôtes');
  });
});

describe('page: providers', () => {
  it('renders each provider with its data attributes, main document first', async () => {
    const { main } = await show({ page: shopPage() });
    expect(main.dataset.state).toBe('page');
    expect(items(main).map((li) => li.dataset.provider)).toEqual([
      'cloudflare',
      'fastly',
      'render',
      'aws-s3',
      'stripe',
    ]);
    const cf = item(main, 'cloudflare');
    expect(attrs(cf)).toEqual({ role: 'edge', document: 'true', pops: 'CDG,FRA' });
    expect(attrs(item(main, 'render'))).toMatchObject({ role: 'origin', document: 'true', pops: '' });
    expect(attrs(item(main, 'fastly'))).toMatchObject({ role: 'edge', document: 'false', pops: 'XYZ' });
    expect(attrs(item(main, 'stripe'))).toMatchObject({ role: 'service', document: 'false' });
    expect(main.querySelectorAll('ul[data-testid="providers"]').length).toBe(3);
  });

  it('marks the main document in words', async () => {
    const { main } = await show({ page: shopPage() });
    expect(text(item(main, 'cloudflare').querySelector('[data-testid="main-document"]'))).toBe(
      'Main document',
    );
    expect(item(main, 'fastly').querySelector('[data-testid="main-document"]')).toBeNull();
  });

  it('groups by category under headings, storage with hosting', async () => {
    const { main } = await show({ page: shopPage() });
    const headings = [...main.querySelectorAll('section[data-group] > h2')].map((h) => text(h));
    expect(headings).toEqual(['Edge & CDN', 'Hosting & cloud', 'Third-party services']);
    const hosting = main.querySelector('section[data-group="hosting"]')!;
    expect(
      [...hosting.querySelectorAll('li[data-provider]')].map((li) => li.getAttribute('data-provider')),
    ).toEqual(['render', 'aws-s3']);
  });

  it('puts the group of the main document first', async () => {
    const { main } = await show({ page: vercelPage() });
    expect(items(main).map((li) => li.dataset.provider)).toEqual(['vercel', 'cloudfront']);
    const headings = [...main.querySelectorAll('section[data-group] > h2')].map((h) => text(h));
    expect(headings).toEqual(['Hosting & cloud', 'Edge & CDN']);
  });

  it('describes name, category, role and what is served, in words', async () => {
    const { main } = await show({ page: shopPage() });
    const cf = item(main, 'cloudflare');
    expect(text(cf.querySelector('.provider-name'))).toBe('Cloudflare');
    expect(text(cf.querySelector('.meta'))).toBe('CDN · 3 requests · Serves 1 document and 2 scripts');
    expect(text(cf.querySelector('[data-testid="role"]'))).toBe(
      'Edge: the provider’s server nearest you, which answered your browser. Main document',
    );
    expect(text(cf.querySelector('[data-testid="serves"]'))).toBe('Serves 1 document and 2 scripts');
    expect(text(item(main, 'render').querySelector('[data-testid="role"]'))).toBe(
      'Origin: where the site itself runs, behind the edge. Main document',
    );
    expect(text(item(main, 'aws-s3').querySelector('.meta'))).toBe(
      'Object storage · 2 requests · Serves 2 images',
    );
    const stripe = item(main, 'stripe');
    expect(text(stripe.querySelector('[data-testid="role"]'))).toBe(
      'Third-party service: called by the page, run by someone other than the site.',
    );
    expect(text(stripe.querySelector('[data-testid="serves"]'))).toBe('Serves 1 script and 2 API calls');
  });

  it('shows PoPs as "code · city", the code alone when the city is unknown', async () => {
    const { main } = await show({ page: shopPage() });
    const cf = item(main, 'cloudflare');
    expect(text(cf.querySelector('[data-pop="CDG"]'))).toBe('CDG · Paris');
    expect(text(cf.querySelector('[data-pop="FRA"]'))).toBe('FRA · Frankfurt');
    expect(text(item(main, 'fastly').querySelector('[data-pop="XYZ"]'))).toBe('XYZ');
    expect(item(main, 'render').querySelector('[data-pop]')).toBeNull();
  });

  it('lists the evidence in a closed disclosure', async () => {
    const { main } = await show({ page: shopPage() });
    const details = item(main, 'cloudflare').querySelector<HTMLDetailsElement>(
      'details[data-testid="evidence"]',
    )!;
    expect(details.open).toBe(false);
    expect(text(details.querySelector('summary'))).toBe('Evidence');
    const lines = [...details.querySelectorAll('li')].map((li) => text(li));
    expect(lines).toEqual([
      'cf-ray: 8f1a2b3c4d5e6f70-CDG on shop.example',
      'IP 104.16.1.1 in range 104.16.0.0/13',
      'cf-ray: 8f1a2b3c4d5e6f71-FRA on static.shop.example',
      'IP 104.16.1.1 in range 104.16.0.0/13',
    ]);
    expect(text(details.querySelector('li code'))).toBe('cf-ray: 8f1a2b3c4d5e6f70-CDG');
    const fastly = [...item(main, 'fastly').querySelectorAll('[data-testid="evidence"] li')].map((li) =>
      text(li),
    );
    expect(fastly).toEqual(['shop.global.ssl.fastly.net matches *.fastly.net']);
  });

  it('header: host, requests and hosts; unattributed hosts and unknown responses below', async () => {
    const { main } = await show({ page: shopPage() });
    expect(text(main.querySelector('h1'))).toBe('shop.example');
    expect(text(main.querySelector('[data-testid="page-stats"]'))).toBe('Faultline · 11 requests · 6 hosts');
    expect(text(main.querySelector('.unattributed summary'))).toBe('1 host with no provider evidence');
    expect(text(main.querySelector('[data-testid="unattributed-hosts"]'))).toBe('tracker.example');
    expect(text(main.querySelector('[data-testid="unknown-count"]'))).toBe(
      '1 response could not be attributed: a service worker or the browser cache answered it, with no server address.',
    );
    expect(text(main.querySelector('[data-testid="announcer"]'))).toBe(
      '5 providers found. All good: this page loaded, and none of its providers reports or shows a problem.',
    );
  });

  it('says "and N more hosts" when hosts overflowed', async () => {
    const { main } = await show({ page: crowdedPage(5) });
    expect(text(main.querySelector('[data-testid="page-stats"]'))).toBe(
      'Faultline · 155 requests · 150 hosts and 5 more hosts',
    );
    const fr = await show({ locale: 'fr', page: crowdedPage(1) });
    expect(text(fr.main.querySelector('[data-testid="page-stats"]'))).toBe(
      'Faultline · 151 requêtes · 150 hôtes et 1 autre hôte',
    );
  });

  it('is fully French in French', async () => {
    const { main } = await show({ locale: 'fr', page: shopPage() });
    const cf = item(main, 'cloudflare');
    expect(text(cf.querySelector('[data-testid="main-document"]'))).toBe('Document principal');
    expect(text(cf.querySelector('[data-testid="role"]'))).toBe(
      'Périphérie (edge) : le serveur du fournisseur le plus proche de vous, qui a répondu à votre navigateur. Document principal',
    );
    expect(text(cf.querySelector('[data-testid="serves"]'))).toBe('Fournit 1 document et 2 scripts');
    expect(text(cf.querySelector('[data-testid="evidence"] summary'))).toBe('Indices');
    expect(text(cf.querySelector('[data-testid="evidence"] li'))).toBe(
      'cf-ray: 8f1a2b3c4d5e6f70-CDG sur shop.example',
    );
    expect(text(cf.querySelector('summary'))).toBe('Cloudflare livre cette page pas de page d’état Paris +1');
    expect(text(item(main, 'stripe').querySelector('[data-testid="serves"]'))).toBe(
      'Fournit 1 script et 2 appels d’API',
    );
    const headings = [...main.querySelectorAll('section[data-group] > h2')].map((h) => text(h));
    expect(headings).toEqual(['Périphérie et CDN', 'Hébergement et cloud', 'Services tiers']);
    expect(text(main.querySelector('[data-testid="announcer"]'))).toBe(
      '5 fournisseurs détectés. Tout va bien : cette page s’est chargée, et aucun de ses fournisseurs ne signale ni ne montre de problème.',
    );
  });
});

describe('live updates', () => {
  it('re-fetches after a pageChanged notification of its tab only', async () => {
    const answers: PageState[] = [{ kind: 'empty', url: 'https://shop.example/' }, shopPage(3)];
    let calls = 0;
    const { main, connector } = await show({
      tabId: 3,
      page: () => Promise.resolve(answers[Math.min(calls++, answers.length - 1)]!),
    });
    expect(main.dataset.state).toBe('empty');
    expect(connector.listeners()).toBe(1);
    expect(text(main.querySelector('[data-testid="announcer"]'))).toBe('');

    await act(() => connector.notify(4));
    await settle();
    expect(connector.requests).toEqual([3]);
    expect(main.dataset.state).toBe('empty');

    await act(() => connector.notify(3));
    await settle();
    expect(connector.requests).toEqual([3, 3]);
    expect(main.dataset.state).toBe('page');
    expect(text(main.querySelector('[data-testid="announcer"]'))).toBe(
      '5 providers found. All good: this page loaded, and none of its providers reports or shows a problem.',
    );
  });

  it('keeps what it shows when a re-fetch fails, and unsubscribes on unmount', async () => {
    let calls = 0;
    const { main, connector } = await show({
      page: () => (calls++ === 0 ? Promise.resolve(shopPage(1)) : Promise.reject(new Error('asleep'))),
    });
    await act(() => connector.notify(1));
    await settle();
    expect(calls).toBe(2);
    expect(main.dataset.state).toBe('page');
    await act(() => unmountRoot(main.parentElement!));
    expect(connector.listeners()).toBe(0);
  });
});

describe('errors', () => {
  it('shows an error with a retry when the background never answers', async () => {
    let calls = 0;
    const { main, connector } = await show({
      page: () => (calls++ === 0 ? Promise.reject(new Error('no receiver')) : Promise.resolve(shopPage(1))),
    });
    expect(main.dataset.state).toBe('error');
    expect(text(main.querySelector('h2'))).toBe('No answer from the extension');
    const button = main.querySelector<HTMLButtonElement>('.state button')!;
    expect(text(button)).toBe('Try again');
    await act(() => button.click());
    await settle();
    expect(main.dataset.state).toBe('page');
    expect(connector.requests).toEqual([1, 1]);
  });

  it('says when there is no tab', async () => {
    const { main, connector } = await show({ tabId: undefined, locale: 'fr', page: { kind: 'empty' } });
    expect(main.dataset.state).toBe('error');
    expect(text(main.querySelector('h2'))).toBe('Il n’y a aucun onglet à analyser.');
    expect(connector.requests).toEqual([]);
  });
});

describe('a page that did not load', () => {
  it('says how the document failed instead of "no known provider"', async () => {
    const page = unknownPage(12);
    if (page.kind !== 'page') throw new Error('fixture');
    const failed: PageState = judged({
      kind: 'page',
      page: {
        ...page.page,
        url: 'https://www.daily-ledger.com/',
        host: 'www.daily-ledger.com',
        requests: 0,
        unattributedHosts: [],
        unknownRequests: 0,
        documentStatus: undefined,
        documentIps: [],
        documentError: 'net::ERR_CONNECTION_REFUSED',
      },
      verdict: page.verdict,
    });
    const { main } = await show({ page: failed, tabId: 12 });
    const verdict = main.querySelector<HTMLElement>('[data-testid="verdict"]')!;
    expect(verdict.dataset.outcome).toBe('site_down');
    expect(text(verdict.querySelector('[data-testid="verdict-text"]'))).toBe(
      'The site’s own server is failing (connection refused); no provider stands in front of it.',
    );
    expect(text(verdict.querySelector('[data-evidence="document"]'))).toBe(
      'www.daily-ledger.com did not answer: connection refused.',
    );
    expect(main.querySelector('[data-testid="none"]')).toBeNull();
  });
});

describe('a page the browser refused to store', () => {
  it('says that a restarted background would show an earlier state of it', async () => {
    const page = shopPage(4);
    if (page.kind !== 'page') throw new Error('fixture');
    const { main } = await show({ page: { ...page, page: { ...page.page, unsaved: true } }, tabId: 4 });
    expect(text(main.querySelector('[data-testid="unsaved"]'))).toMatch(
      /^The browser’s session storage is full/,
    );
    const saved = await show({ page, tabId: 4 });
    expect(saved.main.querySelector('[data-testid="unsaved"]')).toBeNull();
  });
});
