import { CDN_PROVIDERS } from './providers/cdn.ts';
import type { Provider } from './types.ts';

export type { Category, HeaderRule, HostRule, PopRule, Provider, Role, Strength } from './types.ts';

/** The whole catalog, in priority order (usual outermost edge first). */
export const CATALOG: readonly Provider[] = [...CDN_PROVIDERS];

export const providerById: ReadonlyMap<string, Provider> = new Map(CATALOG.map((p) => [p.id, p]));
