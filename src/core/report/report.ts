import { COMPANIES } from '../catalog/companies.ts';
import { placeOf } from '../catalog/places.ts';
import type { Category, Provider, Role, ServiceFunction } from '../catalog/types.ts';
import type { IpRangeSource } from '../detect/ip.ts';
import type { Evidence, ResourceKind } from '../detect/types.ts';
import { RESOURCE_KINDS } from '../detect/types.ts';
import { CATEGORY_KEYS, KIND_KEYS, substitute, type Translate } from '../i18n.ts';
import type { PageView } from '../page/view.ts';
import type { DnsFinding, DnsSummary, DnsUnknownReason } from '../resilience/dns.ts';
import { type Failover, failoverTexts, type Reach } from '../resilience/failover.ts';
import { type Impact, rankImpact, type Severity } from '../resilience/impact.ts';
import { ROLE_KEY, SEVERITY_KEY } from '../resilience/markdown.ts';
import messages from '../resilience/messages.json' with { type: 'json' };
import {
  type Home,
  type RegimeOrUnknown,
  sovereigntyOf,
  sovereigntySummary,
} from '../resilience/sovereignty.ts';
import { cannotKnow, type SpofKind, singlePointsOfFailure, type Text } from '../resilience/spof.ts';

/**
 * The report: what one page relies on, as plain JSON. The same schema serves the HAR analyzer
 * (`npm run analyze`) and the popup's export. Version 2 adds the impact ranking, the DNS
 * providers of the domains looked up and the single points of failure, each finding as an i18n
 * key with its substitutions and the English sentence. Version 3 adds sovereignty (the companies
 * behind the providers, their country and law, where the page was served from) and failover
 * readiness (the TTLs of the site's DNS records). Pure: no clock, no I/O.
 * The schema is documented in README.md ("Report JSON schema").
 */

export const REPORT_VERSION = 3;

/** One piece of evidence, with the host it was seen on. */
export type ReportEvidence = Evidence & { readonly host: string };

export interface ReportProvider {
  readonly id: string;
  readonly name: string;
  readonly category: Category;
  readonly role: Role;
  /** This provider carried the page's main document. */
  readonly document: boolean;
  readonly requests: number;
  /** Resource kind → responses of that kind this provider served. */
  readonly serves: Partial<Record<ResourceKind, number>>;
  /** PoP codes as the provider sent them (`FRA`, `fra1`). */
  readonly pops: readonly string[];
  readonly hosts: readonly string[];
  readonly evidence: readonly ReportEvidence[];
  readonly homepage?: string;
}

export interface ReportSource {
  /** Where the observations come from: a HAR file or the extension's live page record. */
  readonly kind: 'har' | 'extension';
  /** The HAR's `log.creator` (browser) when known. */
  readonly creator?: string;
  /** The HAR file the analyzer read (`npm run analyze`). */
  readonly file?: string;
  /** Free-form counts of what was read (entries, counted, failed …). */
  readonly counts?: Readonly<Record<string, number>>;
}

/** A finding in words: i18n key (src/core/resilience/messages.json), substitutions, English text. */
export interface ReportText {
  readonly key: string;
  readonly subs: readonly string[];
  readonly text: string;
}

/** What stops working on the page if this provider fails. */
export interface ReportImpact extends ReportText {
  readonly providerId: string;
  readonly name: string;
  readonly role: Role;
  readonly severity: Severity;
  /** The page cannot load at all without it (it carried the main document). */
  readonly critical: boolean;
  /** What the provider does for the page, when known (payments, auth, captcha, fonts …). */
  readonly function?: ServiceFunction;
  readonly requests: number;
}

/** Who runs the nameservers of one looked-up domain. */
export interface ReportDnsFound {
  /** `ns`: from the NS records; `soa`: only the zone's primary server, from its SOA record. */
  readonly source: 'ns' | 'soa';
  readonly providers: readonly {
    readonly id?: string;
    readonly name: string;
    readonly nameservers: readonly string[];
  }[];
  /** Every nameserver named (the SOA primary server only, for `soa`). */
  readonly nameservers: readonly string[];
  /** Nameservers no catalog provider claims. */
  readonly unknownNameservers: readonly string[];
  /** Registrable domains of the unknown nameservers: their likely operators. */
  readonly unknownOperators: readonly string[];
  readonly operators: number;
  /** Every nameserver at one operator: no secondary DNS (only known from NS records). */
  readonly singleProvider: boolean;
}

/** A domain whose DNS could not be read: why. */
export interface ReportDnsUnknown {
  readonly unknown: DnsUnknownReason;
  /** The reason in words: i18n key and substitutions (src/core/resilience/messages.json), English text. */
  readonly key: string;
  readonly subs: readonly string[];
  readonly text: string;
}

export type ReportDns = ReportDnsFound | ReportDnsUnknown;

export interface ReportSpof extends ReportText {
  /** Stable id: `<kind>:<provider, company or domain>`. */
  readonly id: string;
  readonly kind: SpofKind;
  /** The evidence. */
  readonly reason: ReportText;
  readonly advice: ReportText;
  readonly providers: readonly string[];
  /** What one page load cannot tell about this finding. */
  readonly cannotKnow?: ReportText;
}

/** One company behind the page's providers: its country, the law it runs under, and the evidence. */
export interface ReportJurisdiction {
  readonly company: string;
  /** ISO 3166-1 alpha-2 country of its headquarters; null when not known. */
  readonly country: string | null;
  readonly regime: RegimeOrUnknown;
  readonly providers: readonly string[];
  /** On the page's critical path: it carried the main document or runs the page domain's DNS. */
  readonly critical: boolean;
  /** A public page stating the country (filings, legal or imprint page). */
  readonly source?: string;
  /** Why the country is not known, or what to know beside it. */
  readonly note?: string;
}

export interface ReportServedFrom {
  readonly country: string;
  readonly pops: readonly string[];
}

/** How fast a DNS change reaches most users, from the TTLs read. */
export interface ReportFailover {
  readonly host: string;
  readonly address:
    | (ReportText & { readonly type: 'A' | 'AAAA' | 'CNAME'; readonly ttl: number; readonly reach: Reach })
    | (ReportText & { readonly unknown: DnsUnknownReason });
  readonly nameservers?: ReportText & {
    readonly domain: string;
    readonly ttl: number;
    readonly reach: Reach;
  };
}

export interface Report {
  readonly version: typeof REPORT_VERSION;
  /** URL of the page's main document. */
  readonly page: string;
  readonly generatedAt: string;
  readonly requests: number;
  readonly hostCount: number;
  readonly providers: readonly ReportProvider[];
  /** Hosts with responses but no provider evidence. */
  readonly unattributedHosts: readonly string[];
  /** Responses that could not be attributed (service worker / memory cache, no server IP). */
  readonly unknownRequests: number;
  /**
   * Catalog size; the day of the IP-range snapshot and, range set by range set, where its prefixes
   * come from (source, date, licence).
   */
  readonly catalog: {
    readonly providers: number;
    readonly ipRanges?: string;
    readonly ipRangeSources?: Readonly<Record<string, IpRangeSource>>;
  };
  readonly source?: ReportSource;
  /** One verdict per provider, most severe first. */
  readonly impact: readonly ReportImpact[];
  /** Registrable domain → its DNS, page domain first. Absent: DNS was not looked up. */
  readonly dns?: Readonly<Record<string, ReportDns>>;
  readonly singlePointsOfFailure: readonly ReportSpof[];
  /** What one page load cannot show, for this page. */
  readonly cannotKnow: readonly ReportText[];
  /** One per company behind the page's providers (and its domain's DNS): critical ones first. */
  readonly jurisdictions: readonly ReportJurisdiction[];
  /** Countries of the PoPs that served the page, the main document's first. */
  readonly servedFrom: readonly ReportServedFrom[];
  /** PoP codes whose country is not known. */
  readonly unplacedPops: readonly string[];
  /** The sovereignty summary in words (with the user's country when the report was given it). */
  readonly sovereignty: readonly ReportText[];
  /** The TTL reading of the page's DNS; absent when DNS (or the page host's address) was not looked up. */
  readonly failover?: ReportFailover;
}

export interface BuildOptions {
  /** ISO time of the report; defaults to the page's last update (keeps the function pure). */
  readonly generatedAt?: string;
  /** Date of the IP-range snapshot used. */
  readonly ipRanges?: string;
  /** Where each of its range sets comes from. */
  readonly ipRangeSources?: Readonly<Record<string, IpRangeSource>>;
  readonly source?: ReportSource;
  /** Defaults to `rankImpact(view, catalog)`. */
  readonly impacts?: readonly Impact[];
  /** The DNS findings of the domains looked up; undefined: DNS was not looked up. */
  readonly dns?: readonly DnsFinding[];
  /** The TTL reading of the page host's address and its domain's NS records, when looked up. */
  readonly failover?: Failover;
  /** The user's own country, to say what lies outside it. */
  readonly home?: Home;
}

const EN: Readonly<Record<string, string>> = messages.en;

/**
 * The English sentence of a finding's key (the report's `text`, whatever the browser's language):
 * straight from the resilience fragment, the one source of these sentences.
 */
export const englishText: Translate = (key, subs) => {
  const text = Object.hasOwn(EN, key) ? EN[key] : undefined;
  return text === undefined ? key : substitute(text, subs);
};

function said(t: Text): ReportText {
  return { key: t.key, subs: [...t.subs], text: englishText(t.key, t.subs) };
}

const ENGLISH = { t: englishText, locale: 'en' };

function failoverReport(f: Failover): ReportFailover {
  const [first, second] = failoverTexts(f, englishText, 'en');
  const address: ReportFailover['address'] =
    'unknown' in f.address
      ? { unknown: f.address.unknown, ...said(first!) }
      : { ...f.address, ...said(first!) };
  return f.nameservers && second
    ? { host: f.host, address, nameservers: { ...f.nameservers, ...said(second) } }
    : { host: f.host, address };
}

function impactOf(i: Impact): ReportImpact {
  return {
    providerId: i.providerId,
    name: i.name,
    role: i.role,
    severity: i.severity,
    critical: i.critical,
    ...(i.function ? { function: i.function } : {}),
    requests: i.requests,
    ...said(i),
  };
}

function dnsOf(finding: DnsFinding): ReportDns {
  if ('failure' in finding) {
    const f = finding.failure;
    return { unknown: f.reason, key: f.key, subs: [...f.subs], text: englishText(f.key, f.subs) };
  }
  const s: DnsSummary = finding.summary;
  const nameservers: string[] = [];
  for (const n of [...s.providers.flatMap((p) => p.nameservers), ...s.unknown])
    if (!nameservers.includes(n)) nameservers.push(n);
  return {
    source: s.source,
    providers: s.providers.map((p) => ({
      ...(p.id ? { id: p.id } : {}),
      name: p.name,
      nameservers: [...p.nameservers],
    })),
    nameservers,
    unknownNameservers: [...s.unknown],
    unknownOperators: [...s.unknownOperators],
    operators: s.operators,
    singleProvider: s.singleProvider,
  };
}

function isoOf(ms: number): string {
  const d = new Date(Number.isFinite(ms) ? ms : 0);
  return Number.isNaN(d.getTime()) ? new Date(0).toISOString() : d.toISOString();
}

/** Kinds in the fixed display order (document, script, stylesheet …). */
function orderedKinds(kinds: Partial<Record<ResourceKind, number>>): Partial<Record<ResourceKind, number>> {
  const out: Partial<Record<ResourceKind, number>> = {};
  for (const k of RESOURCE_KINDS) {
    const n = kinds[k];
    if (n) out[k] = n;
  }
  return out;
}

export function buildReport(
  view: PageView,
  catalog: ReadonlyMap<string, Provider>,
  options: BuildOptions = {},
): Report {
  const impacts = options.impacts ?? rankImpact(view, catalog);
  const summaries = options.dns?.flatMap((d) => ('summary' in d ? [d.summary] : [])) ?? [];
  const spofs = singlePointsOfFailure(view, impacts, summaries);
  const sovereignty = sovereigntyOf(view, impacts, summaries, catalog);
  const notes = cannotKnow(view, spofs, options.dns ? summaries : undefined, options.failover, sovereignty);
  const providers: ReportProvider[] = view.providers.map((p) => {
    const homepage = catalog.get(p.id)?.homepage ?? p.homepage;
    return {
      id: p.id,
      name: p.name,
      category: p.category,
      role: p.role,
      document: p.document,
      requests: p.requests,
      serves: orderedKinds(p.kinds),
      pops: p.pops.map((place) => place.code),
      hosts: [...p.hosts],
      evidence: p.evidence.map((e) => ({ ...e.evidence, host: e.host })),
      ...(homepage ? { homepage } : {}),
    };
  });
  return {
    version: REPORT_VERSION,
    page: view.url,
    generatedAt: options.generatedAt ?? isoOf(view.updatedAt),
    requests: view.requests,
    hostCount: view.hostCount,
    providers,
    unattributedHosts: [...view.unattributedHosts],
    unknownRequests: view.unknownRequests,
    catalog: {
      providers: catalog.size,
      ...(options.ipRanges ? { ipRanges: options.ipRanges } : {}),
      ...(options.ipRangeSources ? { ipRangeSources: options.ipRangeSources } : {}),
    },
    ...(options.source ? { source: options.source } : {}),
    impact: impacts.map(impactOf),
    ...(options.dns ? { dns: Object.fromEntries(options.dns.map((d) => [d.domain, dnsOf(d)])) } : {}),
    singlePointsOfFailure: spofs.map((s) => ({
      id: s.id,
      kind: s.kind,
      ...said(s),
      reason: said(s.reason),
      advice: said(s.advice),
      providers: [...s.providers],
      ...(s.cannotKnow ? { cannotKnow: said(s.cannotKnow) } : {}),
    })),
    cannotKnow: notes.map(said),
    jurisdictions: sovereignty.jurisdictions.map((j) => {
      const hq = COMPANIES[j.companyId]?.hq;
      return {
        company: j.company,
        country: j.country,
        regime: j.regime,
        providers: [...j.providers],
        critical: j.critical,
        ...(hq && 'source' in hq ? { source: hq.source } : {}),
        ...(hq && 'unknown' in hq ? { note: hq.unknown } : hq?.note ? { note: hq.note } : {}),
      };
    }),
    servedFrom: sovereignty.servedFrom.map((x) => ({ country: x.country, pops: [...x.pops] })),
    unplacedPops: [...sovereignty.unplacedPops],
    sovereignty: sovereigntySummary(sovereignty, ENGLISH, options.home).map(said),
    ...(options.failover ? { failover: failoverReport(options.failover) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Text

/** `3 requests`, `1 font`: a plural pair of the fragments, English rules (the analyzer's text). */
function count(t: Translate, base: string, n: number): string {
  return t(`${base}${n === 1 ? 'One' : 'Other'}`, [String(n)]);
}

export function evidenceText(e: ReportEvidence): string {
  switch (e.kind) {
    case 'header':
      return `${e.host}: header ${e.name}: ${e.value}`;
    case 'host':
      return `${e.host}: hostname under ${e.suffix}`;
    case 'ip':
      return `${e.host}: server IP ${e.ip} in ${e.range}`;
  }
}

function popText(code: string): string {
  const place = placeOf(code);
  return place.city ? `${code} (${place.city}, ${place.country})` : code;
}

function dnsLine(t: Translate, domain: string, d: ReportDns): string {
  if ('unknown' in d) return `  ${t('resMdDnsUnknown', [domain, d.text])}`;
  const who = [
    ...d.providers.map((p) => `${p.name} (${p.nameservers.join(', ')})`),
    ...d.unknownNameservers.map((n) => t('resMdDnsUnknownNs', [n])),
  ].join('; ');
  const tail = d.singleProvider
    ? t('resMdDnsSingle')
    : d.source === 'soa'
      ? t('resMdDnsSoa')
      : t('resMdDnsSeveral', [String(d.operators)]);
  return `  ${t('resMdDnsLine', [domain, who || t('dnsNoNameserver')])} ${tail}`;
}

/** Impact ranking, DNS providers, single points of failure and what cannot be known. */
function resilienceText(report: Report, t: Translate): string[] {
  const lines: string[] = [];
  lines.push(t('resMdImpact'));
  if (report.impact.length === 0) lines.push(`  ${t('resMdNoImpact')}`);
  report.impact.forEach((i, n) => {
    lines.push(`  ${n + 1}. ${t(SEVERITY_KEY[i.severity])}: ${i.text}`);
  });

  lines.push('', t('resMdDns'));
  const dns = report.dns ? Object.entries(report.dns) : undefined;
  if (!dns) lines.push(`  ${t('resMdDnsNotLookedUp')}`);
  else if (dns.length === 0) lines.push(`  ${t('resMdDnsNothing')}`);
  for (const [domain, d] of dns ?? []) lines.push(dnsLine(t, domain, d));
  if (report.failover) {
    lines.push(`  ${report.failover.address.text}`);
    if (report.failover.nameservers) lines.push(`  ${report.failover.nameservers.text}`);
  }

  lines.push('', t('resMdSovereignty'));
  for (const x of report.sovereignty) lines.push(`  ${x.text}`);
  for (const j of report.jurisdictions) {
    const where = j.country ?? t('resMdCountryUnknown');
    const flags = [`${where}, ${j.regime}`, ...(j.critical ? [t('resMdCritical')] : [])];
    lines.push(`  - ${j.company} (${flags.join('; ')}): ${j.providers.join(', ') || '—'}`);
  }

  lines.push('', `${t('resMdSpofs')} (${report.singlePointsOfFailure.length})`);
  if (report.singlePointsOfFailure.length === 0) lines.push(`  ${t('resMdNoSpofs')}`);
  for (const s of report.singlePointsOfFailure) {
    lines.push(`  ${s.text}`);
    lines.push(`    ${t('resMdEvidence', [s.reason.text])}`);
    lines.push(`    ${t('resMdAdvice', [s.advice.text])}`);
  }

  if (report.cannotKnow.length > 0) {
    lines.push('', t('resMdCannotKnow'));
    for (const n of report.cannotKnow) lines.push(`  - ${n.text}`);
  }
  return lines;
}

/**
 * The report as readable text, one provider block after another (the analyzer's output). The
 * words the extension also says come from `t` (the message fragments, in English for the CLI);
 * the lines only this text has are written here.
 */
export function reportText(report: Report, t: Translate): string {
  const lines: string[] = [];
  lines.push(`Faultline report for ${report.page || '(no main document found)'}`);
  const ranges = report.catalog.ipRanges ? `, IP ranges of ${report.catalog.ipRanges}` : '';
  lines.push(
    `${count(t, 'requests', report.requests)} on ${count(t, 'hosts', report.hostCount)} · ` +
      `catalog of ${report.catalog.providers} providers${ranges} · generated ${report.generatedAt}`,
  );
  if (report.source?.creator) lines.push(`Source: HAR saved by ${report.source.creator}`);

  const main = report.providers.filter((p) => p.document);
  lines.push('');
  lines.push(
    main.length > 0
      ? `Main document served by: ${main.map((p) => `${p.name} (${p.role})`).join(', ')}`
      : 'Main document: no provider evidence',
  );

  lines.push('');
  lines.push(`Providers (${report.providers.length})`);
  if (report.providers.length === 0) lines.push('  none detected');
  for (const p of report.providers) {
    const flags = [
      t(CATEGORY_KEYS[p.category]),
      t(ROLE_KEY[p.role]),
      ...(p.document ? [t('mainDocument')] : []),
    ];
    lines.push(`  ${p.name} [${p.id}] — ${flags.join(' · ')}`);
    const serves = (Object.entries(p.serves) as [ResourceKind, number][])
      .map(([k, n]) => count(t, KIND_KEYS[k], n))
      .join(', ');
    lines.push(
      `    ${t('resMdServes', [serves || 'nothing counted'])} (${count(t, 'requests', p.requests)})`,
    );
    if (p.pops.length > 0) lines.push(`    ${t('resMdPops', [p.pops.map(popText).join(', ')])}`);
    if (p.hosts.length > 0) lines.push(`    ${t('resMdHosts', [p.hosts.join(', ')])}`);
    if (p.evidence.length > 0) {
      lines.push('    evidence:');
      for (const e of p.evidence) lines.push(`      ${evidenceText(e)}`);
    }
  }

  if (report.unattributedHosts.length > 0) {
    lines.push('');
    lines.push(
      `Hosts with no provider evidence (${report.unattributedHosts.length}): ${report.unattributedHosts.join(', ')}`,
    );
  }
  if (report.unknownRequests > 0) {
    lines.push('');
    lines.push(
      `Unknown: ${report.unknownRequests} ${report.unknownRequests === 1 ? 'response' : 'responses'} came from a service worker or cache (no server IP)`,
    );
  }
  lines.push('', ...resilienceText(report, t));
  const counts = report.source?.counts;
  if (counts) {
    const skipped = Object.entries(counts).filter(([k, n]) => k !== 'entries' && k !== 'counted' && n > 0);
    if (skipped.length > 0) {
      lines.push('');
      lines.push(`Not counted: ${skipped.map(([k, n]) => `${k}: ${n}`).join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
