import type { HistoryEntry } from './core/history/history.ts';
import type { PageState } from './core/page-state.ts';
import type { Report } from './core/report/report.ts';
import type { DnsLookedUp } from './core/resilience/lookup.ts';
import { DEFAULT_SETTINGS, type Settings } from './core/settings.ts';
import type { Outcome, Phrase } from './core/verdict/verdict.ts';

/**
 * The one typed contract between the popup (and options) and the background: each request type
 * with its payload and its answer (`Protocol`), the guards that check both on arrival
 * (`isRequest` in the background, `answerOf` in the pages), and the notification the background
 * sends back. On the wire a request is `{ type, ...payload }` (runtime.sendMessage); the
 * background answers it. Notifications go background → an open popup, over the port it opens
 * (`pagePortName`).
 */

export type { PageState } from './core/page-state.ts';

/** The resilience report of a tab (v2 JSON) and its Markdown in the browser's language. */
export type ResilienceState =
  | {
      readonly kind: 'resilience';
      readonly report: Report;
      readonly markdown: string;
      readonly dnsLookedUp: DnsLookedUp;
      /** The names sent to the DNS resolver, or that would be with the user's consent. */
      readonly dnsNames: readonly string[];
    }
  /** No page recorded for this tab. */
  | { readonly kind: 'none' };

/** A request about one tab. */
export interface TabPayload {
  readonly tabId: number;
}

/** A change of settings. Values are not trusted: fields that are not booleans are ignored. */
export interface SettingsPatch {
  readonly settings: { readonly [K in keyof Settings]?: unknown };
}

type NoPayload = Readonly<Record<never, never>>;

/** A watched site as the History page lists it: its providers and its verdict now. */
export interface WatchedState {
  readonly host: string;
  readonly url: string;
  readonly addedAt: number;
  readonly providers: readonly { readonly id: string; readonly name: string }[];
  readonly outcome: Outcome;
  readonly sentence: Phrase;
}

/** The History page: the incidents of the last 30 days and the watched sites. */
export interface HistoryState {
  readonly now: number;
  readonly entries: readonly HistoryEntry[];
  readonly watched: readonly WatchedState[];
}

/** What the popup shows of the history for its tab: since when its problems last, and the watch. */
export interface TabHistory {
  /** The tab's site, when it has a recorded page (only such a site can be watched). */
  readonly host?: string | undefined;
  readonly watched: boolean;
  /** Incidents going on for providers of this page: since when. */
  readonly ongoing: readonly { readonly providerId: string; readonly since: number }[];
}

export interface HostPayload {
  readonly host: string;
}
/** Switches Faultline off (or back on) for a site: a host name, checked in the background. */
export interface SitePayload {
  readonly host: string;
  readonly off: boolean;
}

/** The sites Faultline is off for (host names, in the order they were switched off). */
export type SitesOffList = readonly string[];

/** Request type → what the page sends with it and what the background answers. */
export interface Protocol {
  /** The page state of a tab; also refreshes live statuses older than a minute, in the background. */
  getPage: { request: TabPayload; response: PageState };
  /** "Check now": re-checks the live status of every provider of the tab, then answers. */
  refreshStatus: { request: TabPayload; response: PageState };
  /** The tab's resilience report; looks up DNS (24 h cache) when the setting allows. */
  getResilience: { request: TabPayload; response: ResilienceState };
  getSettings: { request: NoPayload; response: Settings };
  /** Changes some settings; answers all of them as stored. */
  setSettings: { request: SettingsPatch; response: Settings };
  /** The History page's content. */
  getHistory: { request: NoPayload; response: HistoryState };
  /** Forgets every ended incident (those going on stay, they are still true). */
  clearHistory: { request: NoPayload; response: HistoryState };
  /** The popup's history line and watch button for a tab. */
  getTabHistory: { request: TabPayload; response: TabHistory };
  /** "Watch this site": remembers the tab's site and its providers. */
  watchSite: { request: TabPayload; response: TabHistory };
  /** Stops watching a site (from the popup or the History page). */
  unwatchSite: { request: HostPayload; response: HistoryState };
  getSitesOff: { request: NoPayload; response: SitesOffList };
  /** Switches a site off or on; answers the list as stored. */
  setSiteOff: { request: SitePayload; response: SitesOffList };
  /**
   * Forgets everything Faultline stored (pages, statuses, DNS answers, sites, settings); answers
   * the settings, now the defaults.
   */
  clearAllData: { request: NoPayload; response: Settings };
}

export type RequestType = keyof Protocol;
export type Payload<K extends RequestType> = Protocol[K]['request'];
export type Answer<K extends RequestType> = Protocol[K]['response'];
/** A request as it travels: its type and its payload's fields. */
export type RequestOf<K extends RequestType> = { readonly type: K } & Payload<K>;
export type Request = { [K in RequestType]: RequestOf<K> }[RequestType];

/**
 * What the background does on each request. Derived from the protocol: a request type without
 * its handler, or a handler answering the wrong thing, does not compile.
 */
export type Handlers = { readonly [K in RequestType]: (request: RequestOf<K>) => Promise<Answer<K>> };

export type Notification = { readonly type: 'pageChanged'; readonly tabId: number };

/**
 * A popup that shows a tab opens a port named after it (`runtime.connect`) for as long as it is
 * open; the background posts `pageChanged` notifications on it, and only there: with no popup
 * open, nothing is sent at all.
 */
const PAGE_PORT = 'faultline-page:';

export function pagePortName(tabId: number): string {
  return `${PAGE_PORT}${tabId}`;
}

/** The tab a port opened by a popup is about, or undefined for any other port. */
export function tabOfPagePort(name: string): number | undefined {
  if (!name.startsWith(PAGE_PORT)) return undefined;
  const tabId = Number(name.slice(PAGE_PORT.length));
  return Number.isInteger(tabId) ? tabId : undefined;
}

type Fields = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null;
}

const hasTabId = (v: Fields): boolean => typeof v.tabId === 'number' && Number.isInteger(v.tabId);

/** `late` is absent or true ("Faultline started after this page loaded"). */
const isLate = (late: unknown): boolean => late === undefined || late === true;

/** Checks an answer before trusting it (an absent listener answers undefined). */
export function isPageState(value: unknown): value is PageState {
  if (!isRecord(value)) return false;
  switch (value.kind) {
    case 'restricted':
      return typeof value.url === 'string';
    case 'off':
      return typeof value.url === 'string' && typeof value.host === 'string';
    case 'empty':
      return (value.url === undefined || typeof value.url === 'string') && isLate(value.late);
    case 'page': {
      const p = value.page;
      if (!isRecord(p)) return false;
      return (
        isLate(value.late) &&
        typeof p.host === 'string' &&
        Array.isArray(p.providers) &&
        Array.isArray(p.unattributedHosts) &&
        (value.statuses === undefined || Array.isArray(value.statuses))
      );
    }
    default:
      return false;
  }
}

const LOOKED_UP = new Set<unknown>([
  'now',
  'cache',
  'ask',
  'off',
  'skipped',
  'failed',
] satisfies DnsLookedUp[]);

/** Checks an answer before trusting it (an absent listener answers undefined). */
export function isResilienceState(value: unknown): value is ResilienceState {
  if (!isRecord(value)) return false;
  if (value.kind === 'none') return true;
  if (value.kind !== 'resilience') return false;
  if (typeof value.markdown !== 'string' || !LOOKED_UP.has(value.dnsLookedUp)) return false;
  if (!Array.isArray(value.dnsNames) || !value.dnsNames.every((n) => typeof n === 'string')) return false;
  const r = value.report;
  if (!isRecord(r)) return false;
  return (
    Array.isArray(r.impact) &&
    Array.isArray(r.singlePointsOfFailure) &&
    Array.isArray(r.cannotKnow) &&
    (r.dns === undefined || isRecord(r.dns))
  );
}

/** Complete settings: every field present and a boolean. */
export function isSettings(value: unknown): value is Settings {
  if (!isRecord(value)) return false;
  return Object.keys(DEFAULT_SETTINGS).every((k) => typeof value[k] === 'boolean');
}

export function isHistoryState(value: unknown): value is HistoryState {
  return (
    isRecord(value) &&
    typeof value.now === 'number' &&
    Array.isArray(value.entries) &&
    Array.isArray(value.watched)
  );
}

export function isTabHistory(value: unknown): value is TabHistory {
  return (
    isRecord(value) &&
    typeof value.watched === 'boolean' &&
    Array.isArray(value.ongoing) &&
    (value.host === undefined || typeof value.host === 'string')
  );
}

function isSitesOffList(value: unknown): value is SitesOffList {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

interface Guards<K extends RequestType> {
  /** The request's fields beside `type` are what its handler expects. */
  readonly payload: (fields: Fields) => boolean;
  readonly answer: (value: unknown) => value is Answer<K>;
  /** What the answer is, for the error when it is not. */
  readonly what: string;
}

const GUARDS: { readonly [K in RequestType]: Guards<K> } = {
  getPage: { payload: hasTabId, answer: isPageState, what: 'page state' },
  refreshStatus: { payload: hasTabId, answer: isPageState, what: 'page state' },
  getResilience: { payload: hasTabId, answer: isResilienceState, what: 'resilience state' },
  getSettings: { payload: () => true, answer: isSettings, what: 'settings' },
  setSettings: { payload: (v) => isRecord(v.settings), answer: isSettings, what: 'settings' },
  getHistory: { payload: () => true, answer: isHistoryState, what: 'history' },
  clearHistory: { payload: () => true, answer: isHistoryState, what: 'history' },
  getTabHistory: { payload: hasTabId, answer: isTabHistory, what: 'tab history' },
  watchSite: { payload: hasTabId, answer: isTabHistory, what: 'tab history' },
  unwatchSite: { payload: (v) => typeof v.host === 'string', answer: isHistoryState, what: 'history' },
  getSitesOff: { payload: () => true, answer: isSitesOffList, what: 'sites' },
  setSiteOff: {
    payload: (v) => typeof v.host === 'string' && typeof v.off === 'boolean',
    answer: isSitesOffList,
    what: 'sites',
  },
  clearAllData: { payload: () => true, answer: isSettings, what: 'settings' },
};

/** Every request type, in the protocol's order. */
export const REQUEST_TYPES = Object.keys(GUARDS) as RequestType[];

function isRequestType(type: unknown): type is RequestType {
  return typeof type === 'string' && Object.hasOwn(GUARDS, type);
}

/** Checks a message before the background acts on it. */
export function isRequest(value: unknown): value is Request {
  return isRecord(value) && isRequestType(value.type) && GUARDS[value.type].payload(value);
}

/** The message that carries a request. */
export function requestOf<K extends RequestType>(type: K, payload: Payload<K>): RequestOf<K> {
  return { ...payload, type };
}

/** The background's answer to a request of this type, checked; throws when it is not one. */
export function answerOf<K extends RequestType>(type: K, value: unknown): Answer<K> {
  const guards: Guards<K> = GUARDS[type];
  if (!guards.answer(value)) throw new Error(`no ${guards.what} in the answer`);
  return value;
}

/**
 * Hands a message to its handler and returns the answer to send back; undefined for a message
 * that is not a request (so another listener may answer it).
 */
export function dispatch(handlers: Handlers, message: unknown): Promise<unknown> | undefined {
  return isRequest(message) ? handle(handlers, message) : undefined;
}

function handle<K extends RequestType>(handlers: Handlers, request: RequestOf<K>): Promise<Answer<K>> {
  const handler: (request: RequestOf<K>) => Promise<Answer<K>> = handlers[request.type];
  return handler(request);
}

export function isNotification(value: unknown): value is Notification {
  return isRecord(value) && value.type === 'pageChanged' && typeof value.tabId === 'number';
}
