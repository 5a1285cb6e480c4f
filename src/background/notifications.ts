import { providerById } from '../core/catalog/index.ts';
import type { SiteNow } from '../core/notify/alerts.ts';
import type { ObservedPage } from '../core/observe/page.ts';
import type { PageRecord } from '../core/page/record.ts';
import { recordedState } from '../core/page-state.ts';
import type { ProviderStatus } from '../core/status/model.ts';
import { watchedNow } from '../core/watch/watch.ts';
import type { browser as Api } from './browser.ts';

type Browser = typeof Api;

import type { WatchList } from './watch.ts';

/** What the incidents read of the user's sites: the open tabs' records and the watched sites. */
export interface SitesDeps {
  readonly ready: () => Promise<unknown>;
  readonly tabIds: () => readonly number[];
  readonly record: (tabId: number) => PageRecord | undefined;
  readonly statusOf: (providerId: string) => ProviderStatus | undefined;
  readonly observed: (tabId: number, startedAt: number, providerIds: readonly string[]) => ObservedPage;
  readonly watch: Pick<WatchList, 'list'>;
}

const nameOf = (id: string): string => providerById.get(id)?.name ?? id;

/** Every site of the user now, with its verdict: each open tab's page, then each watched site. */
export function userSites(deps: SitesDeps): () => Promise<SiteNow[]> {
  return async () => {
    await deps.ready();
    const out: SiteNow[] = [];
    for (const tabId of deps.tabIds()) {
      const state = recordedState(deps.record(tabId), {
        statusOf: deps.statusOf,
        observed: (startedAt, ids) => deps.observed(tabId, startedAt, ids),
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
    for (const site of deps.watch.list()) {
      const { verdict, statuses } = watchedNow(site, deps.statusOf);
      out.push({ host: site.host, providerName: nameOf, verdict, statuses });
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
