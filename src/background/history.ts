import { providerById } from '../core/catalog/index.ts';
import type { PageView, ProviderView } from '../core/page/view.ts';
import type { ProviderStatus } from '../core/status/model.ts';
import { watchedNow } from '../core/watch/watch.ts';
import type { Handlers, HistoryState, TabHistory } from '../messages.ts';
import type { Incidents } from './incidents.ts';
import type { WatchList } from './watch.ts';

/** What the history and watch requests read and ask. */
export interface HistoryDeps {
  readonly incidents: Pick<Incidents, 'ready' | 'entries' | 'clear' | 'ongoing' | 'soon'>;
  readonly watch: WatchList;
  /** The tab's recorded page (after the store is restored). */
  readonly page: (tabId: number) => Promise<PageView | undefined>;
  /** Provider ids running the DNS of a tab's site, when the resilience report knows them. */
  readonly dnsProviders: (tabId: number) => Promise<readonly string[]>;
  readonly statusOf: (providerId: string) => ProviderStatus | undefined;
  /** Providers newly in use: their status polling starts. */
  readonly seen: (providerIds: Iterable<string>) => void;
}

export type HistoryRequests = 'getHistory' | 'clearHistory' | 'getTabHistory' | 'watchSite' | 'unwatchSite';

/** A DNS provider as a watched site's provider (found by its nameservers, serving no request). */
function dnsProvider(id: string): ProviderView | undefined {
  const p = providerById.get(id);
  if (!p) return undefined;
  return {
    id,
    name: p.name,
    category: p.category,
    description: p.description,
    homepage: p.homepage,
    role: 'service',
    document: false,
    requests: 0,
    kinds: {},
    pops: [],
    hosts: [],
    evidence: [],
  };
}

export function historyHandlers(deps: HistoryDeps): Pick<Handlers, HistoryRequests> {
  const { incidents, watch } = deps;

  async function historyState(): Promise<HistoryState> {
    await Promise.all([incidents.ready, watch.ready]);
    const watched = watch.list().map((site) => {
      const { verdict } = watchedNow(site, deps.statusOf);
      return {
        host: site.host,
        url: site.url,
        addedAt: site.addedAt,
        providers: site.providers.map((p) => ({ id: p.id, name: p.name })),
        outcome: verdict.outcome,
        sentence: verdict.sentence,
      };
    });
    return { now: Date.now(), entries: await incidents.entries(), watched };
  }

  async function tabHistory(tabId: number): Promise<TabHistory> {
    const [page] = await Promise.all([deps.page(tabId), incidents.ready, watch.ready]);
    if (!page) return { watched: false, ongoing: [] };
    const ids = new Set(page.providers.map((p) => p.id));
    const ongoing = Object.values(incidents.ongoing())
      .filter((i) => ids.has(i.providerId))
      .map((i) => ({ providerId: i.providerId, since: i.since }));
    return { host: page.host, watched: watch.has(page.host), ongoing };
  }

  return {
    getHistory: () => historyState(),
    clearHistory: async () => {
      await incidents.clear();
      return historyState();
    },
    getTabHistory: ({ tabId }) => tabHistory(tabId),
    watchSite: async ({ tabId }) => {
      const page = await deps.page(tabId);
      if (page) {
        const dns = (await deps.dnsProviders(tabId).catch(() => []))
          .map(dnsProvider)
          .filter((p): p is ProviderView => p !== undefined);
        await watch.add(page, dns);
        deps.seen(watch.providers());
        incidents.soon();
      }
      return tabHistory(tabId);
    },
    unwatchSite: async ({ host }) => {
      await watch.remove(host);
      incidents.soon();
      return historyState();
    },
  };
}
