import { ownHost, type PageRecord } from './page/record.ts';
import { isRestrictedUrl, type PageState } from './page-state.ts';

/**
 * The first minute: pages the browser loaded before Faultline was listening. An extension only
 * sees the requests made while its listeners are registered with the browser; after an install,
 * an update (both clear `storage.session`) or a browser start, that takes a moment — measured in
 * e2e/first-minute.e2e.ts and stated in the README: seconds in Chromium, during which neither
 * webRequest nor webNavigation events arrive at all; none in Firefox, except for tabs already
 * open at install or update. A tab loaded in that moment shows a page Faultline never saw (or saw
 * only the end of), and the popup says so — "Faultline started after this page loaded" — instead
 * of "nothing recorded yet".
 *
 * How it is known, without a timer: the first request event of a browser session proves the
 * listeners work (`heard`). Until then, every tab showing a web page whose document was not seen
 * was loaded before; at that moment the tabs showing such a page are noted, and stay "loaded
 * before" until they show another page or Faultline sees their document (a reload). A worker
 * restarted later in the same session finds `heardAt` in storage.session: the browser wakes it for
 * its events, so nothing of what follows is missed (e2e/worker-restart.e2e.ts).
 *
 * Known limit: a page shown from the back/forward cache makes no request. One shown before the
 * first request event of a session counts as loaded before (its URL is "unseen" either way).
 */

export interface FirstMinute {
  readonly v: 1;
  /** When the first request event of this session arrived: Faultline listens since then. */
  readonly heardAt?: number | undefined;
  /** Tab id → the URL (no fragment) it showed, its document unseen, when Faultline began listening. */
  readonly before: Readonly<Record<string, string>>;
}

export const FIRST_MINUTE_START: FirstMinute = { v: 1, before: {} };

/** A tab as `tabs.query` describes it (no URL: a page the extension may not read). */
export interface OpenTab {
  readonly id?: number | undefined;
  readonly url?: string | undefined;
}

const isWeb = (url: string | undefined): url is string =>
  url !== undefined && /^https?:/i.test(url) && !isRestrictedUrl(url);

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash >= 0 ? url.slice(0, hash) : url;
}

/** Stored state read back; anything else (absent, another shape) is the start of a session. */
export function parseFirstMinute(value: unknown): FirstMinute {
  if (typeof value !== 'object' || value === null) return FIRST_MINUTE_START;
  const v = value as { v?: unknown; heardAt?: unknown; before?: unknown };
  if (v.v !== 1) return FIRST_MINUTE_START;
  const before: Record<string, string> = {};
  if (typeof v.before === 'object' && v.before !== null) {
    for (const [tabId, url] of Object.entries(v.before)) {
      if (/^\d+$/.test(tabId) && typeof url === 'string') before[tabId] = url;
    }
  }
  const heardAt = typeof v.heardAt === 'number' && Number.isFinite(v.heardAt) ? v.heardAt : undefined;
  return { v: 1, heardAt, before };
}

/** The record saw its page's main document arrive (or fail to): it is not a page loaded before. */
export function sawDocument(record: PageRecord | undefined): boolean {
  if (!record) return false;
  if (record.documentError !== undefined || record.documentStatus !== undefined) return true;
  return (ownHost(record, record.host)?.kinds.document ?? 0) > 0;
}

/**
 * The first request event of the session: Faultline listens from `now` on. Each open tab showing
 * a web page whose document it has not seen was loaded before. Later calls change nothing.
 */
export function heard(
  state: FirstMinute,
  now: number,
  tabs: readonly OpenTab[],
  recordOf: (tabId: number) => PageRecord | undefined,
): FirstMinute {
  if (state.heardAt !== undefined) return state;
  const before: Record<string, string> = { ...state.before };
  for (const tab of tabs) {
    if (tab.id === undefined || !isWeb(tab.url) || sawDocument(recordOf(tab.id))) continue;
    before[String(tab.id)] = withoutFragment(tab.url);
  }
  return { v: 1, heardAt: now, before };
}

/** The tab closed (or was replaced): nothing of it is kept. */
export function forgetTab(state: FirstMinute, tabId: number): FirstMinute {
  const key = String(tabId);
  if (!Object.hasOwn(state.before, key)) return state;
  const { [key]: _gone, ...before } = state.before;
  return { ...state, before };
}

/**
 * Whether the tab's page (at `url`, its record `record`) was loaded before Faultline listened: a
 * web page whose document it has not seen, shown before the first request event of the session
 * or noted then.
 */
export function loadedBefore(
  state: FirstMinute,
  tabId: number,
  url: string | undefined,
  record: PageRecord | undefined,
): boolean {
  if (!isWeb(url) || sawDocument(record)) return false;
  if (state.heardAt === undefined) return true;
  return state.before[String(tabId)] === withoutFragment(url);
}

/** The popup's state, marked as a page loaded before Faultline listened when it is one. */
export function markLoadedBefore(state: PageState, late: boolean): PageState {
  if (!late || state.kind === 'restricted' || state.kind === 'off') return state;
  return { ...state, late: true };
}
