import type { Category } from '../core/catalog/types.ts';
import type { ProviderView } from '../core/page/view.ts';

/** Display groups of the provider list, in their usual order. */
export type GroupId = 'edge' | 'hosting' | 'security' | 'dns' | 'service';

export const GROUP_ORDER: readonly GroupId[] = ['edge', 'hosting', 'security', 'dns', 'service'];

const GROUP_OF: Readonly<Record<Category, GroupId>> = {
  cdn: 'edge',
  hosting: 'hosting',
  storage: 'hosting',
  security: 'security',
  dns: 'dns',
  service: 'service',
};

/** Message key of each group heading. */
export const GROUP_TITLE: Readonly<Record<GroupId, string>> = {
  edge: 'groupEdge',
  hosting: 'groupHosting',
  security: 'groupSecurity',
  dns: 'groupDns',
  service: 'groupService',
};

export interface ProviderGroup {
  readonly id: GroupId;
  readonly providers: readonly ProviderView[];
}

/**
 * Providers by display group, keeping the view's order inside each group (main document first).
 * The group holding the main document's provider comes first, so the list starts with it.
 */
export function groupProviders(providers: readonly ProviderView[]): ProviderGroup[] {
  const byGroup = new Map<GroupId, ProviderView[]>();
  for (const p of providers) {
    const id = GROUP_OF[p.category] ?? 'service';
    let list = byGroup.get(id);
    if (!list) {
      list = [];
      byGroup.set(id, list);
    }
    list.push(p);
  }
  const groups = GROUP_ORDER.flatMap((id) => {
    const list = byGroup.get(id);
    return list ? [{ id, providers: list }] : [];
  });
  const hasDocument = (g: ProviderGroup) => g.providers.some((p) => p.document);
  return [...groups.filter(hasDocument), ...groups.filter((g) => !hasDocument(g))];
}
