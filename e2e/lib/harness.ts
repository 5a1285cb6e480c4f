import type {
  Badge,
  BrowserName,
  DownloadedFile,
  ExtensionPage,
  Harness,
  OpenOptions,
  PageState,
  PopupPage,
  PopupSnapshot,
  SiteTab,
} from './types.ts';
import { POPUP_STATE, READ_POPUP } from './types.ts';
import { until } from './wait.ts';

/** What each browser driver provides; the harness builds the shared API on top. */
export interface PageDriver {
  /** Navigates; for extension pages and browser pages it only waits for the URL to change. */
  navigate(url: string, waitForLoad: boolean): Promise<void>;
  evaluate<T>(expression: string): Promise<T>;
  resize(width: number, height: number): Promise<void>;
  /** A trusted click (the browser's input pipeline, with user activation) on `selector`. */
  click(selector: string): Promise<void>;
  /** Clicks `selector` and resolves with the file downloaded because of it. */
  download(selector: string, timeout: number): Promise<DownloadedFile>;
  /** The page unfolded (everything), or `asShown`: at its size, as a person sees it. */
  screenshot(path: string, asShown?: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface BrowserDriver {
  readonly name: BrowserName;
  /** `chrome-extension://<id>/` or `moz-extension://<uuid>/`. */
  readonly extensionBase: string;
  /** The extension API global in pages: `chrome` or `browser`. */
  readonly api: 'chrome' | 'browser';
  newPage(): Promise<PageDriver>;
  /** The tab the browser opened with. */
  firstPage(): Promise<PageDriver>;
  killWorker?(): Promise<void>;
  /**
   * Installs the extension from its folder while the browser runs; again, after the folder
   * changed, it is an update (Chromium: an unpacked extension loaded over CDP; Firefox: a
   * temporary add-on, or a permanent one from its packed file).
   */
  install?(): Promise<void>;
  /** The system clipboard's text (Chromium: read by a web page granted clipboard-read). */
  readClipboard?(): Promise<string>;
  /** Resolves when the browser is gone (closed by the user or by close()). */
  readonly closed: Promise<void>;
  close(): Promise<void>;
}

/** Path of the popup inside the build. */
export const POPUP_PATH = 'src/popup/index.html';
export const POPUP_SIZE = { width: 400, height: 600 } as const;

/**
 * An expression that presses the popup's "Check now" and resolves with the time (epoch ms) the
 * check answered: the button went busy, then idle again. Watched in the page, so a check faster
 * than any poll from outside is still seen. Resolves with an error message instead of throwing
 * (errors do not cross both browser drivers alike).
 */
function pressCheckNow(timeout: number): string {
  return `new Promise((resolve) => {
  const button = () => document.querySelector('[data-testid="check-status"]');
  const busy = (b) => b !== null && (b.disabled || b.getAttribute('aria-busy') === 'true');
  const first = button();
  if (first === null) return resolve('no "Check now" button');
  if (busy(first)) return resolve('a check is already running');
  let sawBusy = false;
  const done = (value) => { observer.disconnect(); clearTimeout(timer); resolve(value); };
  const observer = new MutationObserver(() => {
    const b = button();
    if (busy(b)) sawBusy = true;
    else if (sawBusy) done(Date.now());
  });
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  const timer = setTimeout(() => done(sawBusy ? 'no answer within ${timeout} ms' : 'the button never went busy'), ${timeout});
  first.click();
  if (busy(button())) sawBusy = true;
})`;
}

export class ExtensionHarness implements Harness {
  readonly name: BrowserName;
  private console: PageDriver | undefined;

  constructor(readonly driver: BrowserDriver) {
    this.name = driver.name;
    if (driver.killWorker) this.killWorker = () => driver.killWorker!();
    if (driver.install) {
      this.install = async () => {
        await driver.install!();
        // An update closes the extension's pages: the next call opens a fresh one.
        const old = this.console;
        this.console = undefined;
        await old?.close().catch(() => {});
      };
    }
    if (driver.readClipboard) this.readClipboard = () => driver.readClipboard!();
  }

  killWorker?: () => Promise<void>;
  install?: () => Promise<void>;
  readClipboard?: () => Promise<string>;

  popupUrl(tabId: number): string {
    return this.extensionUrl(`${POPUP_PATH}?tab=${tabId}`);
  }

  /** The URL of a file inside the build (e.g. `src/history/index.html`). */
  extensionUrl(path: string): string {
    return `${this.driver.extensionBase}${path}`;
  }

  /**
   * An extension page kept open to call extension APIs from. It is the popup page itself (the
   * build has no other page), aimed at a tab that does not exist.
   */
  private async consolePage(): Promise<PageDriver> {
    if (this.console) return this.console;
    const page = await this.driver.newPage();
    await page.navigate(`${this.driver.extensionBase}${POPUP_PATH}?tab=-1`, false);
    const api = this.driver.api;
    await until(
      'the extension page to load',
      () => page.evaluate<boolean>(`typeof ${api} !== 'undefined' && !!${api}.runtime?.id`),
      Boolean,
    );
    this.console = page;
    return page;
  }

  async extensionEval<T>(expression: string): Promise<T> {
    const page = await this.consolePage();
    return page.evaluate<T>(expression);
  }

  private tabIds(): Promise<number[]> {
    return this.extensionEval<number[]>(
      `${this.driver.api}.tabs.query({}).then((ts) => ts.map((t) => t.id))`,
    );
  }

  async open(url: string, { waitForLoad = true }: OpenOptions = {}): Promise<SiteTab> {
    await this.consolePage();
    const before = new Set(await this.tabIds());
    const page = await this.driver.newPage();
    const fresh = await until(
      'the new tab to appear',
      async () => (await this.tabIds()).filter((id) => !before.has(id)),
      (ids) => ids.length > 0,
    );
    const tabId = Math.max(...fresh);
    await page.navigate(url, waitForLoad);
    return {
      tabId,
      evaluate: <T>(expression: string) => page.evaluate<T>(expression),
      close: () => page.close(),
    };
  }

  /**
   * Opens a URL in a new tab at once — before any extension page, unlike `open` — and waits for
   * it to commit; the tab's id is looked up afterwards by its URL (which must be unique).
   */
  async visit(url: string): Promise<SiteTab> {
    const page = await this.driver.newPage();
    await page.navigate(url, false);
    return {
      tabId: await this.tabWithUrl(url),
      evaluate: <T>(expression: string) => page.evaluate<T>(expression),
      close: () => page.close(),
    };
  }

  /** The id of the tab showing `url` (restored ones included), once the browser lists it. */
  tabWithUrl(url: string, timeout = 15_000): Promise<number> {
    return until(
      `a tab showing ${url}`,
      () =>
        this.extensionEval<number | null>(
          `${this.driver.api}.tabs.query({}).then((ts) => ts.find((t) => t.url === ${JSON.stringify(url)})?.id ?? null)`,
        ),
      (id): id is number => typeof id === 'number',
      { timeout },
    ) as Promise<number>;
  }

  async openPopup(tabId: number): Promise<PopupPage> {
    const page = await this.driver.newPage();
    try {
      await page.resize(POPUP_SIZE.width, POPUP_SIZE.height);
      await page.navigate(this.popupUrl(tabId), false);
      await until(
        `the popup of tab ${tabId} to render`,
        () => page.evaluate<string | null>(POPUP_STATE),
        (state) => state !== null && state !== 'loading',
        { timeout: 10_000 },
      );
    } catch (error) {
      await page.close().catch(() => {});
      throw error;
    }
    return {
      read: () => page.evaluate<PopupSnapshot>(READ_POPUP),
      async checkNow(timeout = 15_000) {
        const answered = await page.evaluate<number | string>(pressCheckNow(timeout));
        if (typeof answered === 'string')
          throw new Error(`"Check now" in the popup of tab ${tabId}: ${answered}`);
        return answered;
      },
      evaluate: <T>(expression: string) => page.evaluate<T>(expression),
      click: (selector: string) => page.click(selector),
      download: (selector: string, timeout = 10_000) => page.download(selector, timeout),
      screenshot: (path: string, asShown?: boolean) => page.screenshot(path, asShown),
      close: () => page.close(),
    };
  }

  /** Opens the popup of `tabId`, presses "Check now", closes it: the time the check answered. */
  async checkNow(tabId: number): Promise<number> {
    const popup = await this.openPopup(tabId);
    try {
      return await popup.checkNow();
    } finally {
      await popup.close();
    }
  }

  /** Opens the options page as a tab, once it shows the stored settings (`main[data-state=ready]`). */
  async openOptions(): Promise<ExtensionPage> {
    const options = await this.openExtensionPage('src/options/index.html');
    try {
      await until(
        'the options page to load the settings',
        () => options.evaluate<string | null>(`document.querySelector('main')?.dataset.state ?? null`),
        (s) => s === 'ready',
      );
    } catch (error) {
      await options.close().catch(() => {});
      throw error;
    }
    return options;
  }

  /**
   * Opens one of the extension's own pages (a path inside the build, e.g. the options page
   * `src/options/index.html`) as a tab, once its extension API is there.
   */
  async openExtensionPage(path: string): Promise<ExtensionPage> {
    const page = await this.driver.newPage();
    const api = this.driver.api;
    try {
      await page.navigate(`${this.driver.extensionBase}${path}`, false);
      await until(
        `${path} to load`,
        () => page.evaluate<boolean>(`typeof ${api} !== 'undefined' && !!${api}.runtime?.id`),
        Boolean,
      );
    } catch (error) {
      await page.close().catch(() => {});
      throw error;
    }
    return {
      evaluate: <T>(expression: string) => page.evaluate<T>(expression),
      click: (selector: string) => page.click(selector),
      close: () => page.close(),
    };
  }

  async readPopup(
    tabId: number,
    {
      screenshot,
      keepOpen = false,
      asShown = false,
    }: { screenshot?: string; keepOpen?: boolean; asShown?: boolean } = {},
  ): Promise<PopupSnapshot> {
    const popup = await this.openPopup(tabId);
    try {
      const snapshot = await popup.read();
      if (screenshot) await popup.screenshot(screenshot, asShown);
      return snapshot;
    } finally {
      if (!keepOpen) await popup.close().catch(() => {});
    }
  }

  async restartBackground(): Promise<void> {
    if (this.driver.killWorker) await this.driver.killWorker();
    else {
      // Firefox runs the background as an event page: the page itself, reloaded, starts from
      // storage as it does when Firefox wakes a suspended one.
      await this.extensionEval<boolean>(
        `${this.driver.api}.runtime.getBackgroundPage().then((w) => { w.location.reload(); return true; })`,
      );
    }
    await until(
      'the background to answer again',
      () =>
        this.extensionEval<boolean>(
          `${this.driver.api}.runtime.sendMessage({ type: 'getSettings' }).then((s) => typeof s === 'object' && s !== null, () => false)`,
        ),
      Boolean,
      { timeout: 15_000 },
    );
  }

  async picture(url: string, path: string, size: { width: number; height: number }): Promise<void> {
    const page = await this.driver.newPage();
    try {
      await page.resize(size.width, size.height);
      await page.navigate(url, true);
      await page.screenshot(path, true);
    } finally {
      await page.close().catch(() => {});
    }
  }

  badge(tabId: number): Promise<Badge> {
    const a = `${this.driver.api}.action`;
    const q = `{ tabId: ${tabId} }`;
    return this.extensionEval<Badge>(
      `Promise.all([${a}.getBadgeText(${q}), ${a}.getTitle(${q}), ${a}.getBadgeBackgroundColor(${q})]).then(([text, title, color]) => ({ text, title, color: [...color] }))`,
    );
  }

  getPage(tabId: number): Promise<PageState> {
    return this.extensionEval<PageState>(
      `${this.driver.api}.runtime.sendMessage({ type: 'getPage', tabId: ${tabId} })`,
    );
  }

  /**
   * Waits until the page's record stops growing (no new response for `quietMs`), so assertions
   * see the whole page. Returns the settled state.
   */
  async settle(tabId: number, quietMs = 500, timeout = 15_000): Promise<PageState> {
    let last = -1;
    let since = Date.now();
    return until(
      `tab ${tabId} to settle`,
      async () => {
        const state = await this.getPage(tabId);
        const count = state.kind === 'page' ? state.page.requests : 0;
        if (count !== last) {
          last = count;
          since = Date.now();
        }
        return state;
      },
      (state) => state.kind === 'page' && Date.now() - since >= quietMs,
      { timeout },
    );
  }

  /** Shows a URL in the browser's first tab (for people, not tests: no tab id, no waiting). */
  async show(url: string): Promise<void> {
    const page = await this.driver.firstPage();
    await page.navigate(url, false);
  }

  get closed(): Promise<void> {
    return this.driver.closed;
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
