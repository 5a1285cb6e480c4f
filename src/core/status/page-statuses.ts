import { statusRelevanceOf } from '../catalog/index.ts';
import type { PageView } from '../page/view.ts';
import type { ProviderStatus } from './model.ts';
import { type PageStatus, pageStatus } from './relevance.ts';

/**
 * What each provider's live status means for this page (its PoPs, its hosts, the products its
 * catalog entry says such a page uses), for the providers with a status feed (`statusOf` answers
 * undefined for the others), in the page's provider order.
 */
export function pageStatuses(
  view: Pick<PageView, 'providers'>,
  statusOf: (providerId: string) => ProviderStatus | undefined,
): PageStatus[] {
  const out: PageStatus[] = [];
  for (const p of view.providers) {
    const status = statusOf(p.id);
    if (!status) continue;
    const usage = { providerId: p.id, pops: p.pops.map((pop) => pop.code), hosts: p.hosts };
    out.push(pageStatus(status, usage, statusRelevanceOf(p.id)));
  }
  return out;
}
