import type { ObservedPage } from './core/observe/page.ts';
import type { PageView } from './core/page/view.ts';
import type { Report } from './core/report/report.ts';
import type { DnsLookedUp } from './core/resilience/lookup.ts';
import type { Settings } from './core/settings.ts';
import type { PageStatus } from './core/status/relevance.ts';

/**
 * The one typed contract between the popup (and options) and the background.
 * Requests go popup → background with runtime.sendMessage; the background answers.
 * Notifications go background → extension pages.
 */

export type PageState =
  /** The extension cannot see requests on this page (browser pages, stores, file:). */
  | { readonly kind: 'restricted'; readonly url: string }
  /** No response recorded yet for this tab (e.g. opened before the extension started). */
  | { readonly kind: 'empty'; readonly url?: string | undefined }
  | {
      readonly kind: 'page';
      readonly page: PageView;
      /** What each provider's live status means for this page (providers with a status feed). */
      readonly statuses?: readonly PageStatus[] | undefined;
      /**
       * What this browser itself saw: the page's explained errors and the cross-site signal of
       * its providers ("failing here"), and whether the user's own connection is the likely cause.
       */
      readonly observed?: ObservedPage | undefined;
    };

export type Request =
  /** The page state of a tab; also refreshes live statuses older than a minute, in the background. */
  | { readonly type: 'getPage'; readonly tabId: number }
  /** "Check now": re-checks the live status of every provider of the tab, then answers. */
  | { readonly type: 'refreshStatus'; readonly tabId: number }
  /** The tab's resilience report; looks up DNS (24 h cache) when the setting allows. */
  | { readonly type: 'getResilience'; readonly tabId: number }
  | { readonly type: 'getSettings' }
  /** Changes some settings (fields that are not booleans are ignored); answers all of them. */
  | { readonly type: 'setSettings'; readonly settings: Partial<Settings> };

/** The resilience report of a tab (v2 JSON) and its Markdown in the browser's language. */
export type ResilienceState =
  | {
      readonly kind: 'resilience';
      readonly report: Report;
      readonly markdown: string;
      readonly dnsLookedUp: DnsLookedUp;
    }
  /** No page recorded for this tab. */
  | { readonly kind: 'none' };

export interface ResponseMap {
  getPage: PageState;
  refreshStatus: PageState;
  getResilience: ResilienceState;
  getSettings: Settings;
  setSettings: Settings;
}

export type Notification = { readonly type: 'pageChanged'; readonly tabId: number };

export function isRequest(value: unknown): value is Request {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; tabId?: unknown; settings?: unknown };
  if (v.type === 'getSettings') return true;
  if (v.type === 'setSettings') return typeof v.settings === 'object' && v.settings !== null;
  return (
    (v.type === 'getPage' || v.type === 'refreshStatus' || v.type === 'getResilience') &&
    typeof v.tabId === 'number' &&
    Number.isInteger(v.tabId)
  );
}

export function isNotification(value: unknown): value is Notification {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; tabId?: unknown };
  return v.type === 'pageChanged' && typeof v.tabId === 'number';
}

/**
 * URLs on which an extension never sees a page's requests. Pure, shared by the popup and the
 * background so both tell the same story.
 */
export function isRestrictedUrl(url: string | undefined): boolean {
  if (!url) return false;
  if (
    /^(chrome|edge|brave|opera|vivaldi|about|moz-extension|chrome-extension|view-source|devtools|resource|data|blob|file):/i.test(
      url,
    )
  ) {
    return true;
  }
  return /^https:\/\/(chrome\.google\.com\/webstore|chromewebstore\.google\.com|microsoftedge\.microsoft\.com\/addons|addons\.mozilla\.org)(\/|$)/i.test(
    url,
  );
}
