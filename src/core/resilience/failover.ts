import type { AddressType, DnsSummary, DnsUnknownReason } from './dns.ts';
import type { AddressAnswer } from './lookup.ts';
import type { Text } from './spof.ts';

/**
 * Failover readiness: how fast a change of the site's DNS would reach most users, read from the
 * TTLs of the DNS-over-HTTPS answers the look-up already has. The page host's own address record
 * (its CNAME or A records) is what a move to another CDN changes; the domain's NS records are what
 * a move to another DNS provider changes. A resolver holding a copy keeps serving it until its TTL
 * runs out, so the TTL bounds how long most users keep reaching the old provider.
 *
 * What the TTL does not tell (said in "what one page load cannot show"): resolvers report the
 * time left on their cached copy, so the configured TTL can be longer than the one read; some
 * resolvers and browsers keep answers longer than their TTL; moving DNS also changes the
 * delegation at the registry, whose own TTL is not in these answers.
 */

/** At most 5 minutes: a switch (health-checked DNS failover, a CDN change) reaches most users within minutes. */
export const TTL_MINUTES_S = 300;
/** At most an hour. */
export const TTL_HOUR_S = 3600;
/** At most a day: 86,400 s is the common default TTL of NS records. */
export const TTL_DAY_S = 86_400;

/** How long a change takes to reach most users, by the TTL of the record it changes. */
export type Reach = 'minutes' | 'hour' | 'day' | 'days';

export function reachOf(ttlSeconds: number): Reach {
  if (ttlSeconds <= TTL_MINUTES_S) return 'minutes';
  if (ttlSeconds <= TTL_HOUR_S) return 'hour';
  if (ttlSeconds <= TTL_DAY_S) return 'day';
  return 'days';
}

export interface AddressFailover {
  readonly type: AddressType;
  readonly ttl: number;
  readonly reach: Reach;
}

export interface NameserverFailover {
  readonly domain: string;
  readonly ttl: number;
  readonly reach: Reach;
}

export interface Failover {
  /** The page's host name, whose address record was asked for. */
  readonly host: string;
  /** Its own address record, or why it is not known. */
  readonly address: AddressFailover | { readonly unknown: DnsUnknownReason };
  /** The NS records of the page's domain, when they were read with a TTL. */
  readonly nameservers?: NameserverFailover;
}

/** The failover reading of a page host's address answer and its domain's DNS summary. */
export function failoverOf(host: string, address: AddressAnswer, pageDns?: DnsSummary): Failover {
  const addr: Failover['address'] = address.ok
    ? { type: address.type, ttl: address.ttl, reach: reachOf(address.ttl) }
    : { unknown: address.failure.reason };
  const ttl = pageDns?.nsTtl;
  return ttl === undefined || !pageDns
    ? { host, address: addr }
    : { host, address: addr, nameservers: { domain: pageDns.domain, ttl, reach: reachOf(ttl) } };
}

export const REACH_KEY: Readonly<Record<Reach, string>> = {
  minutes: 'resReachMinutes',
  hour: 'resReachHour',
  day: 'resReachDay',
  days: 'resReachDays',
};

const UNITS = [
  ['day', 86_400],
  ['hour', 3600],
  ['minute', 60],
] as const;

/**
 * A TTL in words in the locale: the largest unit it is a whole number of (300 → "5 minutes",
 * 86,400 → "1 day"), seconds otherwise (a counted-down 287 stays "287 seconds").
 */
export function durationText(seconds: number, locale: string): string {
  const [unit, size] = UNITS.find(([, n]) => seconds >= n && seconds % n === 0) ?? ['second', 1];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(seconds / size);
}

/**
 * The failover reading in words: the address record first (the CDN switch), then the NS records
 * (the DNS switch). `t` gives the reach phrase in the same language as the sentence around it.
 */
export function failoverTexts(
  f: Failover,
  t: (key: string, subs?: readonly string[]) => string,
  locale: string,
): Text[] {
  const out: Text[] = [];
  if ('unknown' in f.address) {
    out.push({ key: 'resFailoverAddressUnknown', subs: [f.host] });
  } else {
    const a = f.address;
    out.push({
      key: 'resFailoverAddress',
      subs: [f.host, t(REACH_KEY[a.reach]), a.type, durationText(a.ttl, locale)],
    });
  }
  const ns = f.nameservers;
  if (ns) {
    out.push({
      key: 'resFailoverNs',
      subs: [ns.domain, t(REACH_KEY[ns.reach]), durationText(ns.ttl, locale)],
    });
  }
  return out;
}
