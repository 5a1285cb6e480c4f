import type { PageView } from '../core/page/view.ts';
import { dohFetcher } from '../core/resilience/lookup.ts';
import { browser } from './browser.ts';
import { DnsLookups } from './dns.ts';
import type { LocalArea } from './local-area.ts';
import { Resilience } from './resilience.ts';

/** The resilience requests wired to the browser: storage.local, the worker's fetch, i18n. */
export function browserResilience(
  page: (tabId: number) => Promise<PageView | undefined>,
  log: (message: string, error?: unknown) => void,
): Resilience {
  const local = browser.storage.local as unknown as LocalArea;
  return new Resilience({
    page,
    local,
    dns: new DnsLookups({ local, fetcher: dohFetcher((url, init) => fetch(url, init)), log }),
    t: (key, subs) => browser.i18n.getMessage(key, subs && [...subs]),
  });
}
