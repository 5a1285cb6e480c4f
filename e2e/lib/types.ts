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
  /** Has its evidence disclosure. */
  evidence: boolean;
  /** The item's text, its collapsed details included. */
  text: string;
  /** Its one-line summary as shown (name, role in words, health, place). */
  row: string;
  /** Lines the summary's parts are laid out on (1: the row fits one line at the popup's width). */
  rowLines: number;
  /** The row sticks out of the popup's width, or its parts out of the row. */
  rowOverflows: boolean;
  /** The row is expanded (a provider that needs a look starts open). */
  open: boolean;
  /** `data-group` of the popup group (`section[data-group]`) it is listed under, or null. */
  group: string | null;
  /** `data-status` of its live status line (a level), or null when it shows none. */
  status: string | null;
  /** Its incidents (`[data-incident]`): id, relation, link and title. */
  incidents: PopupIncident[];
  /** Why the status is unknown (`[data-testid="status-reason"]` text), or null. */
  reason: string | null;
  /** The last known level under an unknown status (`[data-testid="last-known"]`), or null. */
  lastKnown: string | null;
  /** "Reported by its status page" (`[data-testid="reported-label"]`) shown beside the observed line. */
  reportedLabel: boolean;
  /** What this browser observed of it across sites (`[data-observed]`), or null when nothing. */
  observed: PopupObserved | null;
  /** The page's errors shown under it (`[data-testid="observed-errors"] li`). */
  errors: PopupError[];
}

/** The observed line of a provider (`[data-observed]`). */
export interface PopupObserved {
  /** data-observed: ok, failing_here, site_problem, insufficient. */
  state: string;
  /** data-reason (connection, no_comparison), or null. */
  reason: string | null;
  text: string;
}

/** One error of the page (`[data-testid="observed-errors"] li`). */
export interface PopupError {
  /** data-error: the HTTP status or the network error kind. */
  error: string;
  /** data-blame of its explanation (site, provider, unclear), or null without one. */
  blame: string | null;
  /** data-explanation: id of the explanation row, or null. */
  explanation: string | null;
  text: string;
}

export interface PopupIncident {
  id: string;
  relation: string;
  /** The incident link's href ('' when none). */
  href: string;
  title: string;
}

/** The popup's first line: the page's verdict (`[data-testid="verdict"]`). */
export interface PopupVerdict {
  /** data-outcome: provider_failing, provider_reports_problem, site_down, own_connection, all_good, unknown. */
  outcome: string;
  /** data-provider, or null. */
  provider: string | null;
  /** data-reason (for `unknown`), or null. */
  reason: string | null;
  /** data-declared / data-seen (for provider_failing), or null. */
  declared: string | null;
  seen: string | null;
  /** The sentence. */
  text: string;
  /** Each piece of evidence, in words. */
  evidence: string[];
}

/** How the popup lays out at its size (the browser's own layout, measured). */
export interface PopupLayout {
  /** Height of everything in the popup, px (the body scrolls beyond its 560 px). */
  height: number;
  /** Height of the popup's box, px. */
  screen: number;
  /** Words shown (collapsed details left out). */
  words: number;
  /** Providers whose row starts within the first screen, in order. */
  firstScreen: string[];
  /** Computed font size of the body text, px. */
  fontSize: number;
  /** Elements a keyboard user tabs through. */
  tabStops: number;
}

/** One group of the provider list (`section[data-group]`), in display order. */
export interface PopupGroup {
  /** data-group: edge, hosting, security, dns, service. */
  id: string;
  /** Text of its heading (the element its aria-labelledby names). */
  heading: string;
  /** data-provider of each item in it, in order. */
  providers: string[];
}

export interface PopupSnapshot {
  /** <main data-state>. */
  state: string | null;
  providers: PopupProvider[];
  /** The provider list's groups, in display order. */
  groups: PopupGroup[];
  /** The verdict, or null when the popup shows none (no page). */
  verdict: PopupVerdict | null;
  /** The "Check now" button: present, busy. */
  checkNow: { present: boolean; busy: boolean; failed: boolean };
  /** Errors under no listed provider (`[data-testid="page-errors"]`), or null when not shown. */
  pageErrors: PopupError[] | null;
  text: string;
  layout: PopupLayout;
}

export interface Badge {
  text: string;
  title: string;
  /** Background colour as [r, g, b, a]. */
  color: number[];
}

/** A popup kept open (as a tab) to read it again and press its buttons. */
export interface PopupPage {
  read(): Promise<PopupSnapshot>;
  /**
   * Presses "Check now" and resolves once the check answered (the button went busy and back),
   * with the time it answered (epoch ms). Throws if it did not answer within `timeout`.
   */
  checkNow(timeout?: number): Promise<number>;
  evaluate<T>(expression: string): Promise<T>;
  /** A real (trusted) click on the first element matching `selector`, as a person's would be. */
  click(selector: string): Promise<void>;
  /** Clicks `selector` and resolves with the file the browser downloaded because of it. */
  download(selector: string, timeout?: number): Promise<DownloadedFile>;
  /** Everything unfolded, or `asShown`: at the popup's size, as a person sees it. */
  screenshot(path: string, asShown?: boolean): Promise<void>;
  close(): Promise<void>;
}

/** A file the browser saved to disk. */
export interface DownloadedFile {
  /** The name the browser saved it under (the page's suggested name). */
  name: string;
  text: string;
}

/** An extension page other than the popup (the options page), open as a tab. */
export interface ExtensionPage {
  evaluate<T>(expression: string): Promise<T>;
  /** A real (trusted) click on the first element matching `selector`. */
  click(selector: string): Promise<void>;
  close(): Promise<void>;
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
  readPopup(
    tabId: number,
    options?: { screenshot?: string; keepOpen?: boolean; asShown?: boolean },
  ): Promise<PopupSnapshot>;
  /** Opens the popup for `tabId` as a tab and keeps it open (read it, press "Check now"). */
  openPopup(tabId: number): Promise<PopupPage>;
  /** Opens the popup of `tabId`, presses "Check now", closes it: the time the check answered. */
  checkNow(tabId: number): Promise<number>;
  /** Opens the options page as a tab, once it shows the stored settings. */
  openOptions(): Promise<ExtensionPage>;
  badge(tabId: number): Promise<Badge>;
  /** The background's answer to the popup's request. */
  getPage(tabId: number): Promise<PageState>;
  /** Evaluates an expression in an extension page (extension APIs available). */
  extensionEval<T>(expression: string): Promise<T>;
  /** Chromium only: stops the extension's service worker. */
  killWorker?(): Promise<void>;
  /**
   * The background starts again from what it stored, as after the browser stopped it: Chromium's
   * service worker is stopped (the next event starts it), Firefox's event page is reloaded.
   * Resolves once it answers messages again.
   */
  restartBackground(): Promise<void>;
  /** Shows `url` in a tab of its own at `size` and saves what is on screen as a PNG. */
  picture(url: string, path: string, size: { width: number; height: number }): Promise<void>;
  /**
   * Chromium only: the system clipboard's text, read by a lab web page granted clipboard-read
   * (an extension page cannot be granted it without the manifest's clipboardRead permission).
   */
  readClipboard?(): Promise<string>;
  close(): Promise<void>;
}

/** Reads the popup's DOM contract (an expression, so no bundler helper leaks into it). */
export const READ_POPUP = `(() => {
  const main = document.querySelector('main[data-state]');
  const clean = (e) => ((e && e.textContent) || '').replace(/\\s+/g, ' ').trim();
  const errorsIn = (root) => [...root.querySelectorAll('[data-testid="observed-errors"] li')].map((e) => ({
    error: e.dataset.error || '',
    blame: e.dataset.blame ?? null,
    explanation: e.dataset.explanation ?? null,
    text: clean(e),
  }));
  const providers = [...document.querySelectorAll('li[data-provider]')].map((li) => ({
    id: li.dataset.provider || '',
    role: li.dataset.role || '',
    document: li.dataset.document === 'true',
    pops: (li.dataset.pops || '').split(',').map((s) => s.trim()).filter(Boolean),
    popLabels: [...li.querySelectorAll('[data-pop]')].map((e) => ({ code: e.dataset.pop || '', text: clean(e) })),
    evidence: li.querySelector('[data-testid="evidence"]') !== null,
    text: clean(li),
    row: clean(li.querySelector('summary')),
    rowLines: (() => {
      // The summary is a wrapping flex row: parts on one line share their top, within a few px.
      const tops = [...(li.querySelector('summary')?.children || [])]
        .map((e) => e.getBoundingClientRect())
        .filter((r) => r.height > 0)
        .map((r) => r.top)
        .sort((a, b) => a - b);
      return tops.reduce((lines, top, i) => (i > 0 && top - tops[i - 1] > 6 ? lines + 1 : lines), tops.length > 0 ? 1 : 0);
    })(),
    rowOverflows: (() => {
      const summary = li.querySelector('summary');
      if (!summary || !li.checkVisibility()) return false;
      return summary.scrollWidth > summary.clientWidth + 1 || li.getBoundingClientRect().right > document.body.getBoundingClientRect().right + 1;
    })(),
    open: li.querySelector('details.provider-row')?.open === true,
    group: li.closest('[data-group]')?.dataset.group ?? null,
    status: li.querySelector('[data-status]')?.dataset.status ?? null,
    reason: li.querySelector('[data-testid="status-reason"]')?.textContent?.trim() ?? null,
    lastKnown: li.querySelector('[data-testid="last-known"]')?.dataset.level ?? null,
    incidents: [...li.querySelectorAll('[data-incident]')].map((e) => {
      const link = e.querySelector('[data-testid="incident-link"]');
      return {
        id: e.dataset.incident || '',
        relation: e.dataset.relation || '',
        href: link ? link.getAttribute('href') || '' : '',
        title: clean(link || e),
      };
    }),
    reportedLabel: li.querySelector('[data-testid="reported-label"]') !== null,
    observed: (() => {
      const o = li.querySelector('[data-observed]');
      return o ? { state: o.dataset.observed || '', reason: o.dataset.reason ?? null, text: clean(o) } : null;
    })(),
    errors: errorsIn(li),
  }));
  const groups = [...document.querySelectorAll('section[data-group]')].map((section) => {
    const label = section.getAttribute('aria-labelledby');
    const heading = label ? document.getElementById(label) : null;
    return {
      id: section.dataset.group || '',
      heading: clean(heading),
      providers: [...section.querySelectorAll('li[data-provider]')].map((li) => li.dataset.provider || ''),
    };
  });
  const verdict = document.querySelector('[data-testid="verdict"]');
  const check = document.querySelector('[data-testid="check-status"]');
  // The popup's box: the body scrolls beyond its max-height (560 px).
  const screen = Number.parseFloat(getComputedStyle(document.body).maxHeight) || document.body.clientHeight;
  const top = document.body.getBoundingClientRect().top;
  const visibleText = (main && main.innerText) || '';
  // Rendered (not in a hidden panel or a closed disclosure) and reachable with Tab.
  const focusable = [...document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')].filter(
    (e) => e.tabIndex >= 0 && (e.checkVisibility ? e.checkVisibility() : e.getClientRects().length > 0),
  );
  return {
    state: main ? main.dataset.state || null : null,
    providers,
    groups,
    verdict: verdict
      ? {
          outcome: verdict.dataset.outcome || '',
          provider: verdict.dataset.provider ?? null,
          reason: verdict.dataset.reason ?? null,
          declared: verdict.dataset.declared ?? null,
          seen: verdict.dataset.seen ?? null,
          text: clean(verdict.querySelector('[data-testid="verdict-text"]')),
          evidence: [...verdict.querySelectorAll('[data-evidence]')].map(clean),
        }
      : null,
    checkNow: {
      present: check !== null,
      busy: check !== null && (check.disabled || check.getAttribute('aria-busy') === 'true'),
      failed: document.querySelector('[data-testid="check-failed"]') !== null,
    },
    pageErrors: (() => {
      const section = document.querySelector('[data-testid="page-errors"]');
      return section ? errorsIn(section) : null;
    })(),
    text: main ? clean(main) : '',
    layout: {
      height: document.body.scrollHeight,
      screen,
      words: visibleText.split(/\\s+/).filter(Boolean).length,
      firstScreen: [...document.querySelectorAll('li[data-provider]')]
        .filter((li) => li.checkVisibility() && li.getBoundingClientRect().top - top < screen)
        .map((li) => li.dataset.provider || ''),
      fontSize: Number.parseFloat(getComputedStyle(document.body).fontSize),
      tabStops: focusable.length,
    },
  };
})()`;

/** State of the popup's root, or null before it rendered. */
export const POPUP_STATE = `(document.querySelector('main[data-state]')?.dataset.state ?? null)`;
