import type { Report, ReportDns, ReportImpact, ReportSpof, ReportText } from '../../core/report/report.ts';
import type { ResilienceState } from '../../messages.ts';

/*
 * Resilience answers as the background sends them (v2 report JSON, Markdown), written by hand for
 * the shop page of fixtures.ts: the popup only reads them, it never builds them.
 */

function text(key: string, subs: string[], english: string): ReportText {
  return { key, subs, text: english };
}

function impact(
  providerId: string,
  name: string,
  role: ReportImpact['role'],
  severity: ReportImpact['severity'],
  said: ReportText,
  requests: number,
): ReportImpact {
  return { providerId, name, role, severity, critical: severity === 'critical', requests, ...said };
}

export const SHOP_IMPACT: readonly ReportImpact[] = [
  impact(
    'cloudflare',
    'Cloudflare',
    'edge',
    'critical',
    text('resImpactDocument', ['Cloudflare'], 'If Cloudflare fails: the page does not load at all.'),
    3,
  ),
  impact(
    'render',
    'Render',
    'origin',
    'critical',
    text('resImpactDocument', ['Render'], 'If Render fails: the page does not load at all.'),
    1,
  ),
  {
    ...impact(
      'stripe',
      'Stripe',
      'service',
      'major',
      text(
        'resImpactPayments',
        ['Stripe'],
        'If Stripe fails: payments fail (its payment frame and API calls); the page still loads.',
      ),
      3,
    ),
    function: 'payments',
  },
  impact(
    'fastly',
    'Fastly',
    'edge',
    'major',
    text(
      'resImpactScripts',
      ['Fastly'],
      'If Fastly fails: the scripts and styles it serves fail; parts of the page may not work or look broken.',
    ),
    1,
  ),
  impact(
    'aws-s3',
    'Amazon S3',
    'origin',
    'minor',
    text('resImpactImages', ['Amazon S3'], 'If Amazon S3 fails: its images are missing.'),
    2,
  ),
];

export const SHOP_DNS: Readonly<Record<string, ReportDns>> = {
  'shop.example': {
    source: 'ns',
    providers: [
      {
        id: 'cloudflare',
        name: 'Cloudflare',
        nameservers: ['ada.ns.cloudflare.com', 'bob.ns.cloudflare.com'],
      },
    ],
    nameservers: ['ada.ns.cloudflare.com', 'bob.ns.cloudflare.com'],
    unknownNameservers: [],
    unknownOperators: [],
    operators: 1,
    singleProvider: true,
  },
  'stripe.com': {
    source: 'ns',
    providers: [{ id: 'route53', name: 'Amazon Route 53', nameservers: ['ns-423.awsdns-52.com'] }],
    nameservers: ['ns-423.awsdns-52.com', 'ns1.stripe-dns.net'],
    unknownNameservers: ['ns1.stripe-dns.net'],
    unknownOperators: ['stripe-dns.net'],
    operators: 2,
    singleProvider: false,
  },
  'onrender.com': {
    unknown: 'http_error',
    key: 'resDnsHttpError',
    subs: ['503'],
    text: 'the resolver answered HTTP 503',
  },
};

function spof(
  kind: ReportSpof['kind'],
  target: string,
  said: ReportText,
  reason: ReportText,
  advice: ReportText,
  providers: string[],
): ReportSpof {
  return { id: `${kind}:${target}`, kind, ...said, reason, advice, providers };
}

export const SHOP_SPOFS: readonly ReportSpof[] = [
  spof(
    'document-edge',
    'cloudflare',
    text('resSpofDocumentEdge', ['Cloudflare'], 'The page is reachable only through Cloudflare'),
    text(
      'resReasonDocumentEdge',
      ['shop.example', 'Cloudflare'],
      'the main document of shop.example came through Cloudflare, and no other CDN answered it.',
    ),
    text(
      'resAdviceMultiCdn',
      [],
      'Keep a second CDN ready (multi-CDN with DNS or load-balancer failover) and test the switch.',
    ),
    ['cloudflare'],
  ),
  spof(
    'dns',
    'shop.example',
    text(
      'resSpofDns',
      ['shop.example', 'Cloudflare'],
      'All nameservers of shop.example are at Cloudflare: no secondary DNS',
    ),
    text(
      'resReasonDns',
      ['shop.example', 'ada.ns.cloudflare.com, bob.ns.cloudflare.com', 'Cloudflare'],
      'the NS records of shop.example (ada.ns.cloudflare.com, bob.ns.cloudflare.com) all belong to Cloudflare.',
    ),
    text(
      'resAdviceSecondaryDns',
      [],
      'Add a secondary DNS provider (zone transfer or multi-provider sync) so the name resolves when one provider is down.',
    ),
    ['cloudflare'],
  ),
  spof(
    'payments',
    'stripe',
    text('resSpofPayments', ['Stripe'], 'Payments depend on Stripe alone'),
    text(
      'resReasonPayments',
      ['Stripe', 'js.stripe.com'],
      'Stripe is the only payment provider this page loaded (from js.stripe.com).',
    ),
    text(
      'resAdvicePayments',
      [],
      'Offer a second payment provider, or a degraded mode (take the order, charge later).',
    ),
    ['stripe'],
  ),
];

export const SHOP_CANNOT_KNOW: readonly ReportText[] = [
  text(
    'resCannotKnowStandbyCdn',
    ['Cloudflare'],
    'A standby CDN behind DNS failover would not show in one page load: the page may not depend on Cloudflare alone.',
  ),
  text('resCannotKnowUnattributed', ['1'], '1 hosts answered without any provider fingerprint.'),
  text(
    'resCannotKnowOtherPages',
    [],
    'Other pages of the site (checkout, sign-in) may use other providers: this covers this page load only.',
  ),
];

export const SHOP_JURISDICTIONS: Report['jurisdictions'] = [
  {
    company: 'Cloudflare',
    country: 'US',
    regime: 'us',
    providers: ['cloudflare'],
    critical: true,
    source: 'https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=NET',
  },
  {
    company: 'Stripe',
    country: 'US',
    regime: 'us',
    providers: ['stripe'],
    critical: false,
    source: 'https://stripe.com/privacy',
  },
];

/** The words the worker sends with the shop's report (English, as its `t` would say them). */
export const SHOP_SOVEREIGNTY = [
  { key: 'resSovCriticalSameOne', subs: ['1', 'Cloudflare', 'US jurisdiction'] },
  { key: 'resSovServedFrom', subs: ['France (Paris)'] },
  { key: 'resSovOutside', subs: ['your country (France) and the EU', 'Cloudflare (United States)'] },
] as const;

export const SHOP_FAILOVER = [
  { key: 'resFailoverAddress', subs: ['shop.example', 'within 5 minutes', 'A', '5 minutes'] },
  { key: 'resFailoverNs', subs: ['shop.example', 'within a day', '1 day'] },
] as const;

export const SHOP_CHECKLIST =
  '# Continuity checklist: shop.example\n\n## 1. The page is reachable only through Cloudflare\n';

export function shopReport(overrides: Partial<Report> = {}): Report {
  return {
    version: 3,
    page: 'https://shop.example/cart?id=1',
    generatedAt: '2025-03-14T12:00:00.000Z',
    requests: 11,
    hostCount: 6,
    providers: [],
    unattributedHosts: ['tracker.example'],
    unknownRequests: 1,
    catalog: { providers: 120, ipRanges: '2025-03-01' },
    source: { kind: 'extension' },
    impact: SHOP_IMPACT,
    dns: SHOP_DNS,
    singlePointsOfFailure: SHOP_SPOFS,
    cannotKnow: SHOP_CANNOT_KNOW,
    jurisdictions: SHOP_JURISDICTIONS,
    servedFrom: [{ country: 'FR', pops: ['CDG'] }],
    unplacedPops: [],
    sovereignty: [],
    ...overrides,
  };
}

export const SHOP_MARKDOWN = '# Resilience of shop.example\n\n## If a provider fails\n\n1. **Critical**: …\n';

type Shown = Extract<ResilienceState, { kind: 'resilience' }>;

/** The answer of getResilience for the shop page. */
export function shopResilience(
  dnsLookedUp: Shown['dnsLookedUp'] = 'now',
  overrides: Partial<Report> = {},
  /** The names sent (or that would be): those of the report's DNS by default. */
  dnsNames?: readonly string[],
): ResilienceState {
  const report = shopReport(overrides);
  const names = dnsNames ?? Object.keys(report.dns ?? {});
  return {
    kind: 'resilience',
    report,
    markdown: SHOP_MARKDOWN,
    checklist: SHOP_CHECKLIST,
    dnsLookedUp,
    dnsNames: names,
    words: { sovereignty: SHOP_SOVEREIGNTY, failover: SHOP_FAILOVER },
  };
}
