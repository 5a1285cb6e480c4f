import type { PageView } from '../core/page/view.ts';
import { dohFetcher } from '../core/resilience/lookup.ts';
import { browser } from './browser.ts';
import { DnsLookups } from './dns.ts';
import { Resilience } from './resilience.ts';
import type { StorageArea } from './storage.ts';

/** The resilience requests wired to the browser: storage.local, the worker's fetch, i18n. */
export function browserResilience(
  page: (tabId: number) => Promise<PageView | undefined>,
  log: (message: string, error?: unknown) => void,
): Resilience {
  const local: StorageArea = browser.storage.local;
  return new Resilience({
    page,
    local,
    dns: new DnsLookups({ local, fetcher: dohFetcher((url, init) => fetch(url, init)), log }),
    getMessage: (key, subs) => browser.i18n.getMessage(key, subs),
    uiLanguage: () => browser.i18n.getUILanguage(),
  });
}
