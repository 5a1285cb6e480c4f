import type { PageState } from '../../src/messages.ts';

export type { PageState };
export type BrowserName = 'chromium' | 'firefox';

/** One provider as the popup shows it (read from its DOM contract). */
export interface PopupProvider {
  id: string;
  role: string;
  /** data-document="true": this provider serves the main document. */
  document: boolean;
  /** data-pops split on commas. */
  pops: string[];
  /** Each [data-pop] element: its code and its text ("CDG · Paris"). */
  popLabels: { code: string; text: string }[];
  /** Has a <details> (the evidence). */
  evidence: boolean;
  /** The item's visible text. */
  text: string;
}

export interface PopupSnapshot {
  /** <main data-state>. */
  state: string | null;
  providers: PopupProvider[];
  text: string;
}

export interface Badge {
  text: string;
  title: string;
}

/** A tab showing a web page (or a browser page). */
export interface SiteTab {
  readonly tabId: number;
  /** Evaluates a JavaScript expression in the page. */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Wait for the page's load event (default true). */
  waitForLoad?: boolean;
}

/** The same small API over Chromium (playwright-core) and Firefox (puppeteer-core). */
export interface Harness {
  readonly name: BrowserName;
  /** The popup page for a given tab. */
  popupUrl(tabId: number): string;
  /** Opens a URL in a new tab and returns it with the extension's id for that tab. */
  open(url: string, options?: OpenOptions): Promise<SiteTab>;
  /** Opens the popup for `tabId` as a tab, waits until it is no longer loading, reads it. */
  readPopup(tabId: number, options?: { screenshot?: string; keepOpen?: boolean }): Promise<PopupSnapshot>;
  badge(tabId: number): Promise<Badge>;
  /** The background's answer to the popup's request. */
  getPage(tabId: number): Promise<PageState>;
  /** Evaluates an expression in an extension page (extension APIs available). */
  extensionEval<T>(expression: string): Promise<T>;
  /** Chromium only: stops the extension's service worker. */
  killWorker?(): Promise<void>;
  close(): Promise<void>;
}

/** Reads the popup's DOM contract (an expression, so no bundler helper leaks into it). */
export const READ_POPUP = `(() => {
  const main = document.querySelector('main[data-state]');
  const providers = [...document.querySelectorAll('li[data-provider]')].map((li) => ({
    id: li.dataset.provider || '',
    role: li.dataset.role || '',
    document: li.dataset.document === 'true',
    pops: (li.dataset.pops || '').split(',').map((s) => s.trim()).filter(Boolean),
    popLabels: [...li.querySelectorAll('[data-pop]')].map((e) => ({ code: e.dataset.pop || '', text: (e.textContent || '').replace(/\\s+/g, ' ').trim() })),
    evidence: li.querySelector('details') !== null,
    text: (li.innerText || li.textContent || '').replace(/\\s+/g, ' ').trim(),
  }));
  return {
    state: main ? main.dataset.state || null : null,
    providers,
    text: main ? (main.innerText || main.textContent || '').trim() : '',
  };
})()`;

/** State of the popup's root, or null before it rendered. */
export const POPUP_STATE = `(document.querySelector('main[data-state]')?.dataset.state ?? null)`;
