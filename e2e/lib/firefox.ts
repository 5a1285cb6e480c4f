import { mkdtempSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { extensionEntries } from '../../scripts/lib/package.ts';
import { zip } from '../../scripts/lib/zip.ts';
import { type BrowserDriver, ExtensionHarness, type PageDriver } from './harness.ts';
import { DIST_FIREFOX } from './paths.ts';
import { until } from './wait.ts';

export const GECKO_ID = 'faultline@faultline.dev';
/** Fixed before launch so extension pages have a known address. */
export const FIREFOX_UUID = '6f0c2b8e-3d41-4a57-9e26-b1f4c8d90a35';

export interface FirefoxOptions {
  headless?: boolean;
  extensionDir?: string;
  /** Names Firefox resolves to 127.0.0.1 (the lab must listen on port 443). */
  hostnames: readonly string[];
  executablePath?: string;
  /** Let the browser library close the browser and exit on Ctrl-C (default true). */
  handleSignals?: boolean;
  /**
   * The browser's UI language (the extension's messages follow it); English by default. French
   * needs Debian's firefox-esr-l10n-fr language pack (scripts/ensure-browsers.mjs installs it).
   */
  locale?: 'en' | 'fr';
  /** `prefers-color-scheme` of every page, the extension's included. */
  colorScheme?: 'light' | 'dark';
  /**
   * A profile directory to use and keep (a browser restart launches again on it); by default a
   * fresh temporary one.
   */
  profile?: string;
  /**
   * `temporary` (default): installed as a temporary add-on once the browser runs (gone at its
   * close). `later`: not installed; `install()` installs it as a temporary add-on (again: an
   * update). `permanent`: installed for good from its packed file (`xpi`), so a restart on the
   * same profile finds it; `installed`: already installed in the profile.
   */
  extension?: 'temporary' | 'later' | 'permanent' | 'installed';
  /** The packed extension (see packFirefox) for a permanent install. */
  xpi?: string;
  /** Pages the browser opens as it starts, from its command line. */
  startUrls?: readonly string[];
  /** More preferences (e.g. `extensions.background.idle.timeout`). */
  prefs?: Readonly<Record<string, unknown>>;
}

/** Packs a Firefox build into an .xpi as `npm run package` does (scripts/lib/zip.ts); its path. */
export function packFirefox(dir: string, into: string): string {
  const path = join(into, 'faultline.xpi');
  writeFileSync(path, zip(extensionEntries(dir)));
  return path;
}

/** Firefox's own WebDriver BiDi command, with its permanent-install extension parameter. */
interface BidiSender {
  readonly connection: { send(method: string, params: object): Promise<unknown> };
}

const isWeb = (url: string): boolean => /^https?:/i.test(url);

/**
 * The file that appears in `dir` after `click`: Firefox saves downloads there without asking
 * (prefs below), first as `<name>.part`, then renamed once complete.
 */
async function downloadInto(dir: string, click: () => Promise<void>, timeout: number) {
  const before = new Set(await readdir(dir));
  await click();
  const name = await until(
    `a download in ${dir}`,
    async () => {
      const fresh = (await readdir(dir)).filter((f) => !before.has(f));
      // Complete: no partial file left and the new file has content.
      if (fresh.length === 0 || fresh.some((f) => f.endsWith('.part'))) return undefined;
      const [file] = fresh;
      return file && (await stat(join(dir, file))).size > 0 ? file : undefined;
    },
    (f) => f !== undefined,
    { timeout, interval: 50 },
  );
  return { name: name!, text: await readFile(join(dir, name!), 'utf8') };
}

function pageDriver(page: Page, downloads: string): PageDriver {
  return {
    async navigate(url, waitForLoad) {
      if (isWeb(url)) {
        await page.goto(url, { waitUntil: waitForLoad ? 'load' : 'domcontentloaded' });
        return;
      }
      // Navigations to moz-extension: (and about:) pages load but never resolve over BiDi.
      page.goto(url).catch(() => {});
      const bare = url.replace(/[?#].*$/, '');
      await until(
        `${url} to load`,
        () => page.evaluate('location.href + " " + document.readyState') as Promise<string>,
        (s) => s.startsWith(bare) && s.endsWith(' complete'),
        { timeout: 15_000 },
      );
    },
    evaluate: <T>(expression: string) => page.evaluate(expression) as Promise<T>,
    resize: (width, height) => page.setViewport({ width, height }),
    click: (selector) => page.click(selector),
    download: (selector, timeout) => downloadInto(downloads, () => page.click(selector), timeout),
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
      await page.screenshot({ path: path as `${string}.png`, fullPage: true });
    },
    close: () => page.close(),
  };
}

/** Firefox ESR with the built extension installed as a temporary add-on, in a fresh profile. */
export async function launchFirefox(options: FirefoxOptions): Promise<ExtensionHarness> {
  const {
    headless = true,
    extensionDir = DIST_FIREFOX,
    extension = 'temporary',
    locale = 'en',
    colorScheme = 'light',
  } = options;
  const permanent = extension === 'permanent' || extension === 'installed';
  // Downloads (the popup's "Download JSON") land here, without a dialog.
  const downloads = mkdtempSync(join(tmpdir(), 'faultline-firefox-downloads-'));
  let browser: Browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: options.executablePath ?? '/usr/bin/firefox-esr',
      headless,
      ...(options.profile ? { userDataDir: options.profile } : {}),
      handleSIGINT: options.handleSignals ?? true,
      handleSIGTERM: options.handleSignals ?? true,
      defaultViewport: headless ? { width: 1280, height: 800 } : null,
      args: ['--remote-allow-system-access', ...(options.startUrls ?? [])],
      acceptInsecureCerts: true,
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_UUID }),
        // MV3 host permissions are otherwise left for the user to grant.
        'extensions.originControls.grantByDefault': true,
        // permissions.request (the popup's "Allow access to websites") grants without the
        // door-hanger a headless browser cannot click; the request itself is still the product's.
        'extensions.webextOptionalPermissionPrompts': false,
        'network.dns.localDomains': options.hostnames.join(','),
        'network.dns.disableIPv6': true,
        'network.trr.mode': 5,
        'network.proxy.type': 0,
        'dom.security.https_only_mode': false,
        'browser.shell.checkDefaultBrowser': false,
        'datareporting.policy.dataSubmissionEnabled': false,
        'toolkit.telemetry.enabled': false,
        'app.update.enabled': false,
        'browser.download.dir': downloads,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        'browser.download.alwaysOpenPanel': false,
        'browser.helperApps.neverAsk.saveToDisk': 'application/json',
        'intl.locale.requested': locale === 'fr' ? 'fr' : 'en-US',
        // 0: dark, 1: light, for every page whatever the system says.
        'layout.css.prefers-color-scheme.content-override': colorScheme === 'dark' ? 0 : 1,
        // ESR installs an unsigned add-on for good only with this (temporary ones need nothing).
        ...(permanent ? { 'xpinstall.signatures.required': false } : {}),
        ...options.prefs,
      },
    });
  } catch (error) {
    await rm(downloads, { recursive: true, force: true });
    throw error;
  }

  let closing: Promise<void> | undefined;
  const closed = new Promise<void>((ok) => browser.once('disconnected', () => ok()));
  const close = (): Promise<void> => {
    closing ??= (async () => {
      await browser.close().catch(() => {});
      await rm(downloads, { recursive: true, force: true }).catch(() => {});
    })();
    return closing;
  };

  try {
    const install = () => browser.installExtension(extensionDir).then(() => {});
    if (extension === 'temporary') await install();
    if (extension === 'permanent') {
      if (!options.xpi) throw new Error('a permanent install needs the packed extension (xpi)');
      await (browser as unknown as BidiSender).connection.send('webExtension.install', {
        extensionData: { type: 'archivePath', path: options.xpi },
        'moz:permanent': true,
      });
    }
    const driver: BrowserDriver = {
      install,
      name: 'firefox',
      extensionBase: `moz-extension://${FIREFOX_UUID}/`,
      api: 'browser',
      newPage: async () => pageDriver(await browser.newPage(), downloads),
      firstPage: async () => pageDriver((await browser.pages())[0] ?? (await browser.newPage()), downloads),
      closed,
      close,
    };
    return new ExtensionHarness(driver);
  } catch (error) {
    await close();
    throw error;
  }
}
