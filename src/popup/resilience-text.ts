import type { ReportDnsUnknown, ReportImpact, ReportText } from '../core/report/report.ts';
import type { ResilienceState } from '../messages.ts';
import type { Strings } from './i18n.ts';

/*
 * Pure helpers of the popup's resilience section. The report arrives as JSON from the background:
 * only its types are imported here, nothing of src/report or src/resilience reaches the bundle.
 */

const LOOKED_UP = new Set(['now', 'cache', 'off', 'skipped', 'failed']);

/** Checks an answer from the background before trusting it (an absent listener answers undefined). */
export function isResilienceState(value: unknown): value is ResilienceState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { kind?: unknown; report?: unknown; markdown?: unknown; dnsLookedUp?: unknown };
  if (v.kind === 'none') return true;
  if (v.kind !== 'resilience') return false;
  if (typeof v.markdown !== 'string' || typeof v.dnsLookedUp !== 'string') return false;
  if (!LOOKED_UP.has(v.dnsLookedUp)) return false;
  if (typeof v.report !== 'object' || v.report === null) return false;
  const r = v.report as {
    impact?: unknown;
    singlePointsOfFailure?: unknown;
    cannotKnow?: unknown;
    dns?: unknown;
  };
  return (
    Array.isArray(r.impact) &&
    Array.isArray(r.singlePointsOfFailure) &&
    Array.isArray(r.cannotKnow) &&
    (r.dns === undefined || (typeof r.dns === 'object' && r.dns !== null))
  );
}

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
