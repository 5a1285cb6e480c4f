import { FRONT_HOST } from '../lab/sites.ts';
import { launchChromium } from './chromium.ts';
import { launchFirefox } from './firefox.ts';
import type { ExtensionHarness } from './harness.ts';
import type { BrowserName } from './types.ts';
import { until } from './wait.ts';

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

/** Launches either browser with the built extension, aimed at the lab. */
export async function launch(name: BrowserName, options: LaunchOptions): Promise<ExtensionHarness> {
  const harness = await start(name, options);
  try {
    await warmUp(harness);
  } catch (error) {
    await harness.close();
    throw error;
  }
  return harness;
}

/**
 * The extension's webRequest listeners take effect a moment after its worker starts; a page
 * loaded before that is invisible to it (a real install has the same moment). Load the lab's
 * front page until the extension is seen recording it, so tests start from a live extension.
 */
async function warmUp(harness: ExtensionHarness): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (let attempt = 0; ; attempt++) {
    const tab = await harness.open(`https://${FRONT_HOST}/?warm-up=${attempt}`);
    const seen = await until(
      'the extension to record a page',
      () => harness.getPage(tab.tabId),
      (state) => state.kind === 'page' && state.page.requests > 0,
      { timeout: 3_000 },
    ).then(
      () => true,
      () => false,
    );
    await tab.close();
    if (seen) return;
    if (Date.now() > deadline) throw new Error('the extension never recorded the warm-up page');
  }
}

function start(name: BrowserName, options: LaunchOptions): Promise<ExtensionHarness> {
  return name === 'chromium'
    ? launchChromium({
        headless: options.headless,
        labPort: options.labPort,
        handleSignals: options.handleSignals,
        extensionDir: process.env.E2E_CHROME_DIST,
        locale: options.locale,
        colorScheme: options.colorScheme,
      })
    : launchFirefox({
        headless: options.headless,
        hostnames: options.hostnames,
        handleSignals: options.handleSignals,
        extensionDir: process.env.E2E_FIREFOX_DIST,
        locale: options.locale,
        colorScheme: options.colorScheme,
      });
}
