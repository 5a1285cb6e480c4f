import { translator } from '../../../scripts/lib/locales-fragments.ts';
import { answerOf, type PageState, type ResilienceState, type TabHistory } from '../../messages.ts';
import { BrowserRefused, type Connector } from '../connector.ts';

/** Texts come from the merged message fragments, as in the built extension; a missing key throws. */
export { translator };

export interface MockConnector extends Connector {
  /** Tab ids passed to getPage, in call order. */
  readonly requests: number[];
  /** Tab ids passed to refreshStatus, in call order. */
  readonly refreshes: number[];
  /** Tab ids passed to getResilience, in call order. */
  readonly resilienceRequests: number[];
  /** Tab ids passed to reloadTab, in call order. */
  readonly reloads: number[];
  /** Texts passed to copyText, in call order (refused copies included). */
  readonly copied: string[];
  /** Files passed to download, in call order. */
  readonly downloads: { filename: string; text: string }[];
  /** Answers given to the DNS consent question, in call order. */
  readonly consents: boolean[];
  /** Per-site switches, in call order. */
  readonly siteSwitches: { host: string; off: boolean }[];
  /** How many times host access was requested. */
  accessRequests(): number;
  /** How many times openOptions was called. */
  optionsOpened(): number;
  /** How many times openHistory was called. */
  historyOpened(): number;
  /** Hosts watched (watchSite) and unwatched, in call order. */
  readonly watchCalls: string[];
  /** Delivers a pageChanged notification, as the background would. */
  notify(tabId: number): void;
  /** Number of live onPageChanged subscriptions. */
  listeners(): number;
}

export interface MockOptions {
  tabId?: number | undefined;
  locale?: 'en' | 'fr';
  /** Answer of getPage: a fixed state or a function (return a pending promise to hold "loading"). */
  page: PageState | ((tabId: number) => Promise<PageState>);
  /** Answer of refreshStatus ("Check now"); by default the same as getPage. */
  refresh?: PageState | ((tabId: number) => Promise<PageState>);
  /** Answer of getResilience; `{ kind: 'none' }` by default. */
  resilience?: ResilienceState | ((tabId: number) => Promise<ResilienceState>);
  /** reloadTab: resolves by default; a function may reject (a tab that closed meanwhile). */
  reload?: (tabId: number) => Promise<void>;
  /** copyText: resolves by default; a function may reject (a refused clipboard). */
  copy?: (text: string) => Promise<void>;
  /** Whether host access is granted (true by default); `grant` answers a request. */
  hostAccess?: boolean;
  /** The browser refuses what the user agrees to (Firefox's data-collection question). */
  refuseData?: boolean;
  grant?: boolean;
  /** A fixed clock (epoch ms) for ages; the real clock when absent. */
  now?: number;
  /**
   * The tab's history as the background would answer (not watched, nothing going on by default);
   * a function is asked at every getTabHistory (an incident that starts meanwhile).
   */
  tabHistory?: TabHistory | (() => TabHistory);
}

type Answer<T> = T | ((tabId: number) => Promise<T>);

/**
 * The answer, checked as the real connector checks the background's: a test cannot show the popup
 * a state the extension would refuse.
 */
async function reply<T extends PageState | ResilienceState>(
  type: 'getPage' | 'refreshStatus' | 'getResilience',
  answer: Answer<T>,
  tabId: number,
): Promise<T> {
  const value = typeof answer === 'function' ? await answer(tabId) : answer;
  answerOf(type, value);
  return value;
}

/** A connector with no extension behind it, for tests and previews. */
export function mockConnector(options: MockOptions): MockConnector {
  const subscribers = new Set<{ tabId: number; cb: () => void }>();
  const requests: number[] = [];
  const refreshes: number[] = [];
  const resilienceRequests: number[] = [];
  const reloads: number[] = [];
  const copied: string[] = [];
  const downloads: { filename: string; text: string }[] = [];
  const consents: boolean[] = [];
  const siteSwitches: { host: string; off: boolean }[] = [];
  let opened = 0;
  let historyOpened = 0;
  const watchCalls: string[] = [];
  const initial = options.tabHistory;
  let tabHistory: TabHistory = (typeof initial === 'function' ? initial() : initial) ?? {
    host: 'www.maple-shop.com',
    watched: false,
    ongoing: [],
  };
  const current = (): TabHistory =>
    typeof initial === 'function' ? { ...initial(), watched: tabHistory.watched } : tabHistory;
  let accessRequests = 0;
  let access = options.hostAccess ?? true;
  const { now } = options;
  return {
    consents,
    siteSwitches,
    accessRequests: () => accessRequests,
    setDnsConsent(agreed) {
      if (agreed && options.refuseData) return Promise.reject(new BrowserRefused());
      consents.push(agreed);
      return Promise.resolve();
    },
    hostAccess: () => Promise.resolve(access),
    requestHostAccess() {
      accessRequests++;
      if (options.grant) access = true;
      return Promise.resolve(access);
    },
    setSiteOff(host, off) {
      siteSwitches.push({ host, off });
      return Promise.resolve();
    },
    requests,
    refreshes,
    resilienceRequests,
    reloads,
    copied,
    downloads,
    optionsOpened: () => opened,
    historyOpened: () => historyOpened,
    watchCalls,
    getTabHistory: () => Promise.resolve(answerOf('getTabHistory', current())),
    watchSite: () => {
      watchCalls.push(`watch ${tabHistory.host}`);
      tabHistory = { ...tabHistory, watched: true };
      return Promise.resolve(tabHistory);
    },
    unwatchSite: (host) => {
      watchCalls.push(`unwatch ${host}`);
      tabHistory = { ...tabHistory, watched: false };
      return Promise.resolve({ now: now ?? Date.now(), entries: [], watched: [] });
    },
    openHistory: () => {
      historyOpened++;
      return Promise.resolve();
    },
    tabId: () => Promise.resolve('tabId' in options ? options.tabId : 1),
    getPage(tabId) {
      requests.push(tabId);
      return reply('getPage', options.page, tabId);
    },
    refreshStatus(tabId) {
      refreshes.push(tabId);
      return reply('refreshStatus', options.refresh ?? options.page, tabId);
    },
    getResilience(tabId) {
      resilienceRequests.push(tabId);
      return reply<ResilienceState>('getResilience', options.resilience ?? { kind: 'none' }, tabId);
    },
    reloadTab(tabId) {
      reloads.push(tabId);
      return options.reload ? options.reload(tabId) : Promise.resolve();
    },
    openOptions() {
      opened++;
      return Promise.resolve();
    },
    copyText(text) {
      copied.push(text);
      return options.copy ? options.copy(text) : Promise.resolve();
    },
    download(filename, text) {
      downloads.push({ filename, text });
    },
    now: () => now ?? Date.now(),
    onPageChanged(tabId, cb) {
      const entry = { tabId, cb };
      subscribers.add(entry);
      return () => subscribers.delete(entry);
    },
    notify(tabId) {
      for (const s of [...subscribers]) if (s.tabId === tabId) s.cb();
    },
    listeners: () => subscribers.size,
    t: translator(options.locale ?? 'en'),
  };
}
