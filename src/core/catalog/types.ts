/**
 * The provider catalog is data: one `Provider` entry per provider, holding everything Faultline
 * knows about it (detection rules, status source, function, company, error meanings). Engines
 * (detect/, status/, observe/, resilience/, report/) never name a provider; they interpret these
 * entries. The catalog imports nothing from them. Adding a provider = an entry + a fixture.
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

/**
 * Feed formats of public status pages, one parser each (status/parsers/). A provider's source is
 * `{ kind, url }` where `url` is the base URL of its public status page (what a person opens);
 * `api` overrides the machine-readable endpoint for feeds that do not live under the page
 * (Status.io, RSS…; see status/feeds.ts `endpointsOf`).
 */
export const FEED_KINDS = [
  'statuspage',
  'incidentio',
  'instatus',
  'statusio',
  'gcp',
  'aws',
  'heroku',
  'stripe',
  'paypal',
  'rss',
] as const;

export type FeedKind = (typeof FEED_KINDS)[number];

export interface FeedSource {
  readonly kind: FeedKind;
  /** Base URL of the human status page, no trailing slash. */
  readonly url: string;
  /** Full URL of the detailed machine-readable feed when it is not derived from `url`. */
  readonly api?: string | undefined;
  /**
   * The feed lists only what is going on now (Azure's status feed: an item stays while its issue
   * is open, whatever its date), instead of a log of posts read over a recent window.
   */
  readonly listsCurrent?: true | undefined;
}

/**
 * How a provider's status page reads for a page that uses the provider through this entry (the
 * CDN, Pages, a bucket, a captcha…). status/relevance.ts interprets it; README "Live status"
 * documents it. Every field is optional: **without any, every component counts** (the default
 * for providers nobody has looked into), and an incident naming nothing counts as "may affect".
 */
export interface StatusRelevance {
  /**
   * Components (by name) that matter to such a page; an event's title naming one counts too.
   * Absent: every component matters.
   */
  readonly products?: RegExp | undefined;
  /** Components that never matter, even when `products` matches too ("Workers Builds"). */
  readonly unrelated?: RegExp | undefined;
  /**
   * Titles of events about a side of the provider such a page never touches (its logs, builds,
   * dashboard, API), whatever components they name.
   */
  readonly unrelatedTitles?: RegExp | undefined;
  /**
   * Products by the page's hosts of this provider: the first rule whose `host` matches a host
   * gives the products that host uses (`null`: none of the status page's); hosts matching no rule
   * use `products`. The union over the page's hosts counts.
   */
  readonly byHost?: readonly HostProducts[] | undefined;
  /** Where components and titles name a datacenter or region, and how the page's is known. */
  readonly locations?: LocationScheme | undefined;
  /**
   * What an incident that names no component, product or place means for such a page:
   * `counts` (default): it may affect it, at its impact; `severe`: only a partial or major
   * outage may (big multi-product providers post many narrow incidents before scoping them).
   */
  readonly unknownScope?: 'counts' | 'severe' | undefined;
}

export interface HostProducts {
  readonly host: RegExp;
  readonly products: RegExp | null;
}

/**
 * How a status page names places and how they compare with the page's: a place code from a
 * component name or an event title (capture group 1, else the whole name), upper-cased, compared
 * with the page's PoP codes and host regions. Feeds whose structure states places (AWS regions,
 * Google Cloud locations) need no pattern.
 */
export interface LocationScheme {
  /** A component whose name matches stands for one place ("Paris, France - (CDG)", "iad1"). */
  readonly component?: RegExp | undefined;
  /** Only components of a matching group are places (Cloudflare's regional groups). */
  readonly groups?: RegExp | undefined;
  /** An event title naming a place ("Ashburn (IAD)", "IAD (Ashburn) on 2026-09-14"). */
  readonly title?: RegExp | undefined;
  /** A place that means "everywhere" ("Global", "Public Non-Regional"). */
  readonly global?: RegExp | undefined;
  /** The page's place from its hosts of this provider (`bucket.s3.eu-west-3.amazonaws.com`). */
  readonly host?: RegExp | undefined;
  /**
   * Which of the page's PoP codes name these places: all (the default), none (`false`), or those
   * matching a pattern: AWS regions are no edge code (CloudFront's CDG says nothing about a
   * bucket), but a region a detection rule reads from `x-amz-bucket-region` would be one.
   */
  readonly pops?: false | RegExp | undefined;
  /**
   * Places an event names beside products scope those products (true by default: Google Cloud's
   * "currently affected locations"). False where they are examples (a Cloudflare CDN/Cache
   * incident "in multiple locations" listing Frankfurt): the product counts everywhere, and as
   * the page's own datacenter when that is listed.
   */
  readonly placesScopeProducts?: boolean | undefined;
}

/** Where the provider's live status is read, and what of it matters to a page. */
export interface LiveStatus {
  readonly source: FeedSource;
  readonly relevance?: StatusRelevance | undefined;
}

/** No public machine-readable status is known: why (the evidence), listed in the README. */
export interface NoLiveStatus {
  readonly none: string;
}

/** Functions a page cannot perform without the provider, even though the page itself loads. */
export const GATE_FUNCTIONS = ['payments', 'auth', 'captcha'] as const;
export type GateFunction = (typeof GATE_FUNCTIONS)[number];

/**
 * What a provider does for the page, as the resilience report's impact rules tell functions apart.
 * `addon`: analytics, tags, monitoring, consent, support widgets (the page works without them);
 * `embed`: a map or a video is missing, the rest of the page works.
 */
export const SERVICE_FUNCTIONS = [
  ...GATE_FUNCTIONS,
  'bot-management',
  'script-cdn',
  'fonts',
  'addon',
  'embed',
] as const;
export type ServiceFunction = (typeof SERVICE_FUNCTIONS)[number];

/** Who an error most likely belongs to. */
export type Blame = 'site' | 'provider' | 'unclear';

export interface HeaderCondition {
  /** Lower-case header name. */
  readonly name: string;
  /** Without `value`: the header is present (or, with `not`, absent). */
  readonly value?: RegExp;
  /** The condition holds when NO header of that name matches. */
  readonly not?: boolean;
  /** Report the matching value as the explanation's `detail` (Vercel's error code). */
  readonly capture?: boolean;
}

/**
 * What one of the provider's error responses means: a status (one code, a list, or an inclusive
 * range) and optional conditions on headers, body and reason phrase. observe/explanations.ts picks
 * the most specific matching meaning of the providers on a response.
 */
export interface ErrorMeaning {
  /** Stable id, for tests and debugging. */
  readonly id: string;
  readonly status: number | readonly number[] | { readonly from: number; readonly to: number };
  readonly headers?: readonly HeaderCondition[];
  /** Tested on the first bytes of the body when the caller has it (HAR files, error pages). */
  readonly body?: RegExp;
  /** Tested on the HTTP/1.1 reason phrase or status line when the caller has it. */
  readonly reason?: RegExp;
  readonly blame: Blame;
  /**
   * i18n key of the explanation (English and French in catalog/messages.json); `$1` = provider
   * name, `$2` = the captured `detail`.
   */
  readonly key: string;
}

export interface Provider {
  /** Canonical id from shared/reference/fingerprints.md. */
  readonly id: string;
  readonly name: string;
  /** Id of the company that runs it (catalog/companies.ts). */
  readonly company: string;
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
  /** What it does for the page, when the resilience report's rules tell it apart. */
  readonly function?: ServiceFunction;
  /** No longer sold / wound down; fingerprints kept because old sites still carry them. */
  readonly legacy?: boolean;
  /** Its live-status source, or why it has none. Absent: not looked into (DNS-only entries). */
  readonly status?: LiveStatus | NoLiveStatus;
  /** What its own error responses mean, most specific first within a status. */
  readonly errors?: readonly ErrorMeaning[];
  /**
   * Id of the CDN this platform is always delivered through (GitHub Pages → Fastly). On a
   * response carrying both, the platform's error meanings win a tie against the CDN's.
   */
  readonly deliveredBy?: string;
}
