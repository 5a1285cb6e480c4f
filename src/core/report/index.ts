import { CATALOG, providerById } from '../catalog/index.ts';
import type { Provider } from '../catalog/types.ts';
import { type Classifier, defaultClassifier, IP_RANGES } from '../detect/index.ts';
import { type PageView, pageView } from '../page/view.ts';
import { type DnsFinding, dnsOfHost } from '../resilience/dns.ts';
import { failoverOf } from '../resilience/failover.ts';
import { rankImpact } from '../resilience/impact.ts';
import {
  addressTarget,
  type DohFetcher,
  lookupAddress,
  lookupFindings,
  pageDnsTargets,
} from '../resilience/lookup.ts';
import type { Home } from '../resilience/sovereignty.ts';
import { foldHar, parseHarText } from './har.ts';
import { type BuildOptions, buildReport, type Report } from './report.ts';

export * from './har.ts';
export * from './report.ts';

export interface AnalyzeOptions {
  readonly classifier?: Classifier;
  readonly catalog?: ReadonlyMap<string, Provider>;
  /** ISO time stamped on the report (the CLI passes "now"; tests pass a constant). */
  readonly generatedAt?: string;
  /** DNS findings to include; undefined: DNS was not looked up. */
  readonly dns?: readonly DnsFinding[];
  /** The reader's country: the sovereignty summary says what lies outside it. */
  readonly home?: Home;
}

export type HarPage = { ok: true; view: PageView; build: BuildOptions } | { ok: false; reason: string };

/** HAR text → the page view and how to report it, or the one-line reason it cannot be read. Pure. */
export function readHarPage(text: string, options: AnalyzeOptions = {}): HarPage {
  const parsed = parseHarText(text);
  if (!parsed.ok) return parsed;
  const folded = foldHar(parsed.har, options.classifier ?? defaultClassifier());
  if (!folded.ok) return folded;
  const catalog = options.catalog ?? providerById;
  const { summary } = folded;
  return {
    ok: true,
    view: pageView(folded.page, catalog),
    build: {
      ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
      ipRanges: IP_RANGES.generated,
      ...(IP_RANGES.sources ? { ipRangeSources: IP_RANGES.sources } : {}),
      source: {
        kind: 'har',
        ...(summary.creator ? { creator: summary.creator } : {}),
        counts: {
          entries: summary.entries,
          counted: summary.counted,
          'failed requests': summary.failed,
          'entries of later pages': summary.otherPages,
          'entries without an http(s) URL': summary.malformed,
          'responses from a cache or service worker': summary.fromCache,
          'responses with no server IP in the HAR': summary.ipNotRecorded,
        },
      },
      ...(options.dns ? { dns: options.dns } : {}),
      ...(options.home ? { home: options.home } : {}),
    },
  };
}

/** HAR text → report, or the one-line reason it cannot be read. Pure. */
export function analyzeHarText(
  text: string,
  options: AnalyzeOptions = {},
): { ok: true; report: Report } | { ok: false; reason: string } {
  const page = readHarPage(text, options);
  if (!page.ok) return page;
  return { ok: true, report: buildReport(page.view, options.catalog ?? providerById, page.build) };
}

/**
 * HAR text → report with the DNS providers of the page's domain and of the hosts it needs, then
 * the page host's address record (failover readiness), looked up through `fetcher` (the CLI's
 * `--dns`; tests inject a fake). Never throws.
 */
export async function analyzeHarWithDns(
  text: string,
  fetcher: DohFetcher,
  options: AnalyzeOptions = {},
): Promise<{ ok: true; report: Report } | { ok: false; reason: string }> {
  const page = readHarPage(text, options);
  if (!page.ok) return page;
  const catalog = options.catalog ?? providerById;
  const impacts = rankImpact(page.view, catalog);
  const targets = pageDnsTargets(page.view, catalog, impacts);
  // Nameservers are read against the whole catalog (its DNS providers are rarely the page's).
  const dns = await lookupFindings(targets.domains, fetcher, CATALOG);
  const host = addressTarget(page.view);
  const summaries = dns.flatMap((d) => ('summary' in d ? [d.summary] : []));
  const failover = host
    ? failoverOf(host, (await lookupAddress(host, fetcher)).answer, dnsOfHost(host, summaries))
    : undefined;
  return {
    ok: true,
    report: buildReport(page.view, catalog, {
      ...page.build,
      impacts,
      dns,
      ...(failover ? { failover } : {}),
    }),
  };
}
