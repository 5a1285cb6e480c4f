import { FRONT_HOST } from '../lab/sites.ts';
import { type ChromiumOptions, launchChromium } from './chromium.ts';
import { type FirefoxOptions, launchFirefox } from './firefox.ts';
import type { ExtensionHarness } from './harness.ts';
import type { BrowserName } from './types.ts';
import { sleep } from './wait.ts';

export { packFirefox } from './firefox.ts';
export { ExtensionHarness, POPUP_PATH } from './harness.ts';
export type * from './types.ts';
export { sleep, until } from './wait.ts';

export interface LaunchOptions {
  headless?: boolean;
  hostnames: readonly string[];
  labPort?: number;
  /** false: the caller closes the browser on Ctrl-C itself. */
  handleSignals?: boolean;
  /** The browser's UI language: the extension's messages follow it. English by default. */
  locale?: 'en' | 'fr';
  colorScheme?: 'light' | 'dark';
}

/**
 * Launches either browser with the built extension, aimed at the lab, and returns once the
 * extension records pages (`untilRecording`): the specs built on it test what follows the first
 * minute; first-minute.e2e.ts tests the first minute itself, with `launchCold`.
 */
export async function launch(name: BrowserName, options: LaunchOptions): Promise<ExtensionHarness> {
  const harness = await start(name, options);
  try {
    await untilRecording(harness);
  } catch (error) {
    await harness.close();
    throw error;
  }
  return harness;
}

/** A first page that stays unexplained (neither recorded nor marked) this long fails the launch. */
const UNEXPLAINED_MS = 5_000;

/**
 * The first minute as a person meets it: the lab's front page is opened; while the extension
 * says it started after that page loaded (its `late` state: the listeners of a fresh browser take
 * a moment), the tab is reloaded — what the popup's Reload does — until the extension shows the
 * page. It must say one or the other: a page neither recorded nor marked fails the launch.
 */
async function untilRecording(harness: ExtensionHarness): Promise<void> {
  const deadline = Date.now() + 30_000;
  const tab = await harness.open(`https://${FRONT_HOST}/?first-page`);
  try {
    let unexplainedSince: number | undefined;
    for (;;) {
      const state = await harness.getPage(tab.tabId);
      if (state.kind === 'page' && state.page.requests > 0 && !state.late) return;
      if (state.kind !== 'restricted' && state.kind !== 'off' && state.late) {
        unexplainedSince = undefined;
        await harness.extensionEval(`${harness.driver.api}.tabs.reload(${tab.tabId})`);
        await sleep(500);
      } else {
        unexplainedSince ??= Date.now();
        if (Date.now() - unexplainedSince > UNEXPLAINED_MS)
          throw new Error(
            `the first page is neither recorded nor marked as loaded before: ${JSON.stringify(state)}`,
          );
        await sleep(100);
      }
      if (Date.now() > deadline) throw new Error('the extension never recorded the first page');
    }
  } finally {
    await tab.close();
  }
}

/** How each browser starts in `launchCold`: profile, extension, pages at start… */
export interface ColdOptions extends LaunchOptions {
  readonly chromium?: Omit<ChromiumOptions, 'labPort' | 'headless' | 'handleSignals'>;
  readonly firefox?: Omit<FirefoxOptions, 'hostnames' | 'headless' | 'handleSignals'>;
}

/**
 * Launches either browser and returns at once: no warm-up, nothing waited for. For the tests of
 * the extension's first minute (e2e/first-minute.e2e.ts), where the moment before the extension
 * listens is what is tested.
 */
export function launchCold(name: BrowserName, options: ColdOptions): Promise<ExtensionHarness> {
  return start(name, options);
}

function start(name: BrowserName, options: ColdOptions): Promise<ExtensionHarness> {
  return name === 'chromium'
    ? launchChromium({
        extensionDir: process.env.E2E_CHROME_DIST,
        ...options.chromium,
        headless: options.headless,
        labPort: options.labPort,
        handleSignals: options.handleSignals,
        locale: options.locale,
        colorScheme: options.colorScheme,
      })
    : launchFirefox({
        extensionDir: process.env.E2E_FIREFOX_DIST,
        ...options.firefox,
        headless: options.headless,
        hostnames: options.hostnames,
        handleSignals: options.handleSignals,
        locale: options.locale,
        colorScheme: options.colorScheme,
      });
}
