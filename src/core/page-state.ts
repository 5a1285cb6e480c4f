import { type Badge, badgeFor } from './badge.ts';
import { providerById } from './catalog/index.ts';
import type { Translate } from './i18n.ts';
import type { ObservedPage } from './observe/page.ts';
import type { PageRecord } from './page/record.ts';
import { type PageView, pageView } from './page/view.ts';
import type { ProviderStatus } from './status/model.ts';
import { pageStatuses } from './status/page-statuses.ts';
import type { PageStatus } from './status/relevance.ts';
import { type Verdict, verdictOf } from './verdict/verdict.ts';

/**
 * A tab's page as the extension shows it: the popup's state and the toolbar badge, joined from
 * the tab's page record, the providers' live statuses and what this browser observed. Pure: the
 * background hands over what it holds, these functions decide what it means.
 */

export type PageState =
  /** The extension cannot see requests on this page (browser pages, stores, file:). */
  | { readonly kind: 'restricted'; readonly url: string }
  /** The user switched Faultline off for this site (its host): nothing recorded, nothing shown. */
  | { readonly kind: 'off'; readonly url: string; readonly host: string }
  /** No response recorded yet for this tab (e.g. opened before the extension started). */
  | { readonly kind: 'empty'; readonly url?: string | undefined; readonly late?: Late }
  | {
      readonly kind: 'page';
      readonly page: PageView;
      /** Faultline started while this page was loading: it saw only what came after (first-minute.ts). */
      readonly late?: Late;
      /** What each provider's live status means for this page (providers with a status feed). */
      readonly statuses?: readonly PageStatus[] | undefined;
      /**
       * What this browser itself saw: the page's explained errors and the cross-site signal of
       * its providers ("failing here"), and whether the user's own connection is the likely cause.
       */
      readonly observed?: ObservedPage | undefined;
      /** The one answer for this page: what is going on, whose problem it is, and why (core/verdict). */
      readonly verdict: Verdict;
    };

/**
 * Set when the tab's page was loaded before Faultline was listening (after an install, an update
 * or a browser start; see first-minute.ts): the popup says so and offers to reload the page.
 */
export type Late = true | undefined;

/** What the background holds about the providers, beside the tab's record. */
export interface ProviderFacts {
  /** A provider's live status; undefined for a provider without a status feed. */
  readonly statusOf: (providerId: string) => ProviderStatus | undefined;
  /** What was observed for the page that started at `startedAt`, for these providers. */
  readonly observed: (startedAt: number, providerIds: readonly string[]) => ObservedPage;
}

/** A recorded page joined with what is known of its providers. */
function joined(record: PageRecord, facts: ProviderFacts) {
  const page = pageView(record, providerById);
  const observed = facts.observed(
    record.startedAt,
    page.providers.map((p) => p.id),
  );
  const statuses = pageStatuses(page, facts.statusOf);
  return { page, statuses, observed, verdict: verdictOf({ page, statuses, observed }) };
}

/**
 * The popup's state of a tab from its record, or undefined when the record shows nothing yet (no
 * response, no failed document): then the tab's URL decides (`unrecordedState`).
 */
export function recordedState(record: PageRecord | undefined, facts: ProviderFacts): PageState | undefined {
  if (!record || (record.requests === 0 && record.documentError === undefined)) return undefined;
  return { kind: 'page', ...joined(record, facts) };
}

/**
 * The popup's state of a tab with nothing recorded, from what the browser says of the tab
 * (undefined: no such tab). With host access to every site, a tab whose URL cannot be read is a
 * page the extension cannot see.
 */
export function unrecordedState(tab: { readonly url?: string | undefined } | undefined): PageState {
  if (!tab) return { kind: 'empty' };
  const { url } = tab;
  if (url === undefined || isRestrictedUrl(url)) return { kind: 'restricted', url: url ?? '' };
  return { kind: 'empty', url };
}

/** The page a tab's resilience report is made of: one with recorded responses, else none. */
export function reportedPage(record: PageRecord | undefined): PageView | undefined {
  return record && record.requests > 0 ? pageView(record, providerById) : undefined;
}

/**
 * The toolbar badge of a tab: drawn from the same verdict as the popup's first line (see
 * `badgeFor`); a tab without a record gets the neutral one.
 */
export function tabBadge(
  record: PageRecord | undefined,
  facts: ProviderFacts & {
    /** The "badge count" setting. */
    readonly showCount: boolean;
    readonly t: Translate;
  },
): Badge {
  if (!record) return badgeFor(undefined, undefined, facts.t, facts.showCount);
  const { page, verdict } = joined(record, facts);
  return badgeFor(page, verdict, facts.t, facts.showCount);
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
