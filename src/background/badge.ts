import { NEUTRAL_BADGE_COLOR } from '../core/badge.ts';
import type { Translate } from '../core/i18n.ts';
import type { ObservedPage, Signal } from '../core/observe/index.ts';
import type { PageRecord } from '../core/page/record.ts';
import { tabBadge } from '../core/page-state.ts';
import type { ProviderStatus } from '../core/status/model.ts';

/**
 * The slice of `browser.action` the badge needs. Without `tabId`, a setter sets the default that
 * every tab shows until it is given a value of its own.
 */
export interface ActionPort {
  setBadgeText(details: { tabId: number; text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { tabId?: number; color: string }): Promise<void>;
  setTitle(details: { tabId: number; title: string }): Promise<void>;
  /** Missing in older Chrome. */
  setBadgeTextColor?(details: { tabId?: number; color: string }): Promise<void>;
}

export interface BadgeDeps {
  /** Resolves once every state the tab's badge reads is restored. */
  readonly ready: (tabId: number) => Promise<unknown>;
  readonly record: (tabId: number) => PageRecord | undefined;
  readonly statusOf: (providerId: string) => ProviderStatus | undefined;
  /** Changes whenever a provider's status does. */
  readonly statusVersion: () => number;
  /** The cross-site signal now: a new object whenever what was observed changed. */
  readonly signal: () => Signal;
  /** What was observed for a tab's page (its record's `startedAt`), for these providers. */
  readonly observed: (tabId: number, startedAt: number, providerIds: readonly string[]) => ObservedPage;
  /** The "badge count" setting. */
  readonly showCount: () => boolean;
  readonly t: Translate;
  readonly action: ActionPort;
}

export interface Badges {
  /** Sets a tab's toolbar badge from what the background holds now. Never rejects. */
  apply(tabId: number): Promise<void>;
  /**
   * The tab navigated to another document: Chrome (and Firefox) reset a tab's badge text,
   * colours and title to the defaults then (checked: not for a same-document navigation). The
   * next `apply` sets only what differs from them.
   */
  cleared(tabId: number): void;
  /** Forgets what the tab shows (a tab replaced, closed): the next `apply` sets everything. */
  forget(tabId: number): void;
}

/** Firefox draws the badge text in a contrasting colour by default; it is set explicitly. */
const TEXT_COLOR = '#ffffff';

/** What a tab shows; a field undefined is not known (the next `apply` sets it). */
interface Shown {
  text?: string | undefined;
  color?: string | undefined;
  title?: string | undefined;
  /** What the badge was computed from, to skip computing it again when none of it changed. */
  inputs?: readonly unknown[];
}

/**
 * The toolbar badge of each tab. Each `browser.action` setter is called only when its value
 * changes: what was applied is remembered per tab (in memory: a fresh worker sets everything
 * once), and the badge is not even computed again while its inputs stay the same. The text
 * colour never varies and the usual background colour rarely does: both are the defaults of
 * every tab (set once per worker start), so that a tab that navigated, back to those defaults,
 * needs its text and title set and nothing else.
 */
export function badgeSetter(deps: BadgeDeps): Badges {
  const shown = new Map<number, Shown>();
  const { action } = deps;
  // The defaults, as a tab that navigated shows them (the manifest's title is the name; read
  // when first needed: a worker woken for something else translates nothing).
  let defaults: { readonly text: string; readonly color: string; readonly title: string } | undefined;
  const defaultOf = (key: 'text' | 'color' | 'title'): string => {
    defaults ??= { text: '', color: NEUTRAL_BADGE_COLOR, title: deps.t('extensionName') };
    return defaults[key];
  };
  const ready = Promise.all([
    action.setBadgeBackgroundColor({ color: NEUTRAL_BADGE_COLOR }),
    action.setBadgeTextColor?.({ color: TEXT_COLOR }),
  ]).catch(() => {
    // Never rejects: without its defaults a tab is given its colour explicitly.
  });
  let defaultsSet = false;
  void ready.then(() => {
    defaultsSet = true;
  });
  return {
    async apply(tabId) {
      await Promise.all([deps.ready(tabId), ready]);
      const record = deps.record(tabId);
      const signal = deps.signal();
      const showCount = deps.showCount();
      const inputs = [
        record,
        record?.startedAt,
        record?.url,
        record?.updatedAt,
        record?.requests,
        record?.documentError,
        record?.documentStatus,
        deps.statusVersion(),
        signal,
        showCount,
      ];
      let now = shown.get(tabId);
      if (!now) {
        now = {};
        shown.set(tabId, now);
      }
      const last = now.inputs;
      if (last && last.length === inputs.length && last.every((v, i) => v === inputs[i])) return;
      now.inputs = inputs;
      const badge = tabBadge(record, {
        statusOf: deps.statusOf,
        observed: (startedAt, ids) => deps.observed(tabId, startedAt, ids),
        showCount,
        t: deps.t,
      });
      const calls: Promise<void>[] = [];
      // What is about to be shown is remembered before the calls return, so that two updates in
      // a row do not both set it.
      if (now.text !== badge.text) {
        now.text = badge.text;
        calls.push(action.setBadgeText({ tabId, text: badge.text }));
      }
      if (now.color !== badge.color) {
        now.color = badge.color;
        calls.push(action.setBadgeBackgroundColor({ tabId, color: badge.color }));
      }
      if (now.title !== badge.title) {
        now.title = badge.title;
        calls.push(action.setTitle({ tabId, title: badge.title }));
      }
      try {
        await Promise.all(calls);
      } catch {
        // The tab closed meanwhile.
        shown.delete(tabId);
      }
    },
    cleared(tabId) {
      const was = shown.get(tabId);
      // A value set just before the navigation may reach the browser just after the reset: a
      // field last set away from its default is not trusted to be back to it.
      const back = (key: 'text' | 'color' | 'title'): string | undefined => {
        const value = was?.[key];
        if (value !== undefined && value !== defaultOf(key)) return undefined;
        return key === 'color' && !defaultsSet ? undefined : defaultOf(key);
      };
      shown.set(tabId, { text: back('text'), color: back('color'), title: back('title') });
    },
    forget(tabId) {
      shown.delete(tabId);
    },
  };
}
