import { providerById } from '../core/catalog/index.ts';
import { IP_RANGES } from '../core/detect/index.ts';
import type { Translate } from '../core/i18n.ts';
import type { PageView } from '../core/page/view.ts';
import { buildReport } from '../core/report/report.ts';
import { continuityChecklist } from '../core/resilience/checklist.ts';
import { dnsOfHost } from '../core/resilience/dns.ts';
import { failoverOf, failoverTexts } from '../core/resilience/failover.ts';
import { rankImpact } from '../core/resilience/impact.ts';
import { reportMarkdown } from '../core/resilience/markdown.ts';
import { sovereigntySummary } from '../core/resilience/sovereignty.ts';
import type { HomeCountry } from '../core/settings.ts';
import type { ResilienceState } from '../messages.ts';
import type { DnsLookups } from './dns.ts';

/**
 * The popup's resilience report, answered from the tab's page record: the report (with DNS and
 * the failover reading when allowed, and what lies outside the user's country), its Markdown and
 * the continuity checklist in the browser's language. Everything it reaches outside is injected,
 * so tests drive it without a browser.
 */

export interface ResilienceDeps {
  /** The tab's current page, when it has recorded responses. */
  readonly page: (tabId: number) => Promise<PageView | undefined>;
  readonly dns: DnsLookups;
  /** `browser.i18n.getMessage`: the Markdown in the language of the extension's messages. */
  readonly t: Translate;
  /** The user's country: the setting, else the region of the browser's language. */
  readonly home: () => Promise<HomeCountry | undefined>;
  readonly now?: () => number;
}

export class Resilience {
  constructor(private readonly deps: ResilienceDeps) {}

  /** The tab's resilience report; DNS looked up (or read from the cache) when the setting allows. */
  async state(tabId: number): Promise<ResilienceState> {
    const view = await this.deps.page(tabId);
    if (!view) return { kind: 'none' };
    const impacts = rankImpact(view, providerById);
    const dns = await this.deps.dns.lookupDns(view, impacts);
    const findings = dns.results.map((r) => r.finding);
    // Off, or a look-up that could not even start: "not looked up". Nothing to look up: none.
    const looked = dns.lookedUp === 'skipped' || findings.length > 0 ? findings : undefined;
    const summaries = findings.flatMap((f) => ('summary' in f ? [f.summary] : []));
    const failover = dns.address
      ? failoverOf(dns.address.host, dns.address.answer, dnsOfHost(dns.address.host, summaries))
      : undefined;
    const home = await this.deps.home().catch(() => undefined);
    const now = (this.deps.now ?? Date.now)();
    const report = buildReport(view, providerById, {
      generatedAt: new Date(now).toISOString(),
      ipRanges: IP_RANGES.generated,
      ...(IP_RANGES.sources ? { ipRangeSources: IP_RANGES.sources } : {}),
      source: { kind: 'extension' },
      impacts,
      ...(looked ? { dns: looked } : {}),
      ...(failover ? { failover } : {}),
      ...(home ? { home } : {}),
    });
    const { t } = this.deps;
    const input = {
      view,
      impacts,
      ...(looked ? { dns: looked } : {}),
      ...(failover ? { failover } : {}),
      ...(home ? { home } : {}),
      locale: t('locale'),
    };
    const markdown = reportMarkdown(input, t);
    const checklist = continuityChecklist(input, t);
    const wording = { t, locale: input.locale };
    const words = {
      sovereignty: sovereigntySummary(report, wording, home),
      failover: failover ? failoverTexts(failover, t, input.locale) : [],
    };
    // The names the resolver sees: the domains (NS), then the page's own host (its address
    // record) when it is another name.
    const host = dns.addressHost;
    const dnsNames = host && !dns.domains.includes(host) ? [...dns.domains, host] : dns.domains;
    return {
      kind: 'resilience',
      report,
      markdown,
      checklist,
      dnsLookedUp: dns.lookedUp,
      dnsNames,
      ...(home ? { home } : {}),
      words,
    };
  }
}
