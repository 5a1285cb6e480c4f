import type { Translate } from '../core/i18n.ts';
import type { Signal } from '../core/observe/index.ts';
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
  /** Resolves once every state the tab's badge reads is restored. */
  readonly ready: (tabId: number) => Promise<unknown>;
  readonly record: (tabId: number) => PageRecord | undefined;
  readonly statusOf: (providerId: string) => ProviderStatus | undefined;
  /** Changes whenever a provider's status does. */
  readonly statusVersion: () => number;
  readonly signal: () => Signal;
  /** The "badge count" setting. */
  readonly showCount: () => boolean;
  readonly t: Translate;
  readonly action: ActionPort;
}

export interface Badges {
  /** Sets a tab's toolbar badge from what the background holds now. Never rejects. */
  apply(tabId: number): Promise<void>;
  /**
   * Forgets what the tab shows: Chrome clears a tab's badge text, colours and title when the tab
   * navigates to another document (checked: not for a same-document navigation), and the next
   * `apply` sets them all again.
   */
  forget(tabId: number): void;
}

/** Firefox draws the badge text in a contrasting colour by default; it is set explicitly. */
const TEXT_COLOR = '#ffffff';

interface Shown {
  text?: string;
  color?: string;
  title?: string;
  textColor?: string;
  /** What the badge was computed from, to skip computing it again when none of it changed. */
  inputs?: readonly unknown[];
}

/**
 * The toolbar badge of each tab. Each `browser.action` setter is called only when its value
 * changes: what was applied is remembered per tab (in memory: a fresh worker sets everything
 * once), and the badge is not even computed again while its inputs stay the same.
 */
export function badgeSetter(deps: BadgeDeps): Badges {
  const shown = new Map<number, Shown>();
  return {
    async apply(tabId) {
      await deps.ready(tabId);
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
      const badge = tabBadge(record, { statusOf: deps.statusOf, signal, showCount, t: deps.t });
      const { action } = deps;
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
      if (action.setBadgeTextColor && now.textColor !== TEXT_COLOR) {
        now.textColor = TEXT_COLOR;
        calls.push(action.setBadgeTextColor({ tabId, color: TEXT_COLOR }));
      }
      try {
        await Promise.all(calls);
      } catch {
        // The tab closed meanwhile.
        shown.delete(tabId);
      }
    },
    forget(tabId) {
      shown.delete(tabId);
    },
  };
}
