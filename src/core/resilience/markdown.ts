import { providerById } from '../catalog/index.ts';
import type { Provider, Role } from '../catalog/types.ts';
import { RESOURCE_KINDS, type ResourceKind } from '../detect/types.ts';
import { KIND_KEYS, type Translate } from '../i18n.ts';
import type { PageView } from '../page/view.ts';
import type { DnsFinding } from './dns.ts';
import { type Failover, failoverTexts } from './failover.ts';
import { type Impact, rankImpact, type Severity } from './impact.ts';
import { type Home, localeWords, REGIME_KEY, sovereigntyOf, sovereigntySummary } from './sovereignty.ts';
import { cannotKnow, type Spof, singlePointsOfFailure, type Text } from './spof.ts';

/**
 * A Markdown summary of the page's resilience, for an incident channel or a risk review.
 * Every phrase comes from `t` (messages.json keys), so the report can be localised.
 */

export interface ReportInput {
  readonly view: PageView;
  /** Defaults to `rankImpact(view)`. */
  readonly impacts?: readonly Impact[];
  /** Undefined: DNS was not looked up. */
  readonly dns?: readonly DnsFinding[];
  /** The TTL reading of the page's DNS answers, when it was made. */
  readonly failover?: Failover;
  /** The user's own country: the summary says what lies outside it. */
  readonly home?: Home;
  /** BCP 47 tag of the language of `t`'s messages (plural rules, numbers); default `en`. */
  readonly locale?: string;
  readonly catalog?: ReadonlyMap<string, Provider>;
}

/** The words of a role and of a severity (the Markdown and the analyzer's text). */
export const ROLE_KEY: Readonly<Record<Role, string>> = {
  edge: 'resRoleEdge',
  origin: 'resRoleOrigin',
  service: 'resRoleService',
};

export const SEVERITY_KEY: Readonly<Record<Severity, string>> = {
  critical: 'resSeverityCritical',
  major: 'resSeverityMajor',
  minor: 'resSeverityMinor',
  cosmetic: 'resSeverityCosmetic',
};

/** Escapes text from the page or the network so it cannot become Markdown structure. */
export function escapeMarkdown(s: string): string {
  return s.replace(/[\r\n\t]+/g, ' ').replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** Inline code for URLs and host names; a backtick cannot close it early. */
function code(s: string): string {
  return `\`${s.replace(/[\r\n\t]+/g, ' ').replace(/`/g, '%60')}\``;
}

function safeLocale(tag: string | undefined): string {
  try {
    return Intl.getCanonicalLocales(tag ?? 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
}

export function reportMarkdown(input: ReportInput, t: Translate): string {
  const { view } = input;
  const catalog = input.catalog ?? providerById;
  const locale = safeLocale(input.locale);
  const plural = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const num = (n: number) => numbers.format(n);
  const tr = (key: string, subs: readonly string[] = []) => t(key, subs.map(escapeMarkdown));
  const say = (x: Text) => tr(x.key, x.subs);
  const kinds = (k: Partial<Record<ResourceKind, number>>) =>
    RESOURCE_KINDS.flatMap((kind) => {
      const n = k[kind] ?? 0;
      if (n <= 0) return [];
      const form = plural.select(n) === 'one' ? 'One' : 'Other';
      return [t(`${KIND_KEYS[kind]}${form}`, [num(n)])];
    }).join(', ');

  const impacts = input.impacts ?? rankImpact(view, catalog);
  const summaries = input.dns?.flatMap((d) => ('summary' in d ? [d.summary] : [])) ?? [];
  const spofs: Spof[] = singlePointsOfFailure(view, impacts, summaries);
  const sovereignty = sovereigntyOf(view, impacts, summaries, catalog);
  const notes = cannotKnow(view, spofs, input.dns ? summaries : undefined, input.failover, sovereignty);

  const lines: string[] = [];
  lines.push(`# ${tr('resMdTitle', [view.host])}`, '');
  lines.push(`- ${t('resMdPage', [code(view.url)])}`);
  if (Number.isFinite(view.updatedAt) && view.updatedAt > 0) {
    const at = new Date(view.updatedAt);
    if (!Number.isNaN(at.getTime())) lines.push(`- ${t('resMdRecorded', [at.toISOString()])}`);
  }
  lines.push(`- ${t('resMdRequests', [num(view.requests), num(view.hostCount)])}`, '');

  // Providers
  lines.push(`## ${t('resMdProviders', [])}`, '');
  if (view.providers.length === 0) lines.push(t('resMdNoProviders', []));
  for (const p of view.providers) {
    const parts = [`**${escapeMarkdown(p.name)}**`, t(ROLE_KEY[p.role], [])];
    const served = kinds(p.kinds);
    if (served) parts.push(t('resMdServes', [served]));
    if (p.pops.length > 0) {
      const pops = p.pops.map((pl) => (pl.city ? `${pl.code} (${pl.city})` : pl.code));
      parts.push(tr('resMdPops', [pops.join(', ')]));
    }
    if (p.hosts.length > 0) parts.push(t('resMdHosts', [p.hosts.map(code).join(', ')]));
    lines.push(`- ${parts.join(' — ')}`);
  }
  if (view.unattributedHosts.length > 0)
    lines.push(`- ${t('resMdUnattributed', [view.unattributedHosts.map(code).join(', ')])}`);
  lines.push('');

  // Impact ranking
  lines.push(`## ${t('resMdImpact', [])}`, '');
  if (impacts.length === 0) lines.push(t('resMdNoImpact', []));
  impacts.forEach((i, n) => {
    lines.push(`${n + 1}. **${t(SEVERITY_KEY[i.severity], [])}** — ${tr(i.key, i.subs)}`);
  });
  lines.push('');

  // DNS
  lines.push(`## ${t('resMdDns', [])}`, '');
  if (!input.dns) lines.push(t('resMdDnsNotLookedUp', []));
  else if (input.dns.length === 0) lines.push(t('resMdDnsNothing', []));
  for (const d of input.dns ?? []) {
    if ('failure' in d) {
      lines.push(`- ${t('resMdDnsUnknown', [code(d.domain), say(d.failure)])}`);
      continue;
    }
    const s = d.summary;
    const who = [
      ...s.providers.map((p) => `${escapeMarkdown(p.name)} (${p.nameservers.map(code).join(', ')})`),
      ...s.unknown.map((n) => t('resMdDnsUnknownNs', [code(n)])),
    ];
    const tail = s.singleProvider
      ? t('resMdDnsSingle', [])
      : s.source === 'soa'
        ? t('resMdDnsSoa', [])
        : t('resMdDnsSeveral', [num(s.operators)]);
    lines.push(`- ${t('resMdDnsLine', [code(s.domain), who.join('; ')])} ${tail}`);
  }
  for (const f of input.failover ? failoverTexts(input.failover, t, locale) : []) lines.push(`- ${say(f)}`);
  lines.push('');

  // Sovereignty: whose law, served from where
  const words = localeWords(locale);
  lines.push(`## ${t('resMdSovereignty', [])}`, '');
  for (const x of sovereigntySummary(sovereignty, { t, locale }, input.home)) lines.push(say(x));
  lines.push('');
  for (const j of sovereignty.jurisdictions) {
    const where = j.country ? words.country(j.country) : t('resMdCountryUnknown', []);
    const law =
      j.regime === 'national' && j.country ? t(REGIME_KEY.national, [where]) : t(REGIME_KEY[j.regime], []);
    const names = j.providers.map((id) => catalog.get(id)?.name ?? id);
    const parts = [`**${escapeMarkdown(j.company)}** (${escapeMarkdown(where)}, ${escapeMarkdown(law)})`];
    if (names.length > 0) parts.push(escapeMarkdown(names.join(', ')));
    if (j.critical) parts.push(t('resMdCritical', []));
    lines.push(`- ${parts.join(' — ')}`);
  }
  if (sovereignty.jurisdictions.length > 0) lines.push('');

  // Single points of failure
  lines.push(`## ${t('resMdSpofs', [])}`, '');
  if (spofs.length === 0) lines.push(t('resMdNoSpofs', []));
  for (const s of spofs) {
    lines.push(`- **${tr(s.key, s.subs)}**`);
    lines.push(`  - ${t('resMdEvidence', [say(s.reason)])}`);
    lines.push(`  - ${t('resMdAdvice', [say(s.advice)])}`);
  }
  lines.push('');

  // What one page load cannot show
  lines.push(`## ${t('resMdCannotKnow', [])}`, '');
  for (const n of notes) lines.push(`- ${say(n)}`);
  lines.push('', `_${t('resMdFooter', [])}_`, '');
  return lines.join('\n');
}
