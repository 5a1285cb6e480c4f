import type { Role } from '../catalog/types.ts';
import type { Detection } from '../detect/types.ts';

/**
 * Which providers served a host (or an IP address) recently. A request that fails before any
 * header arrives (refused, timed out, DNS…) carries no evidence of its own; this memory lets the
 * failure be charged to the providers that served the same host a moment ago. Plain JSON,
 * bounded (least recently seen forgotten first) and short-lived.
 */

/** Hosts remembered at most. */
export const MAX_HOSTS = 500;
/** IP addresses remembered at most. */
export const MAX_IPS = 500;
/** How long a host's providers stay trusted: a site can move, but rarely within the hour. */
export const HOST_TTL_MS = 60 * 60_000;

export interface HostEntry {
  /** Provider ids, edge first. Empty: served with no known provider (a plain origin). */
  readonly providers: readonly string[];
  /** Last time this host or address was seen answering. */
  readonly at: number;
}

export interface HostMemory {
  v: 1;
  hosts: Record<string, HostEntry>;
  /** Server IP → providers, only for addresses inside a provider's published ranges. */
  ips: Record<string, HostEntry>;
}

export function newHostMemory(): HostMemory {
  return { v: 1, hosts: {}, ips: {} };
}

const ROLE_RANK: Record<Role, number> = { edge: 0, origin: 1, service: 2 };

/** Provider ids of a response, edge first, then origin platforms, then services; no repeats. */
export function orderProviders(detections: readonly Detection[]): string[] {
  const sorted = [...detections].sort((a, b) => ROLE_RANK[a.role] - ROLE_RANK[b.role]);
  return [...new Set(sorted.map((d) => d.providerId))];
}

const sameProviders = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** Puts an entry; says whether that changed more than its time (a new entry, other providers). */
function put(map: Record<string, HostEntry>, key: string, entry: HostEntry, max: number): boolean {
  // Not a hostname or an address, and would set the object's prototype.
  if (key === '__proto__') return false;
  const was = Object.hasOwn(map, key) ? map[key] : undefined;
  if (!was) {
    const keys = Object.keys(map);
    if (keys.length >= max) {
      // Forget the least recently seen. O(n) only when a new key arrives into a full map.
      let oldest = keys[0]!;
      for (const k of keys) if (map[k]!.at < map[oldest]!.at) oldest = k;
      delete map[oldest];
    }
  }
  map[key] = entry;
  return !was || !sameProviders(was.providers, entry.providers);
}

/**
 * Remembers what served a response: the host gets all its providers (edge first); the server IP
 * only the providers whose evidence was that IP (a match in published ranges). Returns whether
 * the memory changed more than the times of entries seen again with the same providers.
 */
export function learn(
  memory: HostMemory,
  host: string,
  ip: string | undefined,
  detections: readonly Detection[],
  now: number,
): boolean {
  let changed = false;
  if (host) {
    const entry = { providers: orderProviders(detections), at: now };
    changed = put(memory.hosts, host.toLowerCase(), entry, MAX_HOSTS);
  }
  if (ip) {
    const byIp = orderProviders(detections.filter((d) => d.evidence.some((e) => e.kind === 'ip')));
    if (byIp.length > 0) changed = put(memory.ips, ip, { providers: byIp, at: now }, MAX_IPS) || changed;
  }
  return changed;
}

function fresh(entry: HostEntry | undefined, now: number): entry is HostEntry {
  return entry !== undefined && now - entry.at <= HOST_TTL_MS && entry.at <= now + HOST_TTL_MS;
}

/**
 * The providers to charge a header-less failure to: the host's recent providers, else those of
 * the server IP (Chrome reports `ip` when a connection was made before the failure), else none
 * (`undefined`: nothing known; `[]`: known to be served with no provider).
 */
export function attribute(
  memory: HostMemory,
  host: string,
  ip: string | undefined,
  now: number,
): readonly string[] | undefined {
  const byHost = Object.hasOwn(memory.hosts, host.toLowerCase())
    ? memory.hosts[host.toLowerCase()]
    : undefined;
  if (fresh(byHost, now)) return byHost.providers;
  const byIp = ip && Object.hasOwn(memory.ips, ip) ? memory.ips[ip] : undefined;
  if (fresh(byIp, now)) return byIp.providers;
  return undefined;
}

/** Drops entries older than the TTL (call now and then; `attribute` ignores them anyway). */
export function forgetStale(memory: HostMemory, now: number): void {
  for (const map of [memory.hosts, memory.ips]) {
    for (const k of Object.keys(map)) if (!fresh(map[k], now)) delete map[k];
  }
}
