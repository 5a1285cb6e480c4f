import type { ReportDnsUnknown, ReportImpact, ReportText } from '../core/report/report.ts';
import type { Strings } from './i18n.ts';

/*
 * Pure helpers of the popup's resilience section. The report arrives as JSON from the background:
 * only its types are imported here, nothing of src/report or src/resilience reaches the bundle.
 */

/** A finding in the popup's language; the report's English sentence when the key is unknown. */
export function said(s: Strings, text: ReportText): string {
  return s.t(text.key, [...text.subs]) || text.text;
}

export const SEVERITY_TEXT: Readonly<Record<ReportImpact['severity'], string>> = {
  critical: 'resSeverityCritical',
  major: 'resSeverityMajor',
  minor: 'resSeverityMinor',
  cosmetic: 'resSeverityCosmetic',
};

/** Why a domain's DNS stayed unknown, in the UI language (the report carries the key). */
export function dnsReasonText(s: Strings, d: ReportDnsUnknown): string {
  return s.t(d.key, [...d.subs]) || d.text;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** yyyy-mm-dd of an epoch time, in the user's time zone. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The host of the report's page, safe in a file name; `page` when there is none. */
export function fileHost(pageUrl: string): string {
  let host = '';
  try {
    host = new URL(pageUrl).hostname;
  } catch {
    host = '';
  }
  const safe = host
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '');
  return safe || 'page';
}

/** `faultline-<host>-<yyyy-mm-dd>.json`. */
export function exportFilename(pageUrl: string, now: number): string {
  return `faultline-${fileHost(pageUrl)}-${localDate(now)}.json`;
}
