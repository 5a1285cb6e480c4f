import { type Place, placeOf } from '../catalog/places.ts';
import type { Category, Provider, Role } from '../catalog/types.ts';
import type { Evidence, ResourceKind } from '../detect/types.ts';
import { ownHost, type PageRecord, type ProviderTally } from './record.ts';

/** Evidence as shown to a person: which host it was seen on, and what matched. */
export interface ShownEvidence {
  readonly host: string;
  readonly evidence: Evidence;
}

/** One provider this page relies on, summed over every host it served. */
export interface ProviderView {
  readonly id: string;
  readonly name: string;
  readonly category: Category;
  readonly description: string;
  readonly homepage: string;
  /** Strongest role seen: edge over origin over service. */
  readonly role: Role;
  /** This provider carried the page's main document. */
  readonly document: boolean;
  readonly requests: number;
  readonly kinds: Partial<Record<ResourceKind, number>>;
  readonly pops: readonly Place[];
  readonly hosts: readonly string[];
  readonly evidence: readonly ShownEvidence[];
}

export interface PageView {
  readonly tabId: number;
  readonly url: string;
  readonly host: string;
  readonly startedAt: number;
  readonly updatedAt: number;
  readonly requests: number;
  /** Hosts seen, including those only counted in the overflow. */
  readonly hostCount: number;
  /** Hosts beyond the per-page detail cap ("and N more"). */
  readonly moreHosts: number;
  /** Responses that could not be attributed (service worker / memory cache, no IP). */
  readonly unknownRequests: number;
  /** Hosts with responses but no provider evidence. */
  readonly unattributedHosts: readonly string[];
  readonly providers: readonly ProviderView[];
  /** The main document never arrived: the browser's network error (see PageRecord). */
  readonly documentError?: string | undefined;
  /**
   * The browser refused to store the latest of this page (storage full): after a restart of the
   * background, this may be an earlier state of it (see PageRecord).
   */
  readonly unsaved?: true | undefined;
  /** HTTP status of the main document, once it arrived. */
  readonly documentStatus?: number | undefined;
  /** Server addresses of the main document's host (at most a few), when the browser gave them. */
  readonly documentIps: readonly string[];
}

const ROLE_RANK: Record<Role, number> = { edge: 0, origin: 1, service: 2 };
const MAX_SHOWN_HOSTS = 12;
const MAX_SHOWN_EVIDENCE = 8;

interface Acc {
  role: Role;
  document: boolean;
  requests: number;
  kinds: Partial<Record<ResourceKind, number>>;
  pops: string[];
  hosts: string[];
  evidence: ShownEvidence[];
}

function merge(acc: Map<string, Acc>, id: string, host: string | undefined, t: ProviderTally): void {
  let a = acc.get(id);
  if (!a) {
    a = { role: t.role, document: false, requests: 0, kinds: {}, pops: [], hosts: [], evidence: [] };
    acc.set(id, a);
  }
  if (ROLE_RANK[t.role] < ROLE_RANK[a.role]) a.role = t.role;
  if (t.document) a.document = true;
  a.requests += t.requests;
  for (const [k, n] of Object.entries(t.kinds) as [ResourceKind, number][])
    a.kinds[k] = (a.kinds[k] ?? 0) + n;
  for (const p of t.pops) if (!a.pops.includes(p)) a.pops.push(p);
  if (host !== undefined) {
    if (a.hosts.length < MAX_SHOWN_HOSTS) a.hosts.push(host);
    for (const e of t.evidence) {
      if (a.evidence.length >= MAX_SHOWN_EVIDENCE) break;
      a.evidence.push({ host, evidence: e });
    }
  }
}

/** Pure view of a page record: the providers it relies on, main-document provider first. */
export function pageView(page: PageRecord, providers: ReadonlyMap<string, Provider>): PageView {
  const acc = new Map<string, Acc>();
  const unattributed: string[] = [];
  let unknownRequests = 0;
  // The main document's host first, so its evidence leads.
  const hostNames = Object.keys(page.hosts).sort((a, b) =>
    a === page.host ? -1 : b === page.host ? 1 : ownHost(page, b)!.requests - ownHost(page, a)!.requests,
  );
  for (const host of hostNames) {
    const agg = ownHost(page, host)!;
    unknownRequests += agg.unknown;
    const ids = Object.keys(agg.providers);
    if (ids.length === 0 && agg.unknown < agg.requests) unattributed.push(host);
    for (const id of ids) merge(acc, id, host, agg.providers[id]!);
  }
  for (const [id, t] of Object.entries(page.overflow.providers)) merge(acc, id, undefined, t);

  const views: ProviderView[] = [];
  for (const [id, a] of acc) {
    const p = providers.get(id);
    if (!p) continue;
    views.push({
      id,
      name: p.name,
      category: p.category,
      description: p.description,
      homepage: p.homepage,
      role: a.role,
      document: a.document,
      requests: a.requests,
      kinds: a.kinds,
      pops: a.pops.map(placeOf),
      hosts: a.hosts,
      evidence: a.evidence,
    });
  }
  views.sort(
    (x, y) =>
      Number(y.document) - Number(x.document) ||
      ROLE_RANK[x.role] - ROLE_RANK[y.role] ||
      y.requests - x.requests ||
      x.name.localeCompare(y.name),
  );

  return {
    tabId: page.tabId,
    url: page.url,
    host: page.host,
    startedAt: page.startedAt,
    updatedAt: page.updatedAt,
    requests: page.requests,
    hostCount: hostNames.length + page.overflow.hosts,
    moreHosts: page.overflow.hosts,
    unknownRequests,
    unattributedHosts: unattributed,
    providers: views,
    documentError: page.documentError,
    ...(page.unsaved ? { unsaved: true as const } : {}),
    documentStatus: page.documentStatus,
    documentIps: Object.hasOwn(page.hosts, page.host) ? (page.hosts[page.host]?.ips ?? []) : [],
  };
}
