import { launchChromium } from './chromium.ts';
import { launchFirefox } from './firefox.ts';
import type { ExtensionHarness } from './harness.ts';
import type { BrowserName } from './types.ts';

export { ExtensionHarness, POPUP_PATH } from './harness.ts';
export type * from './types.ts';
export { sleep, until } from './wait.ts';

export interface LaunchOptions {
  headless?: boolean;
  hostnames: readonly string[];
  labPort?: number;
  /** false: the caller closes the browser on Ctrl-C itself. */
  handleSignals?: boolean;
}

/** Launches either browser with the built extension, aimed at the lab. */
export function launch(name: BrowserName, options: LaunchOptions): Promise<ExtensionHarness> {
  return name === 'chromium'
    ? launchChromium({
        headless: options.headless,
        labPort: options.labPort,
        handleSignals: options.handleSignals,
        extensionDir: process.env.E2E_CHROME_DIST,
      })
    : launchFirefox({
        headless: options.headless,
        hostnames: options.hostnames,
        handleSignals: options.handleSignals,
        extensionDir: process.env.E2E_FIREFOX_DIST,
      });
}
