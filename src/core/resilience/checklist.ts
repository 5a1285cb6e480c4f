import { providerById, statusSourceOf } from '../catalog/index.ts';
import type { Translate } from '../i18n.ts';
import { failoverTexts } from './failover.ts';
import { rankImpact } from './impact.ts';
import { escapeMarkdown, type ReportInput } from './markdown.ts';
import { type Spof, type SpofKind, singlePointsOfFailure, type Text } from './spof.ts';

/**
 * The continuity checklist: the page's single points of failure as a Markdown checklist an IT
 * team can paste into its continuity plan. Per dependency: what fails if it fails, the degraded
 * modes to prepare, how fast a switch reaches users (when the TTLs were read), the status page to
 * watch, and who to tell (left for the team to fill in). Every phrase comes from `t`.
 */

/** The report's input, less the user's country (the checklist names no jurisdiction). */
export type ChecklistInput = Omit<ReportInput, 'home'>;

/**
 * The degraded modes to prepare beyond the finding's own advice (a second CDN, secondary DNS, an
 * alternative payment path, another way to sign in, forms that work without the captcha), per
 * kind of single point of failure; `$1` is the provider's name.
 */
const MORE_MODES: Readonly<Record<SpofKind, readonly string[]>> = {
  'document-edge': ['resCheckHealthChecks', 'resCheckStaticFallback'],
  'document-origin': ['resCheckStaticFallback'],
  'document-server': ['resCheckStaticFallback'],
  dns: ['resCheckDnsExport'],
  payments: ['resCheckPaymentsNotice'],
  auth: [],
  captcha: [],
  company: [],
};

/** Inline code for URLs and host names; a backtick cannot close it early. */
function code(s: string): string {
  return `\`${s.replace(/[\r\n\t]+/g, ' ').replace(/`/g, '%60')}\``;
}

/** A status page URL as a Markdown autolink, when it is a plain https URL. */
function link(url: string): string {
  return /^https:\/\/[^\s<>]+$/.test(url) ? `<${url}>` : code(url);
}

export function continuityChecklist(input: ChecklistInput, t: Translate): string {
  const { view } = input;
  const catalog = input.catalog ?? providerById;
  const locale = input.locale ?? 'en';
  const tr = (key: string, subs: readonly string[] = []) => t(key, subs.map(escapeMarkdown));
  const say = (x: Text) => tr(x.key, x.subs);
  const impacts = input.impacts ?? rankImpact(view, catalog);
  const summaries = input.dns?.flatMap((d) => ('summary' in d ? [d.summary] : [])) ?? [];
  const spofs: Spof[] = singlePointsOfFailure(view, impacts, summaries);
  const switchTimes = input.failover ? failoverTexts(input.failover, t, locale) : [];
  const addressSwitch = switchTimes.find((x) => x.key === 'resFailoverAddress');
  const nsSwitch = switchTimes.find((x) => x.key === 'resFailoverNs');

  const lines: string[] = [];
  lines.push(`# ${tr('resCheckTitle', [view.host])}`, '');
  const at = new Date(view.updatedAt);
  const when = Number.isFinite(view.updatedAt) && !Number.isNaN(at.getTime()) ? at.toISOString() : '—';
  lines.push(t('resCheckIntro', [code(view.url), when]), '');
  if (spofs.length === 0) lines.push(t('resCheckNone'), '');

  spofs.forEach((s, n) => {
    lines.push(`## ${n + 1}. ${tr(s.key, s.subs)}`, '');
    // What fails: the impact verdict of the provider, or the DNS or company reading.
    const impact = impacts.find((i) => s.providers[0] === i.providerId);
    const fails =
      s.kind === 'dns'
        ? tr('resCheckDnsFails', [s.subs[1] ?? '', s.subs[0] ?? ''])
        : s.kind === 'company'
          ? tr('resCheckCompanyFails', [...s.reason.subs])
          : impact
            ? tr(impact.key, impact.subs)
            : say(s.reason);
    const name = catalog.get(s.providers[0] ?? '')?.name ?? s.subs[1] ?? s.subs[0] ?? '';
    lines.push(`- ${t('resCheckWhatFails', [fails])}`);
    lines.push(`- ${t('resCheckDegraded')}`);
    lines.push(`  - [ ] ${say(s.advice)}`);
    for (const key of MORE_MODES[s.kind]) lines.push(`  - [ ] ${tr(key, [name])}`);
    const time =
      s.kind === 'document-edge' || s.kind === 'document-server'
        ? addressSwitch
        : s.kind === 'dns'
          ? nsSwitch
          : undefined;
    if (time) lines.push(`  - [ ] ${t('resCheckSwitchTime', [say(time)])}`);
    const providers = s.providers.flatMap((id) => {
      const p = catalog.get(id);
      return p ? [p] : [];
    });
    const watched = new Set<string>();
    for (const p of providers) {
      const url = statusSourceOf(p)?.url;
      if (url && watched.has(url)) continue;
      if (url) watched.add(url);
      lines.push(
        url
          ? `- [ ] ${t('resCheckWatch', [escapeMarkdown(p.name), link(url)])}`
          : `- [ ] ${tr('resCheckNoStatus', [p.name])}`,
      );
    }
    if (providers.length === 0)
      lines.push(
        `- [ ] ${tr(s.kind === 'document-server' ? 'resCheckWatchOwn' : 'resCheckNoStatus', [name])}`,
      );
    lines.push(`- [ ] ${tr('resCheckWhoToTell', [name])}`, '');
  });

  lines.push(`_${t('resCheckFooter')}_`, '');
  return lines.join('\n');
}
