import { providerById } from '../catalog/index.ts';
import type { Provider } from '../catalog/types.ts';
import { type Classifier, defaultClassifier, IP_RANGES } from '../detect/index.ts';
import { pageView } from '../page/view.ts';
import { foldHar, parseHarText } from './har.ts';
import { buildReport, type Report } from './report.ts';

export * from './har.ts';
export * from './report.ts';

export interface AnalyzeOptions {
  readonly classifier?: Classifier;
  readonly catalog?: ReadonlyMap<string, Provider>;
  /** ISO time stamped on the report (the CLI passes "now"; tests pass a constant). */
  readonly generatedAt?: string;
}

/** HAR text → report, or the one-line reason it cannot be read. Pure. */
export function analyzeHarText(
  text: string,
  options: AnalyzeOptions = {},
): { ok: true; report: Report } | { ok: false; reason: string } {
  const parsed = parseHarText(text);
  if (!parsed.ok) return parsed;
  const folded = foldHar(parsed.har, options.classifier ?? defaultClassifier());
  if (!folded.ok) return folded;
  const catalog = options.catalog ?? providerById;
  const { summary } = folded;
  const report = buildReport(pageView(folded.page, catalog), catalog, {
    ...(options.generatedAt ? { generatedAt: options.generatedAt } : {}),
    ipRanges: IP_RANGES.generated,
    source: {
      kind: 'har',
      ...(summary.creator ? { creator: summary.creator } : {}),
      counts: {
        entries: summary.entries,
        counted: summary.counted,
        'failed requests': summary.failed,
        'entries of later pages': summary.otherPages,
        'entries without an http(s) URL': summary.malformed,
      },
    },
  });
  return { ok: true, report };
}
