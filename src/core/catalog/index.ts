import { STATUS_SOURCES } from '../status/sources.ts';
import { CDN_PROVIDERS } from './providers/cdn.ts';
import { DNS_PROVIDERS } from './providers/dns.ts';
import { CLOUD_PROVIDERS, HOSTING_PROVIDERS } from './providers/hosting.ts';
import { SECURITY_PROVIDERS } from './providers/security.ts';
import { SERVICE_PROVIDERS } from './providers/services.ts';
import { STORAGE_PROVIDERS } from './providers/storage.ts';
import type { Provider } from './types.ts';

export type {
  Category,
  HeaderRule,
  HostRule,
  PopRule,
  Provider,
  Role,
  ServiceKind,
  Strength,
} from './types.ts';

/**
 * The whole catalog, in priority order: edges first (CDNs, then WAF proxies), then the platforms
 * behind them (hosting, object stores, then general-purpose clouds), then third-party services and
 * DNS-only entries. When several edge providers (or, without any, several platforms) match one
 * response and none owns the server IP, the earliest wins.
 */
export const CATALOG: readonly Provider[] = [
  ...CDN_PROVIDERS,
  ...SECURITY_PROVIDERS,
  ...HOSTING_PROVIDERS,
  ...STORAGE_PROVIDERS,
  ...CLOUD_PROVIDERS,
  ...SERVICE_PROVIDERS,
  ...DNS_PROVIDERS,
].map((p) => {
  // Status sources are kept in one table (src/status/sources.ts, with the evidence for each)
  // and joined onto the entries here, so every entry carries its source.
  const status = p.status ?? STATUS_SOURCES[p.id];
  return status ? { ...p, status } : p;
});

export const providerById: ReadonlyMap<string, Provider> = new Map(CATALOG.map((p) => [p.id, p]));

const nameserverSuffixes = new Map<string, Provider>();
for (const p of CATALOG) {
  for (const s of p.nameservers ?? []) if (!nameserverSuffixes.has(s)) nameserverSuffixes.set(s, p);
}
const nameserverPatterns = CATALOG.filter((p) => p.nameserverPattern);

/**
 * The DNS provider behind a nameserver hostname (`jessica.ns.cloudflare.com.` → cloudflare), by
 * label-boundary suffix (longest first), then by the few providers whose NS names need a pattern.
 */
export function providerForNameserver(nameserver: string): Provider | undefined {
  if (typeof nameserver !== 'string') return undefined;
  let host = nameserver.trim().toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (!host || host.length > 253) return undefined;
  let dot = -1;
  do {
    const hit = nameserverSuffixes.get(host.slice(dot + 1));
    if (hit) return hit;
    dot = host.indexOf('.', dot + 1);
  } while (dot >= 0);
  return nameserverPatterns.find((p) => p.nameserverPattern?.test(host));
}
