import type { Translate } from '../core/i18n.ts';
import type { ObservedPage } from '../core/observe/index.ts';
import type { PageRecord } from '../core/page/record.ts';
import { tabBadge } from '../core/page-state.ts';
import type { ProviderStatus } from '../core/status/model.ts';

/** The slice of `browser.action` the badge needs. */
export interface ActionPort {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId: number; color: string }): Promise<void>;
  setTitle(details: { tabId: number; title: string }): Promise<void>;
  /** Missing in older Chrome. */
  setBadgeTextColor?(details: { tabId: number; color: string }): Promise<void>;
}

export interface BadgeDeps {
  /** Resolves once every state the badge reads is restored. */
  readonly ready: () => Promise<unknown>;
  readonly record: (tabId: number) => PageRecord | undefined;
  readonly statusOf: (providerId: string) => ProviderStatus | undefined;
  /** What was observed for a tab's page (its record's `startedAt`), for these providers. */
  readonly observed: (tabId: number, startedAt: number, providerIds: readonly string[]) => ObservedPage;
  /** The "badge count" setting. */
  readonly showCount: () => boolean;
  readonly t: Translate;
  readonly action: ActionPort;
}

/** Sets a tab's toolbar badge from what the background holds now. Never rejects. */
export function badgeSetter(deps: BadgeDeps): (tabId: number) => Promise<void> {
  return async (tabId) => {
    await deps.ready();
    const badge = tabBadge(deps.record(tabId), {
      statusOf: deps.statusOf,
      observed: (startedAt, ids) => deps.observed(tabId, startedAt, ids),
      showCount: deps.showCount(),
      t: deps.t,
    });
    const { action } = deps;
    try {
      await Promise.all([
        action.setBadgeText({ tabId, text: badge.text }),
        action.setBadgeBackgroundColor({ tabId, color: badge.color }),
        action.setTitle({ tabId, title: badge.title }),
      ]);
      // Firefox draws the badge text in a contrasting colour by default; make it explicit.
      await action.setBadgeTextColor?.({ tabId, color: '#ffffff' });
    } catch {
      // The tab closed meanwhile.
    }
  };
}
