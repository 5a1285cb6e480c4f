import browser from 'webextension-polyfill';
import { isNotification, type PageState, type Request } from '../messages.ts';
import type { Connector } from './connector.ts';
import { isPageState } from './page-state.ts';
import { withRetry, withTimeout } from './retry.ts';
import { tabFromSearch } from './tab-param.ts';

/**
 * Waits after each failed attempt: a background worker that is waking up may not be listening
 * yet ("Receiving end does not exist"). About 5 s in all before the popup admits an error.
 */
const RETRY_DELAYS_MS = [100, 200, 400, 800, 1500, 2000];
/** One attempt that gets no answer at all counts as failed. */
const ATTEMPT_TIMEOUT_MS = 4000;
/**
 * "Check now" fetches every status feed of the tab (each bounded by its own fetch timeout), so it
 * is given longer; it is not retried: a second full round would only make the user wait twice.
 */
const REFRESH_TIMEOUT_MS = 45_000;

async function ask(request: Request, timeoutMs: number): Promise<PageState> {
  const answer: unknown = await withTimeout(browser.runtime.sendMessage(request), timeoutMs);
  if (!isPageState(answer)) throw new Error('no page state in the answer');
  return answer;
}

/** The popup's connector inside the extension. */
export const browserConnector: Connector = {
  async tabId() {
    const fromQuery = tabFromSearch(location.search);
    if (fromQuery !== undefined) return fromQuery;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab?.id;
  },

  getPage(tabId) {
    return withRetry(() => ask({ type: 'getPage', tabId }, ATTEMPT_TIMEOUT_MS), RETRY_DELAYS_MS);
  },

  refreshStatus(tabId) {
    return ask({ type: 'refreshStatus', tabId }, REFRESH_TIMEOUT_MS);
  },

  now: () => Date.now(),

  onPageChanged(tabId, cb) {
    // Returns nothing: this listener never answers, so it cannot steal another page's reply.
    const listener = (message: unknown): undefined => {
      if (isNotification(message) && message.tabId === tabId) cb();
      return undefined;
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  },

  t: (key, substitutions) => browser.i18n.getMessage(key, substitutions),
};
