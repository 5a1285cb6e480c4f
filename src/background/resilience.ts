import { providerById } from '../core/catalog/index.ts';
import { IP_RANGES } from '../core/detect/index.ts';
import type { Translate } from '../core/i18n.ts';
import type { PageView } from '../core/page/view.ts';
import { buildReport } from '../core/report/report.ts';
import { rankImpact } from '../core/resilience/impact.ts';
import { reportMarkdown } from '../core/resilience/markdown.ts';
import type { ResilienceState } from '../messages.ts';
import type { DnsLookups } from './dns.ts';

/**
 * The popup's resilience report, answered from the tab's page record: the v2 report (with DNS
 * when allowed) and its Markdown in the browser's language. Everything it reaches outside is
 * injected, so tests drive it without a browser.
 */

export interface ResilienceDeps {
  /** The tab's current page, when it has recorded responses. */
  readonly page: (tabId: number) => Promise<PageView | undefined>;
  readonly dns: DnsLookups;
  /** `browser.i18n.getMessage`: the Markdown in the language of the extension's messages. */
  readonly t: Translate;
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
    const now = (this.deps.now ?? Date.now)();
    const report = buildReport(view, providerById, {
      generatedAt: new Date(now).toISOString(),
      ipRanges: IP_RANGES.generated,
      ...(IP_RANGES.sources ? { ipRangeSources: IP_RANGES.sources } : {}),
      source: { kind: 'extension' },
      impacts,
      ...(looked ? { dns: looked } : {}),
    });
    const { t } = this.deps;
    const markdown = reportMarkdown(
      { view, impacts, ...(looked ? { dns: looked } : {}), locale: t('locale') },
      t,
    );
    return { kind: 'resilience', report, markdown, dnsLookedUp: dns.lookedUp, dnsNames: dns.domains };
  }
}
