import { companyOf } from '../catalog/index.ts';
import { GATE_FUNCTIONS, type GateFunction } from '../catalog/types.ts';
import type { PageView, ProviderView } from '../page/view.ts';
import { type DnsSummary, dnsOfHost } from './dns.ts';
import type { Failover } from './failover.ts';
import { type Impact, isGate } from './impact.ts';
import type { Sovereignty } from './sovereignty.ts';

/**
 * Single points of failure: what one provider's outage would take down with no fallback in
 * sight, with the evidence in words and one line of advice. One page load shows what was used,
 * not what stands by: every finding comes with what it cannot know.
 */

/** An i18n key and its `$1`, `$2`… substitutions. */
export interface Text {
  readonly key: string;
  readonly subs: readonly string[];
}

export type SpofKind =
  | 'document-edge'
  | 'document-origin'
  | 'document-server'
  | 'dns'
  | GateFunction
  | 'company';

export interface Spof {
  /** Stable id: `<kind>:<provider or company or domain>`. */
  readonly id: string;
  readonly kind: SpofKind;
  /** The finding, e.g. "The page is reachable only through Cloudflare". */
  readonly key: string;
  readonly subs: readonly string[];
  /** The evidence in words. */
  readonly reason: Text;
  /** One line of advice (key without substitutions beyond the provider name). */
  readonly advice: Text;
  /** Provider ids involved. */
  readonly providers: readonly string[];
  /** What one page load cannot tell about this finding. */
  readonly cannotKnow?: Text;
}

function text(key: string, ...subs: string[]): Text {
  return { key, subs };
}

/** Hosts as evidence: the first few, comma-separated (hosts are ASCII names). */
function hostList(p: ProviderView | undefined, max = 3): string {
  if (!p || p.hosts.length === 0) return '—';
  const shown = p.hosts.slice(0, max).join(', ');
  return p.hosts.length > max ? `${shown}, …` : shown;
}

const GATE_KEYS: Record<GateFunction, { key: string; reason: string; advice: string }> = {
  payments: { key: 'resSpofPayments', reason: 'resReasonPayments', advice: 'resAdvicePayments' },
  auth: { key: 'resSpofAuth', reason: 'resReasonAuth', advice: 'resAdviceAuth' },
  captcha: { key: 'resSpofCaptcha', reason: 'resReasonCaptcha', advice: 'resAdviceCaptcha' },
};

export function singlePointsOfFailure(
  view: PageView,
  impacts: readonly Impact[],
  dns: readonly DnsSummary[] = [],
): Spof[] {
  const out: Spof[] = [];
  const byId = new Map(view.providers.map((p) => [p.id, p]));
  const docProviders = view.providers.filter((p) => p.document);

  // 1. The main document reached the browser through one edge (CDN) and no other.
  const edges = docProviders.filter((p) => p.role === 'edge');
  const edge = edges.length === 1 ? edges[0] : undefined;
  if (edge) {
    out.push({
      id: `document-edge:${edge.id}`,
      kind: 'document-edge',
      key: 'resSpofDocumentEdge',
      subs: [edge.name],
      reason: text('resReasonDocumentEdge', view.host, edge.name),
      advice: text('resAdviceMultiCdn'),
      providers: [edge.id],
      cannotKnow: text('resCannotKnowStandbyCdn', edge.name),
    });
  }

  // 2. The origin platform behind the edge, when it shows itself.
  const origins = docProviders.filter((p) => p.role === 'origin');
  const origin = origins.length === 1 ? origins[0] : undefined;
  if (origin) {
    out.push({
      id: `document-origin:${origin.id}`,
      kind: 'document-origin',
      key: 'resSpofDocumentOrigin',
      subs: [origin.name],
      reason: text('resReasonDocumentOrigin', view.host, origin.name),
      advice: text('resAdviceOrigin'),
      providers: [origin.id],
      cannotKnow: text('resCannotKnowOriginStandby', origin.name),
    });
  }

  // 2b. No provider at all in front of the document: the site's own server, alone.
  if (
    docProviders.length === 0 &&
    view.host &&
    (view.documentStatus !== undefined || view.documentIps.length > 0)
  ) {
    const ips = view.documentIps.join(', ');
    out.push({
      id: `document-server:${view.host}`,
      kind: 'document-server',
      key: 'resSpofDocumentServer',
      subs: [view.host],
      reason: ips
        ? text('resReasonDocumentServer', view.host, ips)
        : text('resReasonDocumentServerNoIp', view.host),
      advice: text('resAdviceDocumentServer'),
      providers: [],
      cannotKnow: text('resCannotKnowServerStandby', view.host),
    });
  }

  // 3. Every nameserver of a domain at one DNS provider: no secondary DNS.
  for (const d of dns) {
    if (!d.singleProvider) continue;
    const share = d.providers[0];
    const name = share?.name ?? d.unknownOperators[0] ?? d.domain;
    const ns = share ? share.nameservers : d.unknown;
    out.push({
      id: `dns:${d.domain}`,
      kind: 'dns',
      key: 'resSpofDns',
      subs: [d.domain, name],
      reason: text('resReasonDns', d.domain, ns.join(', '), name),
      advice: text('resAdviceSecondaryDns'),
      providers: share?.id ? [share.id] : [],
      cannotKnow: text('resCannotKnowDnsFailover'),
    });
  }

  // 4. Payments, sign-in, captcha: one provider each, no second one on the page.
  for (const fn of GATE_FUNCTIONS) {
    const serving = impacts.filter((i) => i.function === fn);
    const only = serving.length === 1 ? serving[0] : undefined;
    if (!only) continue;
    const k = GATE_KEYS[fn];
    out.push({
      id: `${fn}:${only.providerId}`,
      kind: fn,
      key: k.key,
      subs: [only.name],
      reason: text(k.reason, only.name, hostList(byId.get(only.providerId))),
      advice: text(k.advice),
      providers: [only.providerId],
      cannotKnow: text('resCannotKnowFallbackFlow', only.name),
    });
  }

  // 5. Everything critical on one company: the document, the page's DNS and every gate.
  const layers: { providerId: string; name: string }[] = [];
  for (const i of impacts)
    if (i.critical || isGate(i.function)) layers.push({ providerId: i.providerId, name: i.name });
  const own = dnsOfHost(view.host, dns);
  let dnsKnown = true;
  if (own) {
    for (const share of own.providers) layers.push({ providerId: share.id ?? share.name, name: share.name });
    if (own.unknown.length > 0) dnsKnown = false;
  }
  const companies = new Map(
    layers.map((l) => [companyOf(l.providerId)?.id ?? `provider:${l.providerId}`, l]),
  );
  // Only when the document's own provider is known: otherwise "everything" would overreach.
  const documentKnown = impacts.some((i) => i.critical);
  if (layers.length >= 2 && companies.size === 1 && dnsKnown && documentKnown) {
    const first = layers[0]!;
    const company = companyOf(first.providerId) ?? { id: `provider:${first.providerId}`, name: first.name };
    const ids = [...new Set(layers.map((l) => l.providerId))];
    const names = [...new Set(layers.map((l) => l.name))];
    // Two layers from one provider id (edge and DNS both "cloudflare") still count: two roles.
    out.push({
      id: `company:${company.id}`,
      kind: 'company',
      key: 'resSpofCompany',
      subs: [company.name],
      reason: text('resReasonCompany', company.name, names.join(', ')),
      advice: text('resAdviceCompany', company.name),
      providers: ids,
    });
  }
  return out;
}

/** At most this many provider names in the note on providers that named no place. */
const UNPLACED_NAMES = 6;

/**
 * What one page load cannot reveal, for this page: always-true notes plus the relevant ones.
 * `failover`: a TTL reading was made (its limits are then said). `sovereignty`: the companies and
 * places were read (where data is kept, and which providers named no place, are then said).
 */
export function cannotKnow(
  view: PageView,
  spofs: readonly Spof[],
  dns?: readonly DnsSummary[],
  failover?: Failover,
  sovereignty?: Pick<Sovereignty, 'jurisdictions' | 'unplacedProviders'>,
): Text[] {
  const notes: Text[] = [];
  const seen = new Set<string>();
  const push = (t: Text) => {
    const k = `${t.key}|${t.subs.join('|')}`;
    if (!seen.has(k)) {
      seen.add(k);
      notes.push(t);
    }
  };
  for (const s of spofs) if (s.cannotKnow) push(s.cannotKnow);
  if (dns?.some((d) => d.unknown.length > 0)) push(text('resCannotKnowVanityNs'));
  if (dns?.some((d) => d.source === 'soa')) push(text('resCannotKnowSoaOnly'));
  if (failover) push(text('resCannotKnowTtl'));
  if (failover?.nameservers) push(text('resCannotKnowDelegation'));
  if (sovereignty && sovereignty.jurisdictions.length > 0) push(text('resCannotKnowDataLocation'));
  const unplaced = sovereignty?.unplacedProviders ?? [];
  if (unplaced.length > 0) {
    const names = unplaced.slice(0, UNPLACED_NAMES).join(', ');
    push(text('resCannotKnowUnplaced', unplaced.length > UNPLACED_NAMES ? `${names}…` : names));
  }
  if (view.unknownRequests > 0) push(text('resCannotKnowCached', String(view.unknownRequests)));
  if (view.unattributedHosts.length > 0)
    push(text('resCannotKnowUnattributed', String(view.unattributedHosts.length)));
  push(text('resCannotKnowBehindEdge'));
  push(text('resCannotKnowOtherPages'));
  return notes;
}
