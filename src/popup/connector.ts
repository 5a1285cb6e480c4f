import type { Translate } from '../core/i18n.ts';
import type { HistoryState, PageState, ResilienceState, TabHistory } from '../messages.ts';

/**
 * Everything the popup needs from the outside world. The real one talks to the extension
 * (browser-connector.ts); a mock drives the tests, so the UI runs without an extension.
 */
export interface Connector {
  /** The tab this popup describes, or undefined when there is none. */
  tabId(): Promise<number | undefined>;
  /** What the background recorded for the tab. Resolves only with the background's answer. */
  getPage(tabId: number): Promise<PageState>;
  /** Calls `cb` whenever the background says the tab's page changed; returns an unsubscribe. */
  onPageChanged(tabId: number, cb: () => void): () => void;
  /** "Check now": the background re-checks every provider of the tab, then answers the fresh state. */
  refreshStatus(tabId: number): Promise<PageState>;
  /**
   * The tab's resilience report (impact, DNS, single points of failure) and its Markdown. May take
   * a few seconds: the background looks up DNS first when the settings allow it.
   */
  getResilience(tabId: number): Promise<ResilienceState>;
  /**
   * Records the user's answer to the DNS consent question (agreed, or "not now"). Rejects with
   * `BrowserRefused` when the browser itself refused what the user agreed to (nothing recorded).
   */
  setDnsConsent(agreed: boolean): Promise<void>;
  /** Whether the extension may read websites' requests (Firefox lets users withhold it). */
  hostAccess(): Promise<boolean>;
  /**
   * Asks the browser for access to websites; true when granted. Call it straight from a click:
   * Firefox grants only on a user gesture.
   */
  requestHostAccess(): Promise<boolean>;
  /** Switches Faultline off (or back on) for a site (its host name). */
  setSiteOff(host: string, off: boolean): Promise<void>;
  /**
   * Reloads the tab (a page loaded before Faultline started listening); resolves once the browser
   * took the order. The result arrives as any page does: `onPageChanged`, then `getPage`.
   */
  reloadTab(tabId: number): Promise<void>;
  /** Opens the extension's options (settings) page. */
  openOptions(): Promise<void>;
  /** Since when the tab's problems last, and whether its site is watched. */
  getTabHistory(tabId: number): Promise<TabHistory>;
  /** "Watch this site": answers the tab's history as it is now. */
  watchSite(tabId: number): Promise<TabHistory>;
  unwatchSite(host: string): Promise<HistoryState>;
  /** Opens the History page in a tab. */
  openHistory(): Promise<void>;
  /** Puts `text` on the clipboard; rejects when the browser refuses. */
  copyText(text: string): Promise<void>;
  /** Saves `text` as a file named `filename` (the browser's download). */
  download(filename: string, text: string): void;
  /** The clock (epoch ms) that ages are measured against ("checked 1 min ago"). */
  now(): number;
  t: Translate;
}

/**
 * The browser refused what the user agreed to: Firefox's own question for the data the DNS
 * look-ups send (its optional "browsing activity") was answered no.
 */
export class BrowserRefused extends Error {
  constructor() {
    super('the browser did not allow it');
    this.name = 'BrowserRefused';
  }
}
