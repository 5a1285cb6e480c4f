import type { Translate } from '../i18n.ts';
import { LEVEL_KEYS } from '../levels.ts';
import type { OpenIncident } from './incidents.ts';

/** The words of a notification (and of the history page's lines). Pure over a Translate. */

/** "12 min", "2 h 05 min", "3 d 4 h". */
export function durationText(t: Translate, ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return t('timeMinutes', [String(minutes)]);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('durHours', [String(hours), String(minutes % 60).padStart(2, '0')]);
  return t('durDays', [String(Math.floor(hours / 24)), String(hours % 24)]);
}

/** "www.a.com", "www.a.com and www.b.com", "www.a.com and 3 other sites". */
export function sitesText(t: Translate, sites: readonly string[]): string {
  const [first, second] = sites;
  if (first === undefined) return '';
  if (second === undefined) return first;
  if (sites.length === 2) return t('notifyTwoSites', [first, second]);
  const n = sites.length - 1;
  return t(n === 1 ? 'notifyMoreSitesOne' : 'notifyMoreSitesOther', [first, String(n)]);
}

export interface NoteText {
  readonly title: string;
  readonly message: string;
}

/** An incident going on: "Cloudflare: major outage" / "“Widespread 5xx errors”. Affects www.maple-shop.com." */
export function startText(t: Translate, i: OpenIncident): NoteText {
  const title = t('notifyTitle', [i.name, t(LEVEL_KEYS[i.level])]);
  const sites = sitesText(t, i.sites);
  const message = i.declared
    ? i.title
      ? t('notifyDeclaredTitled', [i.title, sites])
      : t('notifyDeclared', [sites])
    : t('notifySeen', [i.name, sites]);
  return { title, message };
}

/** It is over: "Cloudflare: back to normal" / "The problem lasted 12 min; it affected …". */
export function endText(t: Translate, i: OpenIncident, at: number): NoteText {
  return {
    title: t('notifyOverTitle', [i.name]),
    message: t('notifyOver', [durationText(t, at - i.since), sitesText(t, i.allSites)]),
  };
}
