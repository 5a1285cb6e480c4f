import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { COMPANIES } from '../src/core/catalog/companies.ts';
import { providerById } from '../src/core/catalog/index.ts';
import type { Resolver } from '../src/core/resilience/dns.ts';
import { addressKey, cacheKey } from '../src/core/resilience/dns.ts';
import { SETTINGS_KEY } from '../src/core/settings.ts';
import { CHECKOUT, type DohSnapshot, SITES } from './lab/index.ts';
import { browsersUnderTest, en, providerName } from './lib/expect.ts';
import { type ExtensionHarness, launch, type PopupPage, type SiteTab, until } from './lib/index.ts';
import { labDoh, resetLabDoh, setLabDoh } from './lib/lab-client.ts';

/**
 * The popup's resilience report (issue 6) on Maple Shop's checkout: Cloudflare carries the page,
 * a Stripe card frame the payment; the lab's DNS-over-HTTPS resolvers (lab/doh.ts) put
 * maple-shop.com at Cloudflare alone and stripe.com at Route 53, Dyn and an unknown operator.
 * One browser session, tests in order like a person using it: the report with DNS looked up
 * now, "Copy as Markdown", "Download JSON", a second popup answered from the 24-hour cache,
 * Cloudflare's resolver failing (Google's answers), both failing (DNS unknown, with the reason),
 * and DNS look-ups switched off on the options page (none made). Nothing is looked up before
 * the user agrees in the popup: the first test checks the wire stays silent until then.
 *
 * The lab counts every query reaching each resolver (`<name> <type>`), so "looked up" and "not
 * looked up" are checked where it matters: on the wire. To look the same domains up again in
 * one session, the tests drop the extension's cached answers (`dns:<domain>` in storage.local),
 * which is what the cache's 24-hour expiry does.
 */

const { hostnames, port } = inject('lab');

const PAGE_HOST = new URL(CHECKOUT.url).host;
const SHOP_DOMAIN = 'maple-shop.com';
const STRIPE_DOMAIN = 'stripe.com';
const CLOUDFLARE = providerName('cloudflare');
const STRIPE = providerName('stripe');
const ROUTE53 = providerName('route53');
const DYN = providerName('dyn');

/** The single points of failure of the checkout with its DNS known. */
const SPOF_DOCUMENT_EDGE = 'document-edge:cloudflare';
const SPOF_SHOP_DNS = `dns:${SHOP_DOMAIN}`;
const SPOF_PAYMENTS = 'payments:stripe';

interface ResilienceDom {
  state: string | null;
  impact: { id: string; severity: string; critical: string; text: string }[];
  lookedUp: string | null;
  lookupText: string;
  /** `ask` or `off` while the user has not agreed to DNS look-ups. */
  consent: string | null;
  consentText: string;
  /** The names sent to the resolver, or that would be. */
  names: string[];
  namesText: string;
  domains: {
    domain: string;
    state: string;
    single: string | null;
    reason: string | null;
    text: string;
    providers: { id: string; text: string }[];
    unknownNs: string[];
    singleText: string | null;
  }[];
  spofs: { kind: string; id: string; text: string; reason: string; advice: string }[];
  cannotKnow: { present: boolean; open: boolean; items: number };
  notice: string | null;
  sovereignty: { key: string; text: string }[];
  jurisdictions: { company: string; country: string; regime: string; critical: string; text: string }[];
  failover: { key: string; text: string }[];
}

/** Reads the resilience section's DOM contract (an expression: nothing leaks from the bundle). */
const READ_RESILIENCE = `(() => {
  const clean = (e) => ((e && (e.innerText || e.textContent)) || '').replace(/\\s+/g, ' ').trim();
  const root = document.querySelector('[data-testid="resilience"]');
  const q = (sel) => (root ? [...root.querySelectorAll(sel)] : []);
  const lookup = root && root.querySelector('[data-testid="dns-lookup"]');
  const details = root && root.querySelector('details[data-testid="cannot-know"]');
  const notice = root && root.querySelector('[data-testid="export-notice"]');
  return {
    state: root ? root.dataset.state || null : null,
    impact: q('[data-testid="impact"] li[data-impact]').map((li) => ({
      id: li.dataset.impact || '',
      severity: li.dataset.severity || '',
      critical: li.dataset.critical || '',
      text: clean(li.querySelector('[data-testid="impact-text"]')),
    })),
    lookedUp: lookup ? lookup.dataset.lookedUp || null : null,
    lookupText: clean(lookup),
    consent: q('[data-testid="dns-consent"]').map((c) => c.dataset.consent || '')[0] ?? null,
    consentText: clean(q('[data-testid="dns-consent"] > p')[0]),
    names: q('[data-testid="dns-names"] li code').map(clean),
    namesText: clean(q('[data-testid="dns-names"] > p')[0]),
    domains: q('li[data-dns-domain]').map((li) => ({
      domain: li.dataset.dnsDomain || '',
      state: li.dataset.dnsState || '',
      single: li.dataset.dnsSingle ?? null,
      reason: li.dataset.dnsReason ?? null,
      text: clean(li.querySelector('[data-testid="dns-unknown"]')),
      providers: [...li.querySelectorAll('[data-dns-provider]')].map((p) => ({ id: p.dataset.dnsProvider || '', text: clean(p) })),
      unknownNs: [...li.querySelectorAll('[data-dns-unknown-ns]')].map((p) => p.dataset.dnsUnknownNs || ''),
      singleText: li.querySelector('[data-testid="dns-single"]') ? clean(li.querySelector('[data-testid="dns-single"]')) : null,
    })),
    spofs: q('[data-testid="spofs"] li[data-spof]').map((li) => ({
      kind: li.dataset.spof || '',
      id: li.dataset.spofId || '',
      text: clean(li.querySelector('[data-testid="spof-text"]')),
      reason: clean(li.querySelector('[data-testid="spof-reason"]')),
      advice: clean(li.querySelector('[data-testid="spof-advice"]')),
    })),
    cannotKnow: {
      present: details !== null,
      open: details !== null && details.open,
      items: details ? details.querySelectorAll('li').length : 0,
    },
    notice: notice ? notice.dataset.notice ?? null : null,
    sovereignty: q('[data-testid="sovereignty-summary"] li').map((li) => ({ key: li.dataset.summary || '', text: clean(li) })),
    jurisdictions: q('[data-testid="jurisdictions"] li').map((li) => ({
      company: li.dataset.company || '',
      country: li.dataset.country || '',
      regime: li.dataset.regime || '',
      critical: li.dataset.critical || '',
      text: clean(li),
    })),
    failover: q('[data-testid="failover"] li').map((li) => ({ key: li.dataset.failover || '', text: clean(li) })),
  };
})()`;

/** Queries that reached a resolver for `<domain> NS` since `before`. */
function queriesSince(before: DohSnapshot, after: DohSnapshot, resolver: Resolver, domain: string): number {
  const key = `${domain} NS`;
  return (after[resolver].queries[key] ?? 0) - (before[resolver].queries[key] ?? 0);
}

const totalSince = (before: DohSnapshot, after: DohSnapshot, resolver: Resolver): number =>
  after[resolver].total - before[resolver].total;

const ids = (xs: readonly { id: string }[]): string[] => xs.map((x) => x.id);

/** The name of the company that runs a catalog provider. */
function companyOf(providerId: string): string {
  const company = COMPANIES[providerById.get(providerId)?.company ?? ''];
  if (!company) throw new Error(`no company for "${providerId}"`);
  return company.name;
}

describe.each(browsersUnderTest())('%s: resilience report', (browserName) => {
  let h: ExtensionHarness;
  let tab: SiteTab;

  /**
   * Opens the checkout's (or another tab's) popup on its resilience tab, as a person clicks it,
   * and waits until the report has answered.
   */
  async function openReport(of: SiteTab = tab): Promise<{ popup: PopupPage; dom: ResilienceDom }> {
    const popup = await h.openPopup(of.tabId);
    try {
      await popup.click('[role="tab"][data-tab="resilience"]');
      const dom = await until(
        'the resilience section to be ready',
        () => popup.evaluate<ResilienceDom>(READ_RESILIENCE),
        (d) => d.state !== 'loading' && d.state !== null,
        { timeout: 15_000 },
      );
      expect(dom.state, 'data-state of the resilience section').toBe('ready');
      return { popup, dom };
    } catch (error) {
      await popup.close().catch(() => {});
      throw error;
    }
  }

  /** Reads the report in a new popup and closes it. */
  async function readReport(of: SiteTab = tab): Promise<ResilienceDom> {
    const { popup, dom } = await openReport(of);
    await popup.close();
    return dom;
  }

  /** Forgets the cached DNS answers (what their 24-hour expiry does), so the next popup looks up. */
  async function dropDnsCache(): Promise<void> {
    const keys = JSON.stringify([...[SHOP_DOMAIN, STRIPE_DOMAIN].map(cacheKey), addressKey(PAGE_HOST)]);
    await h.extensionEval(
      `(typeof browser !== 'undefined' ? browser : chrome).storage.local.remove(${keys}).then(() => true)`,
    );
  }

  beforeAll(async () => {
    await resetLabDoh(port);
    h = await launch(browserName, { hostnames, labPort: port });
    tab = await h.open(CHECKOUT.url);
    await h.settle(tab.tabId, 300);
  });

  // The first popup is kept open for the export tests.
  let first: PopupPage | undefined;
  let firstDom: ResilienceDom | undefined;

  afterAll(async () => {
    await first?.close().catch(() => {});
    await h?.close();
    await resetLabDoh(port);
  });

  test('the report: Cloudflare critical, Stripe payments, DNS looked up once the user agrees, the single points of failure', async () => {
    const before = await labDoh(port);
    const opened = await openReport();
    first = opened.popup;
    // Before consent: the question, the exact names and the resolver; nothing on the wire.
    const asked = opened.dom;
    expect(asked.consent).toBe('ask');
    expect(asked.consentText).toBe(en('dnsAsk'));
    // The domains (NS), then the page host (its address record, for the failover estimate).
    expect(asked.names).toEqual([SHOP_DOMAIN, STRIPE_DOMAIN, PAGE_HOST]);
    expect(asked.namesText).toBe(en('dnsWouldSend'));
    expect(asked.lookedUp).toBeNull();
    expect(asked.domains).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    const untouched = await labDoh(port);
    expect(totalSince(before, untouched, 'cloudflare')).toBe(0);
    expect(totalSince(before, untouched, 'google')).toBe(0);

    await first.click('[data-testid="dns-agree"]');
    firstDom = await until(
      'the DNS look-up after the agreement',
      () => first!.evaluate<ResilienceDom>(READ_RESILIENCE),
      (d) => d.state === 'ready' && d.lookedUp !== null,
      { timeout: 15_000 },
    );
    const dom = firstDom;
    const after = await labDoh(port);
    const stored = await h.extensionEval<{ dnsConsent?: boolean } | undefined>(
      `(typeof browser !== 'undefined' ? browser : chrome).storage.local.get(${JSON.stringify(SETTINGS_KEY)}).then((r) => r[${JSON.stringify(SETTINGS_KEY)}])`,
    );
    expect(stored).toMatchObject({ dnsConsent: true, dnsAsked: true });
    if (browserName === 'firefox') {
      // Agreeing asked Firefox for the optional data category the manifest declares (the test
      // profile grants optional permissions without a prompt).
      const granted = await h.extensionEval<boolean>(
        `browser.permissions.contains({ data_collection: ['browsingActivity'] })`,
      );
      expect(granted).toBe(true);
    }
    expect(dom.consent).toBeNull();
    expect(dom.names).toEqual([SHOP_DOMAIN, STRIPE_DOMAIN, PAGE_HOST]);
    expect(dom.namesText).toBe(en('dnsSentTo'));

    // Impact ranking: Cloudflare carried the page, Stripe the payment frame.
    expect(ids(dom.impact)).toEqual(['cloudflare', 'stripe']);
    expect(dom.impact[0]).toEqual({
      id: 'cloudflare',
      severity: 'critical',
      critical: 'true',
      text: en('resImpactDocument', CLOUDFLARE),
    });
    expect(dom.impact[1]).toEqual({
      id: 'stripe',
      severity: 'major',
      critical: 'false',
      text: en('resImpactPayments', STRIPE),
    });

    // DNS, looked up just now: the page's domain first, then the payment provider's.
    expect(dom.lookedUp).toBe('now');
    expect(dom.lookupText).toContain(SHOP_DOMAIN);
    expect(dom.lookupText).toContain(STRIPE_DOMAIN);
    expect(dom.domains.map((d) => d.domain)).toEqual([SHOP_DOMAIN, STRIPE_DOMAIN]);
    const [shop, stripe] = dom.domains;
    expect(shop).toMatchObject({ state: 'known', single: 'true', reason: null, unknownNs: [] });
    expect(ids(shop!.providers)).toEqual(['cloudflare']);
    expect(shop!.providers[0]!.text).toContain('jessica.ns.cloudflare.com');
    expect(shop!.providers[0]!.text).toContain('rob.ns.cloudflare.com');
    expect(shop!.singleText).toBe(en('dnsSingle', CLOUDFLARE));
    expect(stripe).toMatchObject({ state: 'known', single: 'false', singleText: null });
    expect(ids(stripe!.providers)).toEqual(['route53', 'dyn']);
    expect(stripe!.providers[0]!.text).toContain(ROUTE53);
    expect(stripe!.providers[1]!.text).toContain(DYN);
    expect(stripe!.unknownNs).toEqual(['ns1.example-hosting.net']);

    // On the wire: one NS query per domain and one A query for the page host, at Cloudflare's
    // resolver; Google's never asked.
    expect(queriesSince(before, after, 'cloudflare', SHOP_DOMAIN)).toBe(1);
    expect(queriesSince(before, after, 'cloudflare', STRIPE_DOMAIN)).toBe(1);
    expect(
      (after.cloudflare.queries[`${PAGE_HOST} A`] ?? 0) - (before.cloudflare.queries[`${PAGE_HOST} A`] ?? 0),
    ).toBe(1);
    expect(totalSince(before, after, 'cloudflare')).toBe(3);
    expect(totalSince(before, after, 'google')).toBe(0);

    // Single points of failure: the one CDN in front, the one DNS provider, the one payment provider.
    expect(dom.spofs.map((s) => s.id).sort()).toEqual(
      [SPOF_DOCUMENT_EDGE, SPOF_SHOP_DNS, SPOF_PAYMENTS].sort(),
    );
    const spof = (id: string) => dom.spofs.find((s) => s.id === id)!;
    expect(spof(SPOF_DOCUMENT_EDGE)).toMatchObject({
      kind: 'document-edge',
      text: en('resSpofDocumentEdge', CLOUDFLARE),
    });
    expect(spof(SPOF_SHOP_DNS)).toMatchObject({
      kind: 'dns',
      text: en('resSpofDns', [SHOP_DOMAIN, CLOUDFLARE]),
    });
    expect(spof(SPOF_PAYMENTS)).toMatchObject({ kind: 'payments', text: en('resSpofPayments', STRIPE) });

    // What one page load cannot know: a closed disclosure with the notes.
    expect(dom.cannotKnow.present).toBe(true);
    expect(dom.cannotKnow.open).toBe(false);
    expect(dom.cannotKnow.items).toBeGreaterThanOrEqual(3);

    // Whose law: Cloudflare (US) carries the page and its DNS, Stripe (US) the payment.
    expect(dom.jurisdictions.map((j) => [j.company, j.country, j.regime, j.critical])).toEqual([
      [companyOf('cloudflare'), 'US', 'us', 'true'],
      [companyOf('stripe'), 'US', 'us', 'false'],
    ]);
    expect(dom.jurisdictions[0]!.text).toBe(
      `${companyOf('cloudflare')} United States · ${en('resRegimeUs')} · ${en('resMdCritical')}`,
    );
    // The summary, served from the lab's Paris PoP (cf-ray …-CDG).
    expect(dom.sovereignty.slice(0, 2)).toEqual([
      {
        key: 'resSovCriticalSameOne',
        text: en('resSovCriticalSameOne', ['1', companyOf('cloudflare'), en('resRegimeUs')]),
      },
      { key: 'resSovServedFrom', text: en('resSovServedFrom', 'France (Paris)') },
    ]);

    // Failover readiness from the lab's DoH answers: the shop's proxied A record (300 s), its NS
    // records (86,400 s).
    expect(dom.failover).toEqual([
      {
        key: 'resFailoverAddress',
        text: en('resFailoverAddress', [PAGE_HOST, en('resReachMinutes'), 'A', '5 minutes']),
      },
      {
        key: 'resFailoverNs',
        text: en('resFailoverNs', [SHOP_DOMAIN, en('resReachDay'), '1 day']),
      },
    ]);
  });

  /**
   * Presses a copy button of the resilience section: it says "Copied", it handed the clipboard
   * one text (recorded by the wrapper the Markdown test installs) and, in Chromium, the system
   * clipboard holds exactly that text (read back by a page allowed to). Returns the text.
   */
  async function copyWith(popup: PopupPage, testId: string): Promise<string> {
    await popup.click(`[data-testid="${testId}"]`);
    await until(
      'the "Copied" notice',
      () => popup.evaluate<string | null>(`${READ_RESILIENCE}.notice`),
      (n) => n === 'copied' || n === 'copyFailed',
      { timeout: 5_000 },
    ).then((n) => expect(n, 'data-notice').toBe('copied'));
    const handed = await popup.evaluate<string[]>('window.__copied');
    expect(handed).toHaveLength(1);
    const text = handed[0]!;
    if (h.readClipboard) expect(await h.readClipboard()).toBe(text);
    return text;
  }

  test('“Copy as Markdown” copies the report: impact, DNS and single points of failure', async () => {
    expect(first, 'the first popup').toBeDefined();
    const popup = first!;
    // Records what the popup hands to the clipboard, then lets the real write happen.
    await popup.evaluate(`(() => {
      const clipboard = navigator.clipboard;
      const write = clipboard.writeText.bind(clipboard);
      window.__copied = [];
      clipboard.writeText = (text) => { window.__copied.push(String(text)); return write(text); };
      return true;
    })()`);
    const markdown = await copyWith(popup, 'copy-markdown');

    expect(markdown).toContain(`# ${en('resMdTitle', PAGE_HOST)}`);
    expect(markdown).toContain(`## ${en('resMdImpact')}`);
    expect(markdown).toContain(
      `1. **${en('resSeverityCritical')}** — ${en('resImpactDocument', CLOUDFLARE)}`,
    );
    expect(markdown).toContain(`2. **${en('resSeverityMajor')}** — ${en('resImpactPayments', STRIPE)}`);
    expect(markdown).toContain(`## ${en('resMdDns')}`);
    expect(markdown).toContain(
      `- \`${SHOP_DOMAIN}\`: ${CLOUDFLARE} (\`jessica.ns.cloudflare.com\`, \`rob.ns.cloudflare.com\`) ${en('resMdDnsSingle')}`,
    );
    expect(markdown).toContain(`\`${STRIPE_DOMAIN}\``);
    expect(markdown).toContain(`## ${en('resMdSpofs')}`);
    expect(markdown).toContain(`- **${en('resSpofDocumentEdge', CLOUDFLARE)}**`);
    expect(markdown).toContain(`- **${en('resSpofDns', [SHOP_DOMAIN, CLOUDFLARE])}**`);
    expect(markdown).toContain(`- **${en('resSpofPayments', STRIPE)}**`);
  });

  test('“Copy checklist” copies the continuity checklist: one section per single point of failure', async () => {
    expect(first, 'the first popup').toBeDefined();
    const popup = first!;
    await popup.evaluate('(window.__copied = [], true)');
    const checklist = await copyWith(popup, 'copy-checklist');

    expect(checklist.split('\n')[0]).toBe(`# ${en('resCheckTitle', PAGE_HOST)}`);
    const sections = checklist
      .split('\n## ')
      .slice(1)
      .map((x) => x.split('\n')[0]);
    expect(sections).toEqual([
      `1. ${en('resSpofDocumentEdge', CLOUDFLARE)}`,
      `2. ${en('resSpofDns', [SHOP_DOMAIN, CLOUDFLARE])}`,
      `3. ${en('resSpofPayments', STRIPE)}`,
    ]);
    expect(checklist).toContain(`- ${en('resCheckWhatFails', en('resImpactDocument', CLOUDFLARE))}`);
    expect(checklist).toContain(`  - [ ] ${en('resAdviceMultiCdn')}`);
    expect(checklist).toContain(`  - [ ] ${en('resCheckStaticFallback', CLOUDFLARE)}`);
    expect(checklist).toContain(`  - [ ] ${en('resAdviceSecondaryDns')}`);
    expect(checklist).toContain(`  - [ ] ${en('resAdvicePayments')}`);
    // The switch times come from the lab's DoH answers.
    expect(checklist).toContain(
      `  - [ ] ${en('resCheckSwitchTime', en('resFailoverAddress', [PAGE_HOST, en('resReachMinutes'), 'A', '5 minutes']))}`,
    );
    expect(checklist).toContain(
      `- [ ] ${en('resCheckWatch', [CLOUDFLARE, '<https://www.cloudflarestatus.com>'])}`,
    );
    expect(checklist).toContain(`- [ ] ${en('resCheckWatch', [STRIPE, '<https://status.stripe.com>'])}`);
    expect(checklist).toContain(`- [ ] ${en('resCheckWhoToTell', STRIPE)}`);
  });

  test('“Download JSON” saves the v3 report with impact, DNS, single points of failure, jurisdictions and failover', async () => {
    expect(first, 'the first popup').toBeDefined();
    const file = await first!.download('[data-testid="download-json"]', 10_000);
    expect(file.name).toMatch(
      new RegExp(`^faultline-${PAGE_HOST.replace(/\./g, '\\.')}-\\d{4}-\\d{2}-\\d{2}\\.json$`),
    );
    const report = JSON.parse(file.text) as {
      version: unknown;
      page: unknown;
      impact: { providerId: string; severity: string; critical: boolean }[];
      dns?: Record<string, { singleProvider?: boolean; providers?: { id?: string }[]; unknown?: string }>;
      singlePointsOfFailure: { id: string; kind: string }[];
      jurisdictions: unknown[];
      servedFrom: unknown[];
      failover?: unknown;
      cannotKnow: { key: string; subs: string[] }[];
    };
    expect(report.version).toBe(3);
    expect(report.page).toBe(CHECKOUT.url);
    expect(report.impact.map((i) => [i.providerId, i.severity, i.critical])).toEqual([
      ['cloudflare', 'critical', true],
      ['stripe', 'major', false],
    ]);
    expect(Object.keys(report.dns ?? {})).toEqual([SHOP_DOMAIN, STRIPE_DOMAIN]);
    expect(report.dns?.[SHOP_DOMAIN]).toMatchObject({
      singleProvider: true,
      providers: [{ id: 'cloudflare' }],
    });
    expect(report.dns?.[STRIPE_DOMAIN]).toMatchObject({
      singleProvider: false,
      providers: [{ id: 'route53' }, { id: 'dyn' }],
    });
    expect(report.singlePointsOfFailure.map((s) => s.id).sort()).toEqual(
      [SPOF_DOCUMENT_EDGE, SPOF_SHOP_DNS, SPOF_PAYMENTS].sort(),
    );
    expect(report.jurisdictions).toEqual([
      {
        company: companyOf('cloudflare'),
        country: 'US',
        regime: 'us',
        providers: ['cloudflare'],
        critical: true,
        source: 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=NET',
      },
      expect.objectContaining({
        company: companyOf('stripe'),
        country: 'US',
        providers: ['stripe'],
        critical: false,
      }),
    ]);
    expect(report.servedFrom).toEqual([{ country: 'FR', pops: ['CDG'] }]);
    expect(report.failover).toMatchObject({
      host: PAGE_HOST,
      address: { type: 'A', ttl: 300, reach: 'minutes' },
      nameservers: { domain: SHOP_DOMAIN, ttl: 86_400, reach: 'day' },
    });
    // What the reading cannot tell: where the data is kept, and where Stripe (no PoP header)
    // answered from.
    expect(report.cannotKnow.map((n) => n.key)).toContain('resCannotKnowDataLocation');
    expect(report.cannotKnow.find((n) => n.key === 'resCannotKnowUnplaced')?.subs).toEqual([STRIPE]);
    const notice = await first!.evaluate<ResilienceDom>(READ_RESILIENCE);
    expect(notice.notice).toBe('downloading');
    await first!.close();
    first = undefined;
  });

  test('a second popup within 24 hours answers from the cache: no new look-up', async () => {
    const before = await labDoh(port);
    const dom = await readReport();
    const after = await labDoh(port);
    expect(dom.lookedUp).toBe('cache');
    expect(dom.lookupText).toContain(SHOP_DOMAIN);
    expect(dom.domains.map((d) => [d.domain, d.state, d.single])).toEqual([
      [SHOP_DOMAIN, 'known', 'true'],
      [STRIPE_DOMAIN, 'known', 'false'],
    ]);
    expect(ids(dom.domains[0]!.providers)).toEqual(['cloudflare']);
    expect(totalSince(before, after, 'cloudflare')).toBe(0);
    expect(totalSince(before, after, 'google')).toBe(0);
    expect(dom.spofs.map((s) => s.id).sort()).toEqual(
      [SPOF_DOCUMENT_EDGE, SPOF_SHOP_DNS, SPOF_PAYMENTS].sort(),
    );
  });

  // Before the 503 test: Chrome backs off an extension's requests to a URL that answered 5xx
  // (its extension throttling, some hundreds of ms growing with each error), so just after three
  // 503s its next look-ups at Cloudflare may fail in the browser without reaching the resolver.
  test('both resolvers unreachable: DNS unknown, with the reason, and no DNS finding', async () => {
    await dropDnsCache();
    await setLabDoh('cloudflare', 'unreachable', port);
    await setLabDoh('google', 'unreachable', port);
    const before = await labDoh(port);
    const dom = await readReport();
    const after = await labDoh(port);

    expect(dom.lookedUp).toBe('failed');
    const unknown = en('dnsUnknown', en('resDnsUnreachable'));
    expect(dom.domains.map((d) => [d.domain, d.state, d.reason, d.text])).toEqual([
      [SHOP_DOMAIN, 'unknown', 'unreachable', unknown],
      [STRIPE_DOMAIN, 'unknown', 'unreachable', unknown],
    ]);
    for (const domain of [SHOP_DOMAIN, STRIPE_DOMAIN]) {
      expect(
        queriesSince(before, after, 'cloudflare', domain),
        `${domain} at Cloudflare`,
      ).toBeGreaterThanOrEqual(1);
      expect(queriesSince(before, after, 'google', domain), `${domain} at Google`).toBeGreaterThanOrEqual(1);
    }
    // Without DNS, no "no secondary DNS" finding; the others stand.
    expect(dom.spofs.map((s) => s.id).sort()).toEqual([SPOF_DOCUMENT_EDGE, SPOF_PAYMENTS].sort());
    // Impact does not depend on DNS.
    expect(ids(dom.impact)).toEqual(['cloudflare', 'stripe']);
    // How fast the site could switch stays unknown, never guessed.
    expect(dom.failover).toEqual([
      { key: 'resFailoverAddressUnknown', text: en('resFailoverAddressUnknown', PAGE_HOST) },
    ]);
  });

  test('Cloudflare’s resolver down (503): Google’s answers, the DNS provider is still shown', async () => {
    await dropDnsCache();
    // Google answers again (the test before left both resolvers unreachable).
    await resetLabDoh(port);
    await setLabDoh('cloudflare', 'down', port);
    const before = await labDoh(port);
    const dom = await readReport();
    const after = await labDoh(port);

    expect(dom.lookedUp).toBe('now');
    expect(dom.domains.map((d) => [d.domain, d.state, d.single])).toEqual([
      [SHOP_DOMAIN, 'known', 'true'],
      [STRIPE_DOMAIN, 'known', 'false'],
    ]);
    expect(ids(dom.domains[0]!.providers)).toEqual(['cloudflare']);
    expect(ids(dom.domains[1]!.providers)).toEqual(['route53', 'dyn']);
    // Cloudflare asked first (and failed), then Google, once per domain.
    for (const domain of [SHOP_DOMAIN, STRIPE_DOMAIN]) {
      expect(
        queriesSince(before, after, 'cloudflare', domain),
        `${domain} at Cloudflare`,
      ).toBeGreaterThanOrEqual(1);
      expect(queriesSince(before, after, 'google', domain), `${domain} at Google`).toBe(1);
    }
    expect(dom.spofs.map((s) => s.id)).toContain(SPOF_SHOP_DNS);
  });

  test('a plain origin gets its report: its server, its DNS and the single-origin finding with advice', async () => {
    await resetLabDoh(port);
    const plain = SITES.find((x) => x.id === 'plain-origin')!;
    const host = new URL(plain.url).host;
    const site = await h.open(plain.url);
    try {
      await h.settle(site.tabId);
      const popup = await h.readPopup(site.tabId);
      expect(popup.state).toBe('none');
      expect(popup.verdict).toMatchObject({ outcome: 'all_good', text: en('verdictAllGoodPlain') });
      expect(popup.text).toContain(en('noneServer', [host, '127.0.0.1']));

      const dom = await readReport(site);
      expect(dom.impact).toEqual([]);
      expect(dom.domains.map((d) => [d.domain, d.state, d.single])).toEqual([
        ['plain-origin.org', 'known', 'true'],
      ]);
      expect(dom.domains[0]!.unknownNs).toEqual(['ns1.example-hosting.net', 'ns2.example-hosting.net']);
      const server = dom.spofs.find((x) => x.kind === 'document-server');
      expect(server).toEqual({
        kind: 'document-server',
        id: `document-server:${host}`,
        text: en('resSpofDocumentServer', host),
        reason: en('resMdEvidence', en('resReasonDocumentServer', [host, '127.0.0.1'])),
        advice: en('resMdAdvice', en('resAdviceDocumentServer')),
      });
      expect(dom.spofs.map((x) => x.id)).toContain('dns:plain-origin.org');
    } finally {
      await site.close();
    }
  });

  test('your country chosen on the options page: the summary says what lies outside France and the EU', async () => {
    const options = await h.openOptions();
    try {
      const label = await options.evaluate<string>(
        `document.querySelector('label[for="homeCountry"]').textContent.trim()`,
      );
      expect(label).toBe(en('optHomeCountry'));
      await options.evaluate(`(() => {
        const select = document.getElementById('homeCountry');
        select.value = 'FR';
        select.dispatchEvent(new Event('change', { bubbles: true }));
        return true;
      })()`);
      await until(
        'the country to be stored',
        () =>
          h.extensionEval<{ homeCountry?: string } | undefined>(
            `(typeof browser !== 'undefined' ? browser : chrome).storage.local.get(${JSON.stringify(SETTINGS_KEY)}).then((r) => r[${JSON.stringify(SETTINGS_KEY)}])`,
          ),
        (s) => s?.homeCountry === 'FR',
        { timeout: 5_000 },
      );
    } finally {
      await options.close().catch(() => {});
    }
    const dom = await readReport();
    expect(dom.sovereignty.map((x) => x.text)).toEqual([
      en('resSovCriticalSameOne', ['1', companyOf('cloudflare'), en('resRegimeUs')]),
      en('resSovServedFrom', 'France (Paris)'),
      en('resSovOutside', [en('resSovHomeAndEu', 'France'), `${companyOf('cloudflare')} (United States)`]),
    ]);
  });

  test('DNS look-ups switched off on the options page: declined, the names shown, and no query made', async () => {
    await resetLabDoh(port);
    await dropDnsCache();
    const options = await h.openOptions();
    try {
      // The checkbox labelled "Look up DNS providers (your agreement)", on since the user agreed.
      const box = await options.evaluate<{ label: string; checked: boolean } | null>(`(() => {
        const box = document.querySelector('input[type="checkbox"]#dnsConsent');
        const label = box && document.querySelector('label[for="' + box.id + '"]');
        return box && label ? { label: label.textContent.trim(), checked: box.checked } : null;
      })()`);
      expect(box).toEqual({ label: en('optDnsConsent'), checked: true });
      await options.click('label[for="dnsConsent"]');
      const stored = await until(
        'the setting to be stored',
        () =>
          h.extensionEval<{ dnsConsent?: boolean } | undefined>(
            `(typeof browser !== 'undefined' ? browser : chrome).storage.local.get(${JSON.stringify(SETTINGS_KEY)}).then((r) => r[${JSON.stringify(SETTINGS_KEY)}])`,
          ),
        (s) => s?.dnsConsent === false,
        { timeout: 5_000 },
      );
      expect(stored).toMatchObject({
        dnsConsent: false,
        dnsAsked: true,
        badgeCount: true,
        homeCountry: 'FR',
      });
      expect(await options.evaluate<boolean>(`document.getElementById('dnsConsent').checked`)).toBe(false);
    } finally {
      await options.close().catch(() => {});
    }

    const before = await labDoh(port);
    const dom = await readReport();
    const after = await labDoh(port);
    expect(dom.consent).toBe('off');
    expect(dom.consentText).toBe(en('dnsDeclined'));
    expect(dom.names).toEqual([SHOP_DOMAIN, STRIPE_DOMAIN, PAGE_HOST]);
    expect(dom.domains).toEqual([]);
    expect(totalSince(before, after, 'cloudflare')).toBe(0);
    expect(totalSince(before, after, 'google')).toBe(0);
    expect(dom.spofs.map((s) => s.id).sort()).toEqual([SPOF_DOCUMENT_EDGE, SPOF_PAYMENTS].sort());
    expect(ids(dom.impact)).toEqual(['cloudflare', 'stripe']);
    // No DNS read: no failover estimate; the companies are still known from the page itself.
    expect(dom.failover).toEqual([]);
    expect(dom.jurisdictions.map((j) => j.company)).toEqual([companyOf('cloudflare'), companyOf('stripe')]);
  });
});
