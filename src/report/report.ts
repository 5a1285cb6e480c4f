import { placeOf } from '../catalog/places.ts';
import type { Category, Provider, Role } from '../catalog/types.ts';
import type { Evidence, ResourceKind } from '../detect/types.ts';
import { RESOURCE_KINDS } from '../detect/types.ts';
import type { PageView } from '../page/view.ts';

/**
 * The report: what one page relies on, as plain JSON. The same schema serves the HAR analyzer
 * (`npm run analyze`) and the popup's export; later versions add impact, DNS and single points of
 * failure. Pure: no clock, no I/O.
 */

export const REPORT_VERSION = 1;

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
  /** Free-form counts of what was read (entries, counted, failed …). */
  readonly counts?: Readonly<Record<string, number>>;
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
  readonly catalog: { readonly providers: number; readonly ipRanges?: string };
  readonly source?: ReportSource;
}

export interface BuildOptions {
  /** ISO time of the report; defaults to the page's last update (keeps the function pure). */
  readonly generatedAt?: string;
  /** Date of the IP-range snapshot used. */
  readonly ipRanges?: string;
  readonly source?: ReportSource;
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
    },
    ...(options.source ? { source: options.source } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Text

const CATEGORY_NAMES: Record<Category, string> = {
  cdn: 'CDN',
  security: 'security',
  hosting: 'hosting',
  storage: 'storage',
  dns: 'DNS',
  service: 'third-party service',
};

const KIND_NAMES: Record<ResourceKind, readonly [string, string]> = {
  document: ['document', 'documents'],
  script: ['script', 'scripts'],
  stylesheet: ['stylesheet', 'stylesheets'],
  xhr: ['XHR/fetch', 'XHR/fetch'],
  font: ['font', 'fonts'],
  image: ['image', 'images'],
  media: ['media file', 'media files'],
  subframe: ['frame', 'frames'],
  other: ['other', 'other'],
};

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
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

/** The report as readable text, one provider block after another. */
export function reportText(report: Report): string {
  const lines: string[] = [];
  lines.push(`Faultline report for ${report.page || '(no main document found)'}`);
  const ranges = report.catalog.ipRanges ? `, IP ranges of ${report.catalog.ipRanges}` : '';
  lines.push(
    `${plural(report.requests, 'request', 'requests')} on ${plural(report.hostCount, 'host', 'hosts')} · ` +
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
    const flags = [CATEGORY_NAMES[p.category], p.role, ...(p.document ? ['main document'] : [])];
    lines.push(`  ${p.name} [${p.id}] — ${flags.join(' · ')}`);
    const serves = (Object.entries(p.serves) as [ResourceKind, number][])
      .map(([k, n]) => plural(n, KIND_NAMES[k][0], KIND_NAMES[k][1]))
      .join(', ');
    lines.push(`    serves: ${serves || 'nothing counted'} (${plural(p.requests, 'request', 'requests')})`);
    if (p.pops.length > 0) lines.push(`    PoPs: ${p.pops.map(popText).join(', ')}`);
    if (p.hosts.length > 0) lines.push(`    hosts: ${p.hosts.join(', ')}`);
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
      `Unknown: ${plural(report.unknownRequests, 'response', 'responses')} came from a service worker or cache (no server IP)`,
    );
  }
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
