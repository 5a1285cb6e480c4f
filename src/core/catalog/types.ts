import type { FeedSource } from '../status/feeds.ts';
/**
 * The provider catalog is data: one `Provider` entry per provider. Detection code never names a
 * provider; it only interprets these rules. Adding a provider = adding an entry + a fixture.
 */

/** Display groups of the popup. */
export type Category = 'cdn' | 'security' | 'hosting' | 'storage' | 'dns' | 'service';

/**
 * Where a provider stands in the path of a response.
 * - edge: the outermost layer that answered the browser (owns the server IP, emits the PoP);
 * - origin: a platform behind the edge whose headers pass through (Render behind Cloudflare…);
 * - service: a third-party service the page calls (payments, fonts, captcha…).
 */
export type Role = 'edge' | 'origin' | 'service';

/**
 * `strong` evidence is enough on its own; `weak` evidence only counts when a second, different
 * weak rule of the same provider also matches on the same response (e.g. Fastly's `x-served-by`
 * format plus its `x-timer` format). Generic headers (`x-cache: HIT`, `via: 1.1 varnish`) are
 * not rules at all.
 */
export type Strength = 'strong' | 'weak';

export interface HeaderRule {
  /** Lower-case header name, or a lower-case prefix when `prefix` is true (`x-akamai-`). */
  readonly name: string;
  readonly prefix?: boolean;
  /** When present, at least one value of the header must match. Without it, presence suffices. */
  readonly value?: RegExp;
  readonly strength: Strength;
}

export interface HostRule {
  /**
   * Lower-case hostname suffix matched on label boundaries: `cloudfront.net` matches
   * `d111.cloudfront.net` and `cloudfront.net`, never `evilcloudfront.net`.
   */
  readonly suffix: string;
  /** Optional URL path prefix that must also match (`/recaptcha/` on www.google.com). */
  readonly path?: string;
}

/** How to read a PoP code from a header value. */
export interface PopRule {
  readonly header: string;
  /** Applied to one header entry; capture group 1 is the code. */
  readonly pattern: RegExp;
  /** Which entry of a repeated or comma-separated header holds the serving edge. */
  readonly pick: 'first' | 'last';
  /** Keep only the first N characters of the capture (`FRA56-P5` → `FRA`). */
  readonly take?: number;
  /** Split the header value on commas before matching (Fastly's shielding list). */
  readonly splitComma?: boolean;
}

/** What a third-party service does for the page (display grouping within category 'service'). */
export type ServiceKind =
  | 'script-cdn'
  | 'fonts'
  | 'payments'
  | 'captcha'
  | 'bot-management'
  | 'auth'
  | 'monitoring'
  | 'analytics'
  | 'tags'
  | 'consent'
  | 'support'
  | 'maps'
  | 'video'
  | 'code-hosting'
  | 'database';

/** Filled by the live-status work; declared here so the catalog shape is final. */
/** Where the provider's live status is read (a public status page and its feed). */
export type StatusSource = FeedSource;

export interface Provider {
  /** Canonical id from shared/reference/fingerprints.md. */
  readonly id: string;
  readonly name: string;
  readonly category: Category;
  readonly homepage: string;
  readonly description: string;
  /**
   * The role this provider takes when detected on a response. CDNs are `edge` unless another
   * provider owns the server IP; hosting platforms and object stores are `origin`; third-party
   * services are `service`.
   */
  readonly role: Role;
  readonly headers?: readonly HeaderRule[];
  readonly hosts?: readonly HostRule[];
  readonly pop?: readonly PopRule[];
  /** Id of the IP-range set of this provider in the generated snapshot. */
  readonly ipRanges?: string;
  /** Lower-case nameserver suffixes (DNS providers). */
  readonly nameservers?: readonly string[];
  /**
   * Nameserver hostnames whose shape a suffix cannot express (`ns-2048.awsdns-64.com`). Tested on
   * the lower-case NS hostname without trailing dot; must be linear-time.
   */
  readonly nameserverPattern?: RegExp;
  /**
   * Ids of providers whose detection on the same response this one overrides: `github` (the API
   * and raw hosts also send `x-github-request-id`) excludes `github-pages`.
   */
  readonly excludes?: readonly string[];
  /** Sub-group of a third-party service. */
  readonly serviceKind?: ServiceKind;
  /** No longer sold / wound down; fingerprints kept because old sites still carry them. */
  readonly legacy?: boolean;
  readonly status?: StatusSource;
}
