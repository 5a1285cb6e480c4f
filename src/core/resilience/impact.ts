import { providerById } from '../catalog/index.ts';
import type { GateFunction, Provider, Role, ServiceFunction } from '../catalog/types.ts';
import type { ResourceKind } from '../detect/types.ts';
import type { PageView, ProviderView } from '../page/view.ts';

/**
 * Impact per provider: what stops working on this page if the provider fails, from what it
 * served during this page load. Plain words come from i18n keys (messages.json).
 */

export type Severity = 'critical' | 'major' | 'minor' | 'cosmetic';

export const SEVERITIES: readonly Severity[] = ['critical', 'major', 'minor', 'cosmetic'];

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, major: 1, minor: 2, cosmetic: 3 };

export interface Impact {
  readonly providerId: string;
  readonly name: string;
  readonly role: Role;
  readonly severity: Severity;
  /** The page cannot work at all without this provider (it carried the main document). */
  readonly critical: boolean;
  /** What the provider does for the page, when known. */
  readonly function?: ServiceFunction;
  /** i18n key of the verdict sentence; `$1` is the provider name. */
  readonly key: string;
  readonly subs: readonly string[];
  /** Responses per resource kind this provider served. */
  readonly parts: Partial<Record<ResourceKind, number>>;
  readonly requests: number;
}

interface Verdict {
  readonly severity: Severity;
  readonly key: string;
}

function count(kinds: Partial<Record<ResourceKind, number>>, ...which: ResourceKind[]): number {
  return which.reduce((n, k) => n + (kinds[k] ?? 0), 0);
}

export function isGate(fn: ServiceFunction | undefined): fn is GateFunction {
  return fn === 'payments' || fn === 'auth' || fn === 'captcha';
}

const GATE_KEYS: Record<GateFunction, string> = {
  payments: 'resImpactPayments',
  auth: 'resImpactAuth',
  captcha: 'resImpactCaptcha',
};

/** The rule ladder: the first rule that applies gives the verdict. */
function verdictOf(p: ProviderView, fn: ServiceFunction | undefined): Verdict {
  const k = p.kinds;
  if (p.document || count(k, 'document') > 0) return { severity: 'critical', key: 'resImpactDocument' };
  if (isGate(fn)) return { severity: 'major', key: GATE_KEYS[fn] };
  if (fn === 'bot-management') return { severity: 'major', key: 'resImpactBotManagement' };
  if (fn === 'script-cdn' && count(k, 'script', 'stylesheet') > 0)
    return { severity: 'major', key: 'resImpactScriptCdn' };
  if (fn === 'fonts') {
    // Icon kits load a script; fonts services otherwise serve only CSS and font files.
    if (count(k, 'script', 'xhr', 'subframe') === 0) return { severity: 'cosmetic', key: 'resImpactFonts' };
    return { severity: 'minor', key: 'resImpactFontKit' };
  }
  if (fn === 'addon') return { severity: 'minor', key: 'resImpactAddon' };
  if (fn === 'embed') return { severity: 'minor', key: 'resImpactEmbed' };
  if (count(k, 'script', 'stylesheet') > 0) return { severity: 'major', key: 'resImpactScripts' };
  if (count(k, 'xhr') > 0) return { severity: 'major', key: 'resImpactApi' };
  if (count(k, 'subframe') > 0) return { severity: 'minor', key: 'resImpactFrames' };
  if (count(k, 'media') > 0) return { severity: 'minor', key: 'resImpactMedia' };
  if (count(k, 'image') > 0) return { severity: 'minor', key: 'resImpactImages' };
  if (count(k, 'font') > 0) return { severity: 'cosmetic', key: 'resImpactFonts' };
  return { severity: 'minor', key: 'resImpactOther' };
}

export function impactOf(p: ProviderView, catalog: ReadonlyMap<string, Provider> = providerById): Impact {
  const fn = catalog.get(p.id)?.function;
  const v = verdictOf(p, fn);
  return {
    providerId: p.id,
    name: p.name,
    role: p.role,
    severity: v.severity,
    critical: v.severity === 'critical',
    ...(fn ? { function: fn } : {}),
    key: v.key,
    subs: [p.name],
    parts: { ...p.kinds },
    requests: p.requests,
  };
}

export function compareImpact(a: Impact, b: Impact): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    b.requests - a.requests ||
    a.name.localeCompare(b.name, 'en') ||
    (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0)
  );
}

/** One verdict per provider of the page, most severe first, then by requests. */
export function rankImpact(view: PageView, catalog: ReadonlyMap<string, Provider> = providerById): Impact[] {
  return view.providers.map((p) => impactOf(p, catalog)).sort(compareImpact);
}

/** Hosts of the providers the page needs (critical, then major), in impact order: DNS look-ups. */
export function criticalHosts(view: PageView, impacts: readonly Impact[]): string[] {
  const hosts = new Map(view.providers.map((p) => [p.id, p.hosts]));
  const out: string[] = [];
  for (const i of impacts) {
    if (i.severity !== 'critical' && i.severity !== 'major') continue;
    for (const h of hosts.get(i.providerId) ?? []) if (!out.includes(h)) out.push(h);
  }
  return out;
}
