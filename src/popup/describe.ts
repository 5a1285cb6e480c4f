import type { Place } from '../core/catalog/places.ts';
import type { Role } from '../core/catalog/types.ts';
import { RESOURCE_KINDS, type ResourceKind } from '../core/detect/types.ts';
import { KIND_KEYS } from '../core/i18n.ts';
import type { ProviderView } from '../core/page/view.ts';
import type { Strings } from './i18n.ts';

/** Message keys and phrases that put a provider's data into words. */

export const ROLE_TEXT: Readonly<Record<Role, string>> = {
  edge: 'roleEdge',
  origin: 'roleOrigin',
  service: 'roleService',
};

/** What a provider does for this page, in the few plain words of its row. */
export function rowRoleKey(p: Pick<ProviderView, 'role' | 'document'>): string {
  if (p.role === 'service') return 'rowService';
  if (p.role === 'origin') return p.document ? 'rowHostsPage' : 'rowHostsParts';
  return p.document ? 'rowDeliversPage' : 'rowDeliversParts';
}

/** "1 document", "3 scripts"… in the catalog's kind order, zero counts left out. */
export function kindPhrases(s: Strings, kinds: Partial<Record<ResourceKind, number>>): string[] {
  return RESOURCE_KINDS.flatMap((kind) => {
    const n = kinds[kind] ?? 0;
    return n > 0 ? [s.count(KIND_KEYS[kind], n)] : [];
  });
}

/** "CDG · Paris", or the code alone when the place is not known. */
export function placeText(s: Strings, place: Place): string {
  return place.city ? s.t('popPlace', [place.code, place.city]) : place.code;
}
