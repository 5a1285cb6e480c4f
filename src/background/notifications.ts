import { providerById } from '../core/catalog/index.ts';
import type { SiteNow } from '../core/notify/alerts.ts';
import { recordedState } from '../core/page-state.ts';
import { watchedNow } from '../core/watch/watch.ts';
import type { browser as Api } from './browser.ts';

type Browser = typeof Api;

import type { Observer } from './observed.ts';
import type { StatusService } from './status.ts';
import type { PageStore } from './store.ts';
import type { WatchList } from './watch.ts';

/** What the incidents read of the user's sites: the open tabs' records and the watched sites. */
export interface SitesDeps {
  readonly store: Pick<PageStore, 'loadAll' | 'tabIds' | 'get'>;
  readonly statuses: Pick<StatusService, 'ready' | 'get'>;
  readonly observer: Pick<Observer, 'ready' | 'forPage'>;
  readonly watch: Pick<WatchList, 'ready' | 'list'>;
}

const nameOf = (id: string): string => providerById.get(id)?.name ?? id;

/** Every site of the user now, with its verdict: each open tab's page, then each watched site. */
export function userSites(deps: SitesDeps): () => Promise<SiteNow[]> {
  return async () => {
    const { store, statuses, observer, watch } = deps;
    // Every tab's record, not only those restored so far (the worker may have just started).
    await Promise.all([store.loadAll(), statuses.ready, observer.ready, watch.ready]);
    const out: SiteNow[] = [];
    for (const tabId of store.tabIds()) {
      const state = recordedState(store.get(tabId), {
        statusOf: (id) => statuses.get(id),
        observed: (startedAt, ids) => observer.forPage(tabId, startedAt, ids),
      });
      if (state?.kind !== 'page') continue;
      out.push({
        host: state.page.host,
        tabId,
        providerName: nameOf,
        verdict: state.verdict,
        statuses: state.statuses,
      });
    }
    for (const site of watch.list()) {
      const now = watchedNow(site, (id) => statuses.get(id));
      out.push({ host: site.host, providerName: nameOf, verdict: now.verdict, statuses: now.statuses });
    }
    return out;
  };
}

/** A click on one of our notifications: the tab it is about, focused, else its status page. */
export async function openTarget(
  browser: Browser,
  target: { tabId: number } | { url: string } | undefined,
): Promise<void> {
  if (!target) return;
  if ('url' in target) {
    await browser.tabs.create({ url: target.url });
    return;
  }
  const tab = await browser.tabs.update(target.tabId, { active: true });
  if (tab?.windowId !== undefined) await browser.windows.update(tab.windowId, { focused: true });
}
