// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { mount as mountUi, settle, unmountAll } from '../__fixtures__/mount.ts';
import type { PageState, ResilienceState } from '../messages.ts';
import { type MockConnector, type MockOptions, mockConnector } from './__fixtures__/mock-connector.ts';
import { shopPage, unknownPage } from './__fixtures__/pages.ts';
import { SHOP_CHECKLIST, SHOP_MARKDOWN, shopReport, shopResilience } from './__fixtures__/resilience.ts';
import { App } from './App.tsx';

afterEach(unmountAll);

/** 2025-03-14 12:00 UTC: the same calendar day in every time zone from UTC−11 to UTC+11. */
const NOW = Date.UTC(2025, 2, 14, 12, 0, 0);

async function show(
  options: Partial<MockOptions>,
): Promise<{ main: HTMLElement; section: HTMLElement; connector: MockConnector }> {
  const connector = mockConnector({ page: shopPage(1), now: NOW, ...options });
  const root = await mountUi(<App connector={connector} />);
  // The page state first, then the resilience request its effect sends: two rounds.
  await settle();
  await settle();
  const main = root.querySelector('main')!;
  return { main, section: main.querySelector<HTMLElement>('[data-testid="resilience"]')!, connector };
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
const q = (el: Element, selector: string) => el.querySelector<HTMLElement>(selector);
const texts = (el: Element, selector: string) => [...el.querySelectorAll(selector)].map((e) => text(e));

describe('resilience: loading', () => {
  it('shows the providers at once, the resilience section loading until its answer', async () => {
    const answer = deferred<ResilienceState>();
    const { main, section, connector } = await show({
      tabId: 7,
      page: shopPage(7),
      resilience: () => answer.promise,
    });
    expect(main.dataset.state).toBe('page');
    expect(main.querySelectorAll('li[data-provider]')).toHaveLength(5);
    expect(section.dataset.state).toBe('loading');
    expect(section.getAttribute('aria-busy')).toBe('true');
    expect(text(q(section, 'h2'))).toBe('Resilience');
    expect(text(q(section, '[data-testid="resilience-loading"]'))).toBe(
      'Working out what breaks if a provider fails…',
    );
    expect(connector.requests).toEqual([7]);
    expect(connector.resilienceRequests).toEqual([7]);

    answer.resolve(shopResilience());
    await settle();
    expect(section.dataset.state).toBe('ready');
    expect(section.getAttribute('aria-busy')).toBe('false');
    expect(q(section, '[data-testid="resilience-loading"]')).toBeNull();
    expect(section.querySelectorAll('li[data-impact]')).toHaveLength(5);
  });

  it('is the second tab, one step from the providers, and follows the keyboard', async () => {
    const { main } = await show({ resilience: shopResilience() });
    const tabs = [...main.querySelectorAll<HTMLElement>('[role="tab"]')];
    expect(tabs.map((t) => [t.dataset.tab, t.getAttribute('aria-selected')])).toEqual([
      ['providers', 'true'],
      ['resilience', 'false'],
    ]);
    expect(text(tabs[0])).toBe('5 providers');
    const panel = (id: string) => main.querySelector<HTMLElement>(`[role="tabpanel"][data-panel="${id}"]`)!;
    expect(panel('resilience').hidden).toBe(true);
    // The report is asked for and rendered in its hidden panel: ready when its tab opens.
    expect(panel('resilience').querySelector('[data-testid="resilience"]')?.getAttribute('data-state')).toBe(
      'ready',
    );
    expect(panel('resilience').getAttribute('aria-labelledby')).toBe(tabs[1]!.id);
    await act(() => {
      tabs[0]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    });
    expect(tabs[1]!.getAttribute('aria-selected')).toBe('true');
    expect(tabs[1]!.tabIndex).toBe(0);
    expect(tabs[0]!.tabIndex).toBe(-1);
    expect(document.activeElement).toBe(tabs[1]);
    expect(panel('resilience').hidden).toBe(false);
    expect(panel('providers').hidden).toBe(true);
    await act(() => {
      tabs[1]!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home', bubbles: true }));
    });
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
  });

  it('a page with no provider gets its report too; other states none', async () => {
    const none = await show({ page: unknownPage(), resilience: shopResilience() });
    expect(none.main.dataset.state).toBe('none');
    expect(none.section?.dataset.state).toBe('ready');
    expect(none.connector.resilienceRequests).toEqual([1]);
    const restricted = await show({ page: { kind: 'restricted', url: 'about:addons' } });
    expect(restricted.section).toBeNull();
    expect(restricted.connector.resilienceRequests).toEqual([]);
  });

  it('in French', async () => {
    const { section } = await show({ locale: 'fr', resilience: () => new Promise(() => {}) });
    expect(text(q(section, 'h2'))).toBe('Résilience');
    expect(text(q(section, '[data-testid="resilience-loading"]'))).toBe(
      'Analyse de ce qui casse si un fournisseur tombe en panne…',
    );
  });
});

describe('resilience: impact ranking', () => {
  it('lists the verdicts in the report order, critical ones marked in words', async () => {
    const { section } = await show({ resilience: shopResilience() });
    const items = [...section.querySelectorAll<HTMLElement>('li[data-impact]')];
    expect(items.map((li) => li.dataset.impact)).toEqual([
      'cloudflare',
      'render',
      'stripe',
      'fastly',
      'aws-s3',
    ]);
    expect(items.map((li) => li.dataset.severity)).toEqual([
      'critical',
      'critical',
      'major',
      'major',
      'minor',
    ]);
    expect(items.map((li) => li.dataset.critical)).toEqual(['true', 'true', 'false', 'false', 'false']);
    expect(text(q(items[0]!, '[data-testid="severity"]'))).toBe('critical — the page cannot work without it');
    expect(text(q(items[0]!, '[data-testid="impact-text"]'))).toBe(
      'If Cloudflare fails: the page does not load at all.',
    );
    expect(text(q(items[2]!, '[data-testid="severity"]'))).toBe('Major');
    expect(text(q(items[2]!, '[data-testid="impact-text"]'))).toBe(
      'If Stripe fails: payments fail (its payment frame and API calls); the page still loads.',
    );
    expect(text(q(items[4]!, '[data-testid="severity"]'))).toBe('Minor');
    expect(text(q(section, '[data-testid="impact"] h3'))).toBe('If a provider fails');
  });

  it('in French, from the keys rather than the English sentence', async () => {
    const { section } = await show({ locale: 'fr', resilience: shopResilience() });
    const cf = q(section, 'li[data-impact="cloudflare"]')!;
    expect(text(q(cf, '[data-testid="severity"]'))).toBe(
      'critique — la page ne peut pas fonctionner sans lui',
    );
    expect(q(cf, '[data-testid="impact-text"]')?.textContent).toBe(
      'Si Cloudflare tombe en panne\u00a0: la page ne se charge plus du tout.',
    );
    expect(text(q(section, 'li[data-impact="fastly"] [data-testid="severity"]'))).toBe('Majeur');
    expect(text(q(section, '[data-testid="impact"] h3'))).toBe('Si un fournisseur tombe en panne');
  });

  it('says when there is nothing to rank', async () => {
    const { section } = await show({ resilience: shopResilience('now', { impact: [] }) });
    expect(section.querySelectorAll('li[data-impact]')).toHaveLength(0);
    expect(text(q(section, '[data-testid="impact"] p'))).toBe('Nothing to rank: no provider recognised.');
  });
});

describe('resilience: DNS providers', () => {
  it('now: says a lookup happened just now, and what it found per domain', async () => {
    const { section } = await show({ resilience: shopResilience('now') });
    const line = q(section, '[data-testid="dns-lookup"]')!;
    expect(line.dataset.lookedUp).toBe('now');
    expect(text(line)).toBe(
      'Looked up the nameservers of shop.example, stripe.com, and onrender.com via DNS-over-HTTPS just now.',
    );
    expect(
      [...section.querySelectorAll<HTMLElement>('[data-dns-domain]')].map((li) => [
        li.dataset.dnsDomain,
        li.dataset.dnsState,
      ]),
    ).toEqual([
      ['shop.example', 'known'],
      ['stripe.com', 'known'],
      ['onrender.com', 'unknown'],
    ]);

    const shop = q(section, '[data-dns-domain="shop.example"]')!;
    expect(shop.dataset.dnsSingle).toBe('true');
    expect(text(q(shop, '[data-dns-provider="cloudflare"]'))).toBe(
      'Cloudflare ada.ns.cloudflare.com, bob.ns.cloudflare.com',
    );
    expect(text(q(shop, '[data-dns-provider="cloudflare"] strong'))).toBe('Cloudflare');
    expect(text(q(shop, '[data-testid="dns-single"]'))).toBe(
      'No secondary DNS: all nameservers at Cloudflare',
    );

    const stripe = q(section, '[data-dns-domain="stripe.com"]')!;
    expect(stripe.dataset.dnsSingle).toBe('false');
    expect(text(q(stripe, '[data-dns-provider="route53"] strong'))).toBe('Amazon Route 53');
    expect(text(q(stripe, '[data-dns-unknown-ns="ns1.stripe-dns.net"]'))).toBe(
      'Unknown operator: ns1.stripe-dns.net',
    );
    expect(q(stripe, '[data-testid="dns-single"]')).toBeNull();
    expect(text(q(stripe, '[data-testid="dns-operators"]'))).toBe('Nameservers at 2 different operators');

    const render = q(section, '[data-dns-domain="onrender.com"]')!;
    expect(render.dataset.dnsReason).toBe('http_error');
    expect(text(q(render, '[data-testid="dns-unknown"]'))).toBe(
      'DNS unknown: the resolver answered HTTP 503',
    );
  });

  it('now, in French', async () => {
    const { section } = await show({ locale: 'fr', resilience: shopResilience('now') });
    expect(text(q(section, '[data-testid="dns-lookup"]'))).toBe(
      'Serveurs de noms de shop.example, stripe.com et onrender.com recherchés à l’instant par DNS-over-HTTPS.',
    );
    expect(q(section, '[data-dns-domain="shop.example"] [data-testid="dns-single"]')?.textContent).toBe(
      'Pas de DNS secondaire\u00a0: tous les serveurs de noms sont chez Cloudflare',
    );
    expect(q(section, '[data-dns-domain="onrender.com"] [data-testid="dns-unknown"]')?.textContent).toBe(
      'DNS inconnu\u00a0: le résolveur a répondu HTTP 503',
    );
    expect(text(q(section, '[data-dns-domain="stripe.com"] [data-testid="dns-operators"]'))).toBe(
      'Serveurs de noms chez 2 opérateurs différents',
    );
    expect(text(q(section, '[data-testid="dns"] h3'))).toBe('Fournisseurs DNS');
  });

  it('cache: says the answers come from the last 24 hours', async () => {
    const { section } = await show({ resilience: shopResilience('cache') });
    const line = q(section, '[data-testid="dns-lookup"]')!;
    expect(line.dataset.lookedUp).toBe('cache');
    expect(text(line)).toBe(
      'Nameservers of shop.example, stripe.com, and onrender.com from a DNS-over-HTTPS lookup of the last 24 hours (cached).',
    );
    const fr = await show({ locale: 'fr', resilience: shopResilience('cache') });
    expect(text(q(fr.section, '[data-testid="dns-lookup"]'))).toBe(
      'Serveurs de noms de shop.example, stripe.com et onrender.com issus d’une recherche DNS-over-HTTPS des dernières 24 heures (en cache).',
    );
  });

  const NAMES = ['maple-shop.com', 'jsdelivr.net', 'stripe.com'];

  it('ask: nothing sent yet; the names and the resolver shown; agreeing looks them up', async () => {
    let agreed = false;
    const { section, connector } = await show({
      resilience: async () =>
        agreed ? shopResilience('now', {}, NAMES) : shopResilience('ask', { dns: undefined }, NAMES),
    });
    const consent = q(section, '[data-testid="dns-consent"]')!;
    expect(consent.dataset.consent).toBe('ask');
    expect(q(section, '[data-testid="dns-lookup"]')).toBeNull();
    expect(text(q(consent, 'p'))).toBe(
      'To show who runs DNS for this site, Faultline can look up nameservers over DNS-over-HTTPS. Nothing has been sent: it asks you once.',
    );
    const names = q(consent, '[data-testid="dns-names"]')!;
    expect(names.dataset.sent).toBe('false');
    expect(text(q(names, 'p'))).toBe(
      'With your agreement, these names would be sent to Cloudflare’s public resolver (cloudflare-dns.com), or to Google’s (dns.google) if it does not answer:',
    );
    expect(texts(names, 'li code')).toEqual(NAMES);
    expect(text(q(consent, '[data-testid="dns-not-now"]'))).toBe('Not now');
    const agree = q(consent, '[data-testid="dns-agree"]')!;
    expect(text(agree)).toBe('Agree and look up');
    expect(connector.resilienceRequests).toHaveLength(1);
    agreed = true;
    await act(() => agree.click());
    await settle();
    await settle();
    expect(connector.consents).toEqual([true]);
    expect(connector.resilienceRequests).toHaveLength(2);
    expect(q(section, '[data-testid="dns-consent"]')).toBeNull();
    expect(q(section, '[data-testid="dns-lookup"]')?.dataset.lookedUp).toBe('now');
    const sent = q(section, '[data-testid="dns-names"]')!;
    expect(sent.dataset.sent).toBe('true');
    expect(text(q(sent, 'p'))).toBe(
      'Names sent to Cloudflare’s public resolver (cloudflare-dns.com), or to Google’s (dns.google) if it did not answer:',
    );
    expect(texts(sent, 'li code')).toEqual(NAMES);
  });

  it('ask: the browser refusing what the user agreed to (Firefox) is said, and nothing recorded', async () => {
    const { section, connector } = await show({
      resilience: shopResilience('ask', { dns: undefined }, NAMES),
      refuseData: true,
    });
    await act(() => q(section, '[data-testid="dns-agree"]')!.click());
    await settle();
    expect(connector.consents).toEqual([]);
    expect(text(q(section, '[data-testid="dns-consent"] [role="alert"]'))).toBe(
      'Firefox did not allow sending these names, so nothing was sent. Agree again to be asked once more, or allow it in the add-ons manager.',
    );
    expect(q(section, '[data-testid="dns-agree"]')).not.toBeNull();
  });

  it('ask: "Not now" is remembered as declined', async () => {
    const { section, connector } = await show({
      resilience: shopResilience('ask', { dns: undefined }, NAMES),
    });
    await act(() => q(section, '[data-testid="dns-not-now"]')!.click());
    await settle();
    expect(connector.consents).toEqual([false]);
  });

  it('off (declined): says nothing was sent, the names, and a way to agree after all', async () => {
    const { section, connector } = await show({
      resilience: shopResilience('off', { dns: undefined }, NAMES),
    });
    const consent = q(section, '[data-testid="dns-consent"]')!;
    expect(consent.dataset.consent).toBe('off');
    expect(text(q(consent, 'p'))).toBe(
      'DNS lookups are off: nothing was sent, and the DNS providers were not looked up.',
    );
    expect(texts(consent, '[data-testid="dns-names"] li code')).toEqual(NAMES);
    expect(q(consent, '[data-testid="dns-not-now"]')).toBeNull();
    expect(section.querySelectorAll('[data-dns-domain]')).toHaveLength(0);
    await act(() => q(consent, '[data-testid="dns-agree"]')!.click());
    await settle();
    expect(connector.consents).toEqual([true]);

    const fr = await show({ locale: 'fr', resilience: shopResilience('ask', { dns: undefined }, NAMES) });
    expect(text(q(fr.section, '[data-testid="dns-agree"]'))).toBe('Accepter et rechercher');
    expect(text(q(fr.section, '[data-testid="dns-not-now"]'))).toBe('Pas maintenant');
  });

  it('failed: says the lookup gave nothing, and why per domain', async () => {
    const dns = {
      'shop.example': {
        unknown: 'unreachable',
        key: 'resDnsUnreachable',
        subs: [],
        text: 'both resolvers unreachable',
      },
      'stripe.com': {
        unknown: 'error_status',
        key: 'resDnsErrorStatus',
        subs: ['5'],
        text: 'DNS error (RCODE 5)',
      },
    } as const;
    const { section } = await show({ resilience: shopResilience('failed', { dns }) });
    const line = q(section, '[data-testid="dns-lookup"]')!;
    expect(line.dataset.lookedUp).toBe('failed');
    expect(text(line)).toBe(
      'The DNS-over-HTTPS lookup of shop.example and stripe.com gave no usable answer.',
    );
    expect(texts(section, '[data-testid="dns-unknown"]')).toEqual([
      'DNS unknown: both resolvers unreachable',
      'DNS unknown: DNS error (RCODE 5)',
    ]);
    expect(q(section, '[data-testid="dns-open-options"]')).toBeNull();

    const fr = await show({ locale: 'fr', resilience: shopResilience('failed', { dns }) });
    expect(text(q(fr.section, '[data-testid="dns-lookup"]'))).toBe(
      'La recherche DNS-over-HTTPS de shop.example et stripe.com n’a donné aucune réponse exploitable.',
    );
    expect(fr.section.querySelector('[data-testid="dns-unknown"]')?.textContent).toBe(
      'DNS inconnu\u00a0: aucun des deux résolveurs n’a répondu',
    );
    expect(texts(fr.section, '[data-testid="dns-unknown"]')[1]).toBe('DNS inconnu : erreur DNS (RCODE 5)');
  });

  it('failed before any domain could be asked, and skipped', async () => {
    const failed = await show({ resilience: shopResilience('failed', { dns: undefined }) });
    expect(text(q(failed.section, '[data-testid="dns-lookup"]'))).toBe('The DNS lookup could not be made.');
    const skipped = await show({ resilience: shopResilience('skipped', { dns: {} }) });
    const line = q(skipped.section, '[data-testid="dns-lookup"]')!;
    expect(line.dataset.lookedUp).toBe('skipped');
    expect(text(line)).toBe('No DNS lookup: the page is on an IP address or a local name.');
    expect(skipped.section.querySelectorAll('[data-dns-domain]')).toHaveLength(0);
  });

  it('names the SOA primary server case', async () => {
    const dns = {
      'shop.example': {
        source: 'soa',
        providers: [],
        nameservers: ['ns.hoster.example'],
        unknownNameservers: ['ns.hoster.example'],
        unknownOperators: ['hoster.example'],
        operators: 1,
        singleProvider: false,
      },
    } as const;
    const { section } = await show({ resilience: shopResilience('now', { dns }) });
    const li = q(section, '[data-dns-domain="shop.example"]')!;
    expect(text(q(li, '[data-testid="dns-soa"]'))).toBe(
      'Only the primary nameserver is known (from the SOA record).',
    );
    expect(text(q(li, '[data-dns-unknown-ns="ns.hoster.example"]'))).toBe(
      'Unknown operator: ns.hoster.example',
    );
  });
});

describe('resilience: whose law, served from where, and how fast it could switch', () => {
  it('says the summary the worker sent, one line per company with its country and law', async () => {
    const { section } = await show({ resilience: shopResilience() });
    const sov = q(section, '[data-testid="sovereignty"]')!;
    expect(text(sov.querySelector('h3'))).toBe('Whose law, served from where');
    expect(texts(sov, '[data-testid="sovereignty-summary"] li')).toEqual([
      'The critical path of this page runs through 1 company, Cloudflare, under US jurisdiction.',
      'It was served from France (Paris).',
      'Outside your country (France) and the EU: Cloudflare (United States).',
    ]);
    const rows = [...sov.querySelectorAll<HTMLElement>('[data-testid="jurisdictions"] li')];
    expect(
      rows.map((li) => [li.dataset.company, li.dataset.country, li.dataset.regime, li.dataset.critical]),
    ).toEqual([
      ['Cloudflare', 'US', 'us', 'true'],
      ['Stripe', 'US', 'us', 'false'],
    ]);
    expect(text(rows[0])).toBe('Cloudflare United States · US jurisdiction · on the critical path');
    expect(text(rows[1])).toBe('Stripe United States · US jurisdiction');
  });

  it('a company whose country is not known says so; the failover estimate stands with the DNS', async () => {
    const { section } = await show({
      resilience: shopResilience('now', {
        jurisdictions: [
          {
            company: 'jsDelivr',
            country: null,
            regime: 'unknown',
            providers: ['jsdelivr'],
            critical: false,
            note: 'x',
          },
        ],
      }),
    });
    expect(text(q(section, '[data-testid="jurisdictions"] li'))).toBe('jsDelivr country not known');
    const dns = q(section, '[data-testid="dns"]')!;
    expect(texts(dns, '[data-testid="failover"] li')).toEqual([
      'Switching shop.example to another CDN reaches most users within 5 minutes: its A record has a TTL of 5 minutes.',
      'Moving shop.example to another DNS provider reaches most users within a day: its NS records have a TTL of 1 day.',
    ]);
  });

  it('no TTL read (DNS off): no failover line', async () => {
    const state = shopResilience('off', { dns: undefined });
    if (state.kind !== 'resilience') throw new Error('fixture');
    const { section } = await show({ resilience: { ...state, words: { ...state.words, failover: [] } } });
    expect(q(section, '[data-testid="failover"]')).toBeNull();
  });

  it('in French: the country names of the company lines follow the language', async () => {
    const { section } = await show({ locale: 'fr', resilience: shopResilience() });
    const sov = q(section, '[data-testid="sovereignty"]')!;
    expect(text(sov.querySelector('h3'))).toBe('Sous quel droit, servie d’où');
    expect(text(sov.querySelector('[data-testid="jurisdictions"] li'))).toBe(
      'Cloudflare États-Unis · juridiction des États-Unis · sur le chemin critique',
    );
  });
});

describe('resilience: single points of failure', () => {
  it('lists each with its evidence and advice', async () => {
    const { section } = await show({ resilience: shopResilience() });
    const items = [...section.querySelectorAll<HTMLElement>('li[data-spof]')];
    expect(items.map((li) => li.dataset.spof)).toEqual(['document-edge', 'dns', 'payments']);
    expect(items.map((li) => li.dataset.spofId)).toEqual([
      'document-edge:cloudflare',
      'dns:shop.example',
      'payments:stripe',
    ]);
    const dns = items[1]!;
    expect(text(q(dns, '[data-testid="spof-text"]'))).toBe(
      'All nameservers of shop.example are at Cloudflare: no secondary DNS',
    );
    expect(text(q(dns, '[data-testid="spof-reason"]'))).toBe(
      'Evidence: the NS records of shop.example (ada.ns.cloudflare.com, bob.ns.cloudflare.com) all belong to Cloudflare.',
    );
    expect(text(q(dns, '[data-testid="spof-advice"]'))).toBe(
      'Advice: Add a secondary DNS provider (zone transfer or multi-provider sync) so the name resolves when one provider is down.',
    );
    expect(text(q(section, '[data-testid="spofs"] h3'))).toBe('Single points of failure');
  });

  it('in French', async () => {
    const { section } = await show({ locale: 'fr', resilience: shopResilience() });
    const pay = q(section, 'li[data-spof="payments"]')!;
    expect(text(q(pay, '[data-testid="spof-text"]'))).toBe('Les paiements dépendent de Stripe seul');
    expect(q(pay, '[data-testid="spof-reason"]')?.textContent).toBe(
      'Constat\u00a0: Stripe est le seul prestataire de paiement chargé par cette page (depuis js.stripe.com).',
    );
  });

  it('says when there is none', async () => {
    const { section } = await show({ resilience: shopResilience('now', { singlePointsOfFailure: [] }) });
    expect(section.querySelectorAll('li[data-spof]')).toHaveLength(0);
    expect(text(q(section, '[data-testid="no-spof"]'))).toBe('None found in this page load.');
  });

  it('lists what one page load cannot show in a closed disclosure', async () => {
    const { section } = await show({ resilience: shopResilience() });
    const details = q(section, 'details[data-testid="cannot-know"]') as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(text(q(details, 'summary'))).toBe('What Faultline cannot know from one page load');
    expect(
      [...details.querySelectorAll<HTMLElement>('li[data-cannot-know]')].map((li) => li.dataset.cannotKnow),
    ).toEqual(['resCannotKnowStandbyCdn', 'resCannotKnowUnattributed', 'resCannotKnowOtherPages']);
    expect(text(q(details, 'li'))).toBe(
      'A standby CDN behind DNS failover would not show in one page load: the page may not depend on Cloudflare alone.',
    );
    const fr = await show({ locale: 'fr', resilience: shopResilience() });
    expect(text(q(fr.section, '[data-testid="cannot-know"] summary'))).toBe(
      'Ce que Faultline ne peut pas savoir d’un seul chargement de page',
    );
  });
});

describe('resilience: export', () => {
  it('copies the Markdown and announces it', async () => {
    const { section, connector } = await show({ resilience: shopResilience() });
    const notice = q(section, '[data-testid="export-notice"]')!;
    expect(notice.getAttribute('aria-live')).toBe('polite');
    expect(text(notice)).toBe('');
    const copy = q(section, '[data-testid="copy-markdown"]')!;
    expect(text(copy)).toBe('Copy as Markdown');
    await act(() => copy.click());
    await settle();
    expect(connector.copied).toEqual([SHOP_MARKDOWN]);
    expect(text(notice)).toBe('Copied');
    expect(notice.dataset.notice).toBe('copied');
  });

  it('copies the continuity checklist and announces it', async () => {
    const { section, connector } = await show({ resilience: shopResilience() });
    const copy = q(section, '[data-testid="copy-checklist"]')!;
    expect(text(copy)).toBe('Copy checklist');
    await act(() => copy.click());
    await settle();
    expect(connector.copied).toEqual([SHOP_CHECKLIST]);
    expect(q(section, '[data-testid="export-notice"]')!.dataset.notice).toBe('copied');
  });

  it('says so when the clipboard is refused', async () => {
    const { section, connector } = await show({
      locale: 'fr',
      resilience: shopResilience(),
      copy: () => Promise.reject(new Error('denied')),
    });
    await act(() => q(section, '[data-testid="copy-markdown"]')!.click());
    await settle();
    expect(connector.copied).toEqual([SHOP_MARKDOWN]);
    const notice = q(section, '[data-testid="export-notice"]')!;
    expect(notice.dataset.notice).toBe('copyFailed');
    expect(notice.textContent).toBe('Copie impossible\u00a0: le navigateur a refusé le presse-papiers.');
  });

  it('downloads the report as JSON named after the host and the day', async () => {
    const { section, connector } = await show({ resilience: shopResilience() });
    const button = q(section, '[data-testid="download-json"]')!;
    expect(text(button)).toBe('Download JSON');
    await act(() => button.click());
    await settle();
    expect(connector.downloads).toHaveLength(1);
    const file = connector.downloads[0]!;
    expect(file.filename).toBe('faultline-shop.example-2025-03-14.json');
    expect(file.text).toBe(JSON.stringify(shopReport(), null, 2));
    expect(JSON.parse(file.text)).toEqual(shopReport());
    expect(text(q(section, '[data-testid="export-notice"]'))).toBe(
      'Downloading faultline-shop.example-2025-03-14.json',
    );
  });

  it('in French', async () => {
    const { section } = await show({ locale: 'fr', resilience: shopResilience() });
    expect(text(q(section, '[data-testid="copy-markdown"]'))).toBe('Copier en Markdown');
    expect(text(q(section, '[data-testid="download-json"]'))).toBe('Télécharger le JSON');
    await act(() => q(section, '[data-testid="copy-markdown"]')!.click());
    await settle();
    expect(text(q(section, '[data-testid="export-notice"]'))).toBe('Copié');
  });
});

describe('resilience: none, error, updates', () => {
  it('none: no report for the tab', async () => {
    const { section } = await show({ resilience: { kind: 'none' } });
    expect(section.dataset.state).toBe('none');
    expect(text(q(section, 'p'))).toBe(
      'No resilience report for this tab yet: reload the page to analyse it.',
    );
    expect(q(section, '[data-testid="copy-markdown"]')).toBeNull();
  });

  it('error: says the report did not arrive, and tries again on demand only', async () => {
    let calls = 0;
    const { section, connector } = await show({
      resilience: () =>
        calls++ === 0 ? Promise.reject(new Error('timeout')) : Promise.resolve(shopResilience()),
    });
    expect(section.dataset.state).toBe('error');
    expect(text(q(section, 'p'))).toBe('The resilience report did not arrive.');
    await settle();
    expect(connector.resilienceRequests).toEqual([1]);
    const retry = q(section, '[data-testid="resilience-retry"]')!;
    expect(text(retry)).toBe('Try again');
    await act(() => retry.click());
    await settle();
    expect(connector.resilienceRequests).toEqual([1, 1]);
    expect(section.dataset.state).toBe('ready');
  });

  it('error in French', async () => {
    const { section } = await show({ locale: 'fr', resilience: () => Promise.reject(new Error('x')) });
    expect(text(q(section, 'p'))).toBe('Le rapport de résilience n’est pas arrivé.');
    expect(text(q(section, 'button'))).toBe('Réessayer');
  });

  it('asks again when the page grows, one request at a time, keeping what it shows', async () => {
    const pages: PageState[] = [shopPage(1)];
    const grown = (n: number): PageState => {
      const s = shopPage(1);
      return s.kind === 'page' ? { ...s, page: { ...s.page, requests: s.page.requests + n } } : s;
    };
    const answers: ReturnType<typeof deferred<ResilienceState>>[] = [];
    const { section, connector } = await show({
      page: () => Promise.resolve(pages.at(-1)!),
      resilience: () => {
        const d = deferred<ResilienceState>();
        answers.push(d);
        return d.promise;
      },
    });
    expect(connector.resilienceRequests).toEqual([1]);
    answers[0]!.resolve(shopResilience('now'));
    await settle();
    expect(section.dataset.state).toBe('ready');

    // Two changes while the next request is on its way: one more request after it, not two.
    pages.push(grown(1));
    await act(() => connector.notify(1));
    await settle();
    expect(connector.resilienceRequests).toEqual([1, 1]);
    pages.push(grown(2));
    await act(() => connector.notify(1));
    await settle();
    pages.push(grown(3));
    await act(() => connector.notify(1));
    await settle();
    expect(connector.resilienceRequests).toEqual([1, 1]);
    expect(section.dataset.state).toBe('ready');

    // The DNS answers now come from the cache: the look-up of this popup still counts as "now".
    answers[1]!.resolve(shopResilience('cache'));
    await settle();
    expect(connector.resilienceRequests).toEqual([1, 1, 1]);
    answers[2]!.resolve(shopResilience('cache'));
    await settle();
    expect(connector.resilienceRequests).toEqual([1, 1, 1]);
    expect(q(section, '[data-testid="dns-lookup"]')?.dataset.lookedUp).toBe('now');
  });

  it('keeps the report when a later request fails', async () => {
    let calls = 0;
    let requests = 11;
    const { section, connector } = await show({
      page: () => {
        const s = shopPage(1);
        return Promise.resolve(s.kind === 'page' ? { ...s, page: { ...s.page, requests: requests++ } } : s);
      },
      resilience: () =>
        calls++ === 0 ? Promise.resolve(shopResilience()) : Promise.reject(new Error('asleep')),
    });
    await act(() => connector.notify(1));
    await settle();
    expect(connector.resilienceRequests).toEqual([1, 1]);
    expect(section.dataset.state).toBe('ready');
    expect(section.querySelectorAll('li[data-impact]')).toHaveLength(5);
  });
});

describe('settings', () => {
  it('a gear in the header opens the options page, in every state', async () => {
    const { connector, main } = await show({ page: () => new Promise(() => {}) });
    const gear = main.parentElement!.querySelector<HTMLElement>('header [data-testid="open-options"]')!;
    expect(gear.getAttribute('aria-label')).toBe('Settings');
    expect(gear.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    await act(() => gear.click());
    expect(connector.optionsOpened()).toBe(1);
    const fr = await show({ locale: 'fr', page: { kind: 'restricted', url: 'about:addons' } });
    expect(fr.main.querySelector('header [data-testid="open-options"]')?.getAttribute('aria-label')).toBe(
      'Réglages',
    );
  });
});
