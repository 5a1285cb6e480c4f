import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { FRONT_HOST } from '../lab/sites.ts';
import { type BrowserDriver, ExtensionHarness, type PageDriver } from './harness.ts';
import { DIST_CHROME } from './paths.ts';
import { until } from './wait.ts';

export interface ChromiumOptions {
  headless?: boolean;
  extensionDir?: string;
  /** Port the lab listens on (every hostname resolves to 127.0.0.1 at that port). */
  labPort?: number;
  executablePath?: string;
  /** Let the browser library close the browser and exit on Ctrl-C (default true). */
  handleSignals?: boolean;
  /**
   * A profile directory to use and keep (a browser restart launches again on it); by default a
   * fresh temporary one, removed on close.
   */
  profile?: string;
  /**
   * `load` (default): the extension is loaded from the command line at launch, and the launch
   * waits for its worker. `later`: the browser starts without it; `install()` loads it while
   * the browser runs (an install; the same folder again is an update). `cold`: loaded at launch,
   * without waiting for anything.
   */
  extension?: 'load' | 'later' | 'cold';
  /** Restore the tabs of the profile's previous session, as "Continue where you left off" does. */
  restoreSession?: boolean;
  /** The browser's UI language (the extension's messages follow it); English by default. */
  locale?: 'en' | 'fr';
  /** `prefers-color-scheme` of every page, the extension's included. */
  colorScheme?: 'light' | 'dark';
}

/** Chromium's id of an unpacked extension: the first 128 bits of SHA-256 of its path, in a–p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((h) => String.fromCharCode(97 + Number.parseInt(h, 16))).join('');
}

/** A lab page (nothing provider-like) that reads the clipboard for the tests. */
const CLIPBOARD_ORIGIN = `https://${FRONT_HOST}`;

function pageDriver(page: Page): PageDriver {
  return {
    async navigate(url, waitForLoad) {
      await page.goto(url, { waitUntil: waitForLoad ? 'load' : 'commit' });
    },
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    resize: (width, height) => page.setViewportSize({ width, height }),
    click: (selector) => page.click(selector),
    async download(selector, timeout) {
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout }),
        page.click(selector),
      ]);
      const failure = await download.failure();
      if (failure) throw new Error(`the download of ${download.suggestedFilename()} failed: ${failure}`);
      return { name: download.suggestedFilename(), text: await readFile(await download.path(), 'utf8') };
    },
    async screenshot(path, asShown = false) {
      // As a person sees it: the popup's own size, scrolled to the top.
      if (asShown) {
        await page.screenshot({ path: path as `${string}.png`, fullPage: false });
        return;
      }
      // The popup scrolls inside a 560 px body; unfold it so the picture shows everything.
      await page.addStyleTag({
        content: 'html, body { overflow: visible !important; max-height: none !important; }',
      });
      await page.screenshot({ path, fullPage: true });
    },
    close: () => page.close(),
  };
}

function extensionWorker(context: BrowserContext): Worker | undefined {
  return context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
}

/** The system Chromium the tests drive (`scripts/ensure-browsers.mjs` installs it). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Command-line flags for a headless test Chromium: every hostname resolves to the lab at
 * `labPort`, its self-signed certificate is accepted, and the browser makes no traffic of its own.
 */
export function labChromiumArgs(labPort: number): string[] {
  const mapTo = labPort === 443 ? '127.0.0.1' : `127.0.0.1:${labPort}`;
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--host-resolver-rules=MAP * ${mapTo}`,
    '--ignore-certificate-errors',
  ];
}

/**
 * Chromium with the built extension, in a fresh profile; every hostname resolves to the lab and
 * its self-signed certificate is accepted.
 */
export async function launchChromium(options: ChromiumOptions = {}): Promise<ExtensionHarness> {
  const {
    headless = true,
    extensionDir = DIST_CHROME,
    labPort = 443,
    extension = 'load',
    locale = 'en',
    colorScheme = 'light',
  } = options;
  const kept = options.profile !== undefined;
  const profile = options.profile ?? (await mkdtemp(join(tmpdir(), 'faultline-chromium-')));
  const dropProfile = () => (kept ? Promise.resolve() : rm(profile, { recursive: true, force: true }));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: options.executablePath ?? CHROMIUM_PATH,
      headless,
      handleSIGINT: options.handleSignals ?? true,
      handleSIGTERM: options.handleSignals ?? true,
      viewport: headless ? { width: 1280, height: 800 } : null,
      ignoreHTTPSErrors: true,
      colorScheme,
      locale: locale === 'fr' ? 'fr-FR' : 'en-US',
      // Chromium on Linux takes its UI language (the extension's i18n) from the environment.
      env: { ...process.env, LANGUAGE: locale, LANG: locale === 'fr' ? 'fr_FR.UTF-8' : 'en_US.UTF-8' },
      // Playwright disables extensions unless one is loaded from the command line.
      ...(extension === 'later' ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
      args: [
        `--lang=${locale === 'fr' ? 'fr' : 'en-US'}`,
        ...(extension === 'later'
          ? // Lets the test load an unpacked extension over CDP (Extensions.loadUnpacked).
            ['--enable-unsafe-extension-debugging']
          : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]),
        ...(options.restoreSession ? ['--restore-last-session'] : []),
        ...labChromiumArgs(labPort),
      ],
    });
  } catch (error) {
    await dropProfile();
    throw error;
  }

  let closing: Promise<void> | undefined;
  const closed = new Promise<void>((ok) => context.once('close', () => ok()));
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await context.close().catch(() => {});
      await dropProfile().catch(() => {});
    })();
    return closing;
  };

  try {
    let extensionId = unpackedExtensionId(extensionDir);
    if (extension === 'load') {
      const worker =
        extensionWorker(context) ?? (await context.waitForEvent('serviceworker', { timeout: 15_000 }));
      extensionId = new URL(worker.url()).host;
    }
    const base = `chrome-extension://${extensionId}/`;
    // The first (blank) tab of a persistent context is left alone.
    let cdpPage: Page | undefined;

    const driver: BrowserDriver = {
      name: 'chromium',
      extensionBase: base,
      api: 'chrome',
      newPage: async () => pageDriver(await context.newPage()),
      firstPage: async () => pageDriver(context.pages()[0] ?? (await context.newPage())),
      async install() {
        // An unpacked extension loaded again from the same folder is the same extension, updated.
        const cdp = await context.browser()!.newBrowserCDPSession();
        try {
          const answer = (await cdp.send(
            'Extensions.loadUnpacked' as never,
            { path: extensionDir } as never,
          )) as {
            id: string;
          };
          if (answer.id !== extensionId) throw new Error(`installed as ${answer.id}, not as ${extensionId}`);
        } finally {
          await cdp.detach().catch(() => {});
        }
      },
      async killWorker() {
        cdpPage ??= context.pages()[0] ?? (await context.newPage());
        const cdp = await context.newCDPSession(cdpPage);
        // Playwright keeps a stopped worker's handle around: follow the worker's status over CDP.
        // Pending events may start it again at once, so wait for it to have stopped, not to stay so.
        let requested = false;
        let stopped = false;
        let last = '';
        cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
          for (const v of versions) {
            if (!v.scriptURL.startsWith(base)) continue;
            last = v.runningStatus;
            if (requested && last === 'stopped') stopped = true;
          }
        });
        try {
          await cdp.send('ServiceWorker.enable');
          requested = true;
          if (last === 'stopped') stopped = true;
          await cdp.send('ServiceWorker.stopAllWorkers');
          await until('the service worker to stop', async () => stopped, Boolean, {
            timeout: 5_000,
            interval: 20,
          });
        } finally {
          await cdp.detach().catch(() => {});
        }
      },
      async readClipboard() {
        // The clipboard is the browser's: a lab page granted clipboard-read sees what an
        // extension page copied (extension origins only get it from their manifest).
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: CLIPBOARD_ORIGIN });
        const page = await context.newPage();
        try {
          await page.goto(CLIPBOARD_ORIGIN, { waitUntil: 'load' });
          return await page.evaluate(() => navigator.clipboard.readText());
        } finally {
          await page.close().catch(() => {});
        }
      },
      closed,
      close,
    };
    return new ExtensionHarness(driver);
  } catch (error) {
    await close();
    throw error;
  }
}
