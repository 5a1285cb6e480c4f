import type { PageView } from '../page/view.ts';
import { COMPONENT_FILTERS } from './filters.ts';
import type { ProviderStatus } from './model.ts';
import { type ComponentFilter, type PageStatus, pageStatus } from './relevance.ts';

/** Which status-page components matter to a page served through the provider: the one look-up. */
function relevanceOf(providerId: string): ComponentFilter | undefined {
  return COMPONENT_FILTERS[providerId];
}

/**
 * What each provider's live status means for this page (its PoPs, its products), for the
 * providers with a status feed (`statusOf` answers undefined for the others), in the page's
 * provider order.
 */
export function pageStatuses(
  view: Pick<PageView, 'providers'>,
  statusOf: (providerId: string) => ProviderStatus | undefined,
): PageStatus[] {
  const out: PageStatus[] = [];
  for (const p of view.providers) {
    const status = statusOf(p.id);
    if (!status) continue;
    out.push(
      pageStatus(status, { providerId: p.id, pops: p.pops.map((pop) => pop.code) }, relevanceOf(p.id)),
    );
  }
  return out;
}
