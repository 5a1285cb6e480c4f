import { providersOf } from '../core/page/providers.ts';
import { type PageState, recordedState, unrecordedState } from '../core/page-state.ts';
import type { Settings } from '../core/settings.ts';
import { siteOfUrl } from '../core/sites.ts';
import type { Handlers } from '../messages.ts';
import type { HistoryRequests } from './history.ts';
import type { Observer } from './observed.ts';
import type { Resilience } from './resilience.ts';
import type { SettingsStore } from './settings.ts';
import type { SitesOff } from './sites.ts';
import type { StatusService } from './status.ts';
import type { PageStore } from './store.ts';

/** What the handlers read and ask: the managers, and the browser's word on a tab. */
export interface HandlerDeps {
  readonly store: Pick<PageStore, 'load' | 'get'>;
  readonly statuses: Pick<StatusService, 'ready' | 'get' | 'refresh'>;
  readonly observer: Pick<Observer, 'ready' | 'forPage'>;
  readonly resilience: Pick<Resilience, 'state'>;
  readonly settings: Pick<SettingsStore, 'load' | 'save'>;
  readonly sites: Pick<SitesOff, 'ready' | 'isOff' | 'load' | 'set'>;
  /** Forgets everything stored; answers the settings (the defaults). */
  readonly clearAll: () => Promise<Settings>;
  /** `tabs.get`: rejects for a tab that does not exist. */
  readonly tab: (tabId: number) => Promise<{ readonly url?: string | undefined }>;
}

/**
 * The background's answer to every request of the protocol (src/messages.ts), each awaiting the
 * restored state it reads.
 */
export function messageHandlers(deps: HandlerDeps): Omit<Handlers, HistoryRequests> {
  const { store, statuses, observer } = deps;

  async function tabUrl(tabId: number): Promise<string | undefined> {
    try {
      return (await deps.tab(tabId)).url;
    } catch {
      return undefined;
    }
  }

  async function pageState(tabId: number): Promise<PageState> {
    await Promise.all([store.load(tabId), statuses.ready, observer.ready, deps.sites.ready]);
    const url = store.get(tabId)?.url || (await tabUrl(tabId));
    const host = siteOfUrl(url);
    if (url && host && deps.sites.isOff(host)) return { kind: 'off', url, host };
    const recorded = recordedState(store.get(tabId), {
      statusOf: (id) => statuses.get(id),
      observed: (startedAt, ids) => observer.forPage(tabId, startedAt, ids),
    });
    if (recorded) return recorded;
    let tab: { readonly url?: string | undefined } | undefined;
    try {
      tab = await deps.tab(tabId);
    } catch {
      tab = undefined;
    }
    return unrecordedState(tab);
  }

  return {
    getPage: ({ tabId }) => {
      // Opening a popup refreshes statuses older than a minute; the popup is told when they change.
      void store.load(tabId).then(() => statuses.refresh(providersOf(store.get(tabId)), false));
      return pageState(tabId);
    },
    refreshStatus: async ({ tabId }) => {
      await store.load(tabId);
      await statuses.refresh(providersOf(store.get(tabId)), true);
      return pageState(tabId);
    },
    getResilience: ({ tabId }) => deps.resilience.state(tabId),
    getSettings: () => deps.settings.load(),
    setSettings: ({ settings }) => deps.settings.save(settings),
    getSitesOff: () => deps.sites.load(),
    setSiteOff: ({ host, off }) => deps.sites.set(host, off),
    clearAllData: () => deps.clearAll(),
  };
}
