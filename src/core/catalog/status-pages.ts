import type { FeedSource, LocationScheme, StatusRelevance } from './types.ts';

/**
 * Status pages shared by several catalog entries, and how each use of them reads (which products
 * and places matter to a page using the CDN, Pages, a bucket…; StatusRelevance in types.ts).
 * Entries with a page of their own carry it inline. Sources come from
 * shared/reference/status-sources.md §2 (tags CONFIRMED / LIKELY there) and its stts page-id
 * list, unless a comment names newer evidence. `api` overrides the machine-readable endpoint
 * where it is not derived from `url` (status/feeds.ts `endpointsOf`).
 *
 * Component names below were read in real payloads where a comment says so; elsewhere a
 * relevance only lists what clearly is not on a visitor's path (`unrelated`), so that every
 * other component still counts: a wrong guess then warns too much, never too little.
 */

export const statuspage = (url: string): FeedSource => ({ kind: 'statuspage', url });

// ── Cloudflare ────────────────────────────────────────────────────────────────────────────────

/** CONFIRMED, page yh6f0r4529hb. */
export const CLOUDFLARE = statuspage('https://www.cloudflarestatus.com');

/**
 * Datacenters are the leaves of the seven regional groups, named "Paris, France - (CDG)" (extra
 * spaces and historical codes occur: "Bratislava, Slovakia   - (BTS)", "Berlin, Germany -
 * (TXL)"); colo maintenances are titled "IAD (Ashburn) on 2026-09-14". Products live in
 * "Cloudflare Sites and Services", where "Digital Experience Monitoring (DEX)" is no datacenter.
 * Matched with the page's `cf-ray` code. (Real: components.json of ~2026-02-28, 478 components.)
 */
const CLOUDFLARE_PLACES: LocationScheme = {
  component: /-\s*\(\s*([A-Z]{3})\s*\)\s*$/,
  groups: /^(Africa|Asia|Europe|Latin America|Middle East|North America|Oceania)\b/,
  title: /^\s*([A-Z]{3})\s*\([^)]{1,80}\)\s+on\s+\d{4}-\d{2}-\d{2}/,
  // "CDN/Cache: elevated 5xx errors in multiple locations" listing Frankfurt: examples, not a scope.
  placesScopeProducts: false,
};

/**
 * Carve-outs of the product patterns below: products whose names contain a delivery word but are
 * not on a proxied site's path (WARP is now "Cloudflare One Client").
 */
const CLOUDFLARE_UNRELATED =
  /\b(Workers (Builds|Preview|Observability|AI)|Pages Builds?|DNS Root Servers|DNS Firewall|Zero Trust( Network Access| Dashboard)?|Magic (Transit|WAN|Firewall|Network Monitoring)|Network Error Logging|Cloudflare One( Client)?|WARP|Digital Experience Monitoring|Browser Isolation|Gateway|Access|Tunnel|Dashboard|Wrangler)\b/i;

/** Incidents about Cloudflare's control plane, whatever they name (a logs incident on "Pages"). */
const CLOUDFLARE_UNRELATED_TITLES =
  /\b(logs?|logpush|log delivery|builds?|dashboard|billing|registrar|wrangler|analytics (data|reporting)|notifications?)\b/i;

/** A page behind Cloudflare's proxy depends on the delivery path. */
const CLOUDFLARE_DELIVERY =
  /\b(CDN\/Cache|Cache Reserve|Network|Authoritative DNS|SSL Certificate Provisioning|SSL|TLS|Firewall|WAF|Bot Management|DDoS|Load Balancing|Argo Smart Routing|Always Online|HTTP\/3|WebSockets|Spectrum|Waiting Room|Rate Limiting|API Shield|Page Shield|Cloudflare for SaaS|SSL for SaaS|Health Checks)\b/i;

const cloudflare = (products: RegExp, extra: Partial<StatusRelevance> = {}): StatusRelevance => ({
  products,
  unrelated: CLOUDFLARE_UNRELATED,
  unrelatedTitles: CLOUDFLARE_UNRELATED_TITLES,
  locations: CLOUDFLARE_PLACES,
  // ~120 products: many narrow incidents are posted before they are scoped.
  unknownScope: 'severe',
  ...extra,
});

/** A site behind the proxy; its Images and Stream hosts also use those products. */
export const CLOUDFLARE_CDN = cloudflare(CLOUDFLARE_DELIVERY, {
  byHost: [
    { host: /(^|\.)imagedelivery\.net$/, products: /\bImages\b|CDN\/Cache|Network/i },
    { host: /(^|\.)videodelivery\.net$/, products: /\bStream\b|CDN\/Cache|Network/i },
  ],
});
/** pages.dev / workers.dev: the Workers runtime and its storage, on the delivery path. */
export const CLOUDFLARE_PAGES = cloudflare(
  /\b(Pages|Workers|Workers KV|Durable Objects|D1|R2|Queues|Hyperdrive|CDN\/Cache|Network|SSL|Authoritative DNS)\b/i,
);
export const CLOUDFLARE_R2 = cloudflare(/\b(R2|CDN\/Cache|Network)\b/i);
export const CLOUDFLARE_TURNSTILE = cloudflare(/\b(Turnstile|Network)\b/i);
/** The challenge pages: Bot Management and Turnstile on the delivery path. */
export const CLOUDFLARE_CHALLENGES = cloudflare(
  /\b(Bot Management|Turnstile|Firewall|WAF|CDN\/Cache|Network)\b/i,
);
export const CLOUDFLARE_CDNJS = cloudflare(/\b(cdnjs|CDN\/Cache|Network)\b/i);
export const CLOUDFLARE_WEB_ANALYTICS = cloudflare(/\b(Web Analytics|Network)\b/i, {
  unrelatedTitles: /\b(logs?|logpush|builds?|dashboard|billing|registrar|wrangler)\b/i,
});

// ── Akamai ────────────────────────────────────────────────────────────────────────────────────

/** LIKELY (clients poll its /api/v2). */
export const AKAMAI = statuspage('https://www.akamaistatus.com');

/** Component names not captured: only what is clearly off a visitor's path is left out. */
export const AKAMAI_DELIVERY: StatusRelevance = {
  unrelated:
    /\b(Control Center|Akamai Control|APIs?|Portal|Reporting|Billing|Support|Linode|Cloud Computing|Compute|Enterprise Application Access|Secure Internet Access|Guardicore|Zero Trust|Identity Cloud|Marketplace|Training|Community|Log Delivery)\b/i,
  unrelatedTitles: /\b(control center|reporting|billing|log delivery|portal)\b/i,
};

// ── AWS ───────────────────────────────────────────────────────────────────────────────────────

/** CONFIRMED. */
export const AWS: FeedSource = { kind: 'aws', url: 'https://health.aws.amazon.com/health/status' };

const AWS_REGION = '([a-z]{2}(?:-gov)?-[a-z]+-\\d)';
/**
 * AWS events name regions through their service keys (`s3-us-east-1`); a key without a region
 * (`cloudfront`, `route53`) is a global service. CloudFront's edge codes are not regions, so the
 * page's place is what its hosts say (a regional S3, ELB, API Gateway or Cognito host), or a
 * PoP code shaped like a region.
 */
const awsPlaces = (host: RegExp): LocationScheme => ({ pops: /^[A-Z]{2}(?:-GOV)?-[A-Z]+-\d$/, host });

const aws = (products: RegExp | undefined, host?: RegExp): StatusRelevance => ({
  ...(products ? { products } : {}),
  unrelated:
    /\b(Management Console|Billing|Support Center|AWS Marketplace|Organizations|Account Management)\b/i,
  locations: awsPlaces(host ?? new RegExp(`\\.${AWS_REGION}\\.amazonaws\\.com$`)),
  unknownScope: 'severe',
});

/** Global service: CloudFront listed in any region's event is CloudFront everywhere. */
export const AWS_CLOUDFRONT = aws(/^Amazon CloudFront$/i);
/** `bucket.s3.eu-west-3.amazonaws.com`, `bucket.s3-eu-west-1…`, `s3-website-us-east-1…`, dual-stack. */
export const AWS_S3 = aws(
  /^(Amazon Simple Storage Service|Amazon S3)$/i,
  new RegExp(`(?:^|\\.)s3[.-](?:dualstack\\.|website[.-]|accesspoint\\.)?${AWS_REGION}\\.amazonaws\\.com$`),
);
export const AWS_ELB = aws(
  /\b(Elastic Load Balancing|Elastic Load Balancer)\b/i,
  new RegExp(`\\.${AWS_REGION}\\.elb\\.amazonaws\\.com$`),
);
export const AWS_WAF = aws(/^AWS WAF\b/i);
export const AWS_COGNITO = aws(
  /^Amazon Cognito$/i,
  new RegExp(`\\.${AWS_REGION}\\.(?:amazonaws|amazoncognito)\\.com$`),
);
export const AWS_ROUTE53 = aws(/^Amazon Route 53$/i);
/** AWS hosting in general: every service counts, in the region the page's hosts name. */
export const AWS_ANY = aws(undefined);

// ── Google ────────────────────────────────────────────────────────────────────────────────────

/** CONFIRMED. */
export const GCP: FeedSource = { kind: 'gcp', url: 'https://status.cloud.google.com' };
/**
 * Google Maps Platform's own dashboard, same format: "the Cloud-wide incidents.json lists no Maps
 * products at all" (w6w-io app pack research, 2026-08; a Maps product history page is
 * status.cloud.google.com/maps-platform/products/i3CZYPyLB1zevsm2AV6M/history).
 */
export const GOOGLE_MAPS: FeedSource = { kind: 'gcp', url: 'https://status.cloud.google.com/maps-platform' };
/** Google Pay API status dashboard: website, Atom feed and `incidents.json` (developers.google.com/pay/api/status). */
export const GOOGLE_PAY: FeedSource = { kind: 'gcp', url: 'https://pay.google.com/status' };

/**
 * Google Cloud locations are stated by the feed ("us-central1", "global"); nothing on a page
 * says which region a Google Cloud backend runs in, so a regional incident "may affect" it.
 */
const GCP_PLACES: LocationScheme = { pops: false, global: /^global$/i };

const gcp = (products: RegExp | undefined, extra: Partial<StatusRelevance> = {}): StatusRelevance => ({
  ...(products ? { products } : {}),
  locations: GCP_PLACES,
  // ~200 products, many incidents for one product in one zone.
  unknownScope: 'severe',
  ...extra,
});

/**
 * Google's front end: Cloud CDN and Cloud Load Balancing for customers' sites; Google's own
 * hosts (gstatic, googleapis…) are Google's consumer infrastructure, on no public dashboard.
 */
export const GOOGLE_FRONT_END = gcp(/\b(Cloud CDN|Media CDN|Cloud Load Balancing|Cloud Armor)\b/i, {
  byHost: [
    {
      host: /(^|\.)(gstatic\.com|googleapis\.com|ggpht\.com|gvt1\.com|1e100\.net|googleusercontent\.com|google\.com)$/,
      products: null,
    },
  ],
});
/** "Cloud Storage for Firebase" is a different product (w6w-io gcs research). */
export const GOOGLE_CLOUD_STORAGE = gcp(/\bCloud Storage\b/i, { unrelated: /Cloud Storage for Firebase/i });
export const GOOGLE_CLOUD_DNS = gcp(/\bCloud DNS\b/i);
/**
 * reCAPTCHA is sold as a Google Cloud product (reCAPTCHA Enterprise, which the free keys now
 * migrate to); its exact title in products.json was not verified, hence the loose pattern.
 */
export const GOOGLE_RECAPTCHA = gcp(/\breCAPTCHA\b/i);
/** Google Cloud hosting in general: every product but the console and support. */
export const GOOGLE_CLOUD_ANY = gcp(undefined, {
  unrelated: /\b(Google Cloud Support|Google Cloud Console|Cloud Billing|Cloud Marketplace)\b/i,
});

// ── Microsoft Azure ───────────────────────────────────────────────────────────────────────────

/**
 * CONFIRMED (RSS only; only widespread incidents are posted). The feed lists current issues only
 * (an item stays while its issue is open: a 2024-07-20 item still listed on 2024-07-21), each
 * item's `<category>` elements naming the services and regions it concerns.
 */
export const AZURE: FeedSource = {
  kind: 'rss',
  url: 'https://azure.status.microsoft/en-us/status',
  api: 'https://rssfeed.azure.status.microsoft/en-us/status/feed/',
  listsCurrent: true,
};

/**
 * Azure regions among the categories ("West Europe", "East US 2"; "Public Non-Regional" means
 * everywhere). Nothing on a page says which region serves it.
 */
const AZURE_PLACES: LocationScheme = {
  pops: false,
  component:
    /^(?:(?:East|West|North|South|Central|North Central|South Central|West Central|Southeast|East Asia|Southeast Asia)\s+)?(?:US|Europe|Asia|India|Canada|Brazil|France|Germany|UK|Switzerland|Norway|Sweden|Poland|Italy|Spain|UAE|Qatar|Israel|South Africa|Australia|Japan|Korea|Mexico|New Zealand|Austria|Belgium|Chile|Denmark|Finland|Greece|Indonesia|Malaysia|Taiwan|US Gov(?:ernment)?)(?:\s+(?:East|West|North|South|Central|Southeast|Virginia|Arizona|Texas|Iowa))?(?:\s+\d)?$|^(?:Southeast Asia|East Asia|Public Non-Regional|Non-Regional|Global)$/i,
  global: /^(Public Non-Regional|Non-Regional|Global)$/i,
};

const azure = (products: RegExp | undefined): StatusRelevance => ({
  ...(products ? { products } : {}),
  // The management plane is off a visitor's path.
  unrelated: /\b(Microsoft Azure portal|Azure portal|Azure Resource Manager|Azure DevOps|Support|Billing)\b/i,
  locations: AZURE_PLACES,
  unknownScope: 'severe',
});

/** Front Door and Azure CDN; its outages are filed under "Network Infrastructure" and named in the title. */
export const AZURE_FRONT_DOOR = azure(
  /\b(Azure Front Door|Front Door|AFD|Content Delivery Network|Azure CDN)\b/i,
);
export const AZURE_STORAGE = azure(/\b(Storage|Blob)\b/i);
export const AZURE_DNS = azure(/\bAzure DNS\b|^DNS$/i);
export const AZURE_ENTRA = azure(
  /\b(Azure Active Directory|Microsoft Entra|Entra ID|Entra External ID|Azure AD B2C|Multi-Factor Authentication)\b/i,
);
export const AZURE_ANY = azure(undefined);

// ── Others ────────────────────────────────────────────────────────────────────────────────────

/** CONFIRMED. */
export const GITHUB = statuspage('https://www.githubstatus.com');
/** GitHub Pages is one component of GitHub's page; "Disruption with some GitHub services" is not it. */
export const GITHUB_PAGES: StatusRelevance = { products: /^(GitHub )?Pages$/i, unknownScope: 'severe' };
/** Files, avatars and API data loaded from GitHub: everything but the developer tools. */
export const GITHUB_CONTENT: StatusRelevance = {
  unrelated:
    /^(Pages|Actions|Packages|Codespaces|Copilot|Webhooks|Issues|Pull Requests|Projects|Visit www\.githubstatus\.com.*)$/i,
  unknownScope: 'severe',
};

/** CONFIRMED. */
export const VERCEL = statuspage('https://www.vercel-status.com');
const VERCEL_REGIONS = '(arn|bom|cdg|cle|cpt|dub|fra|gru|hkg|hnd|iad|icn|kix|lhr|pdx|sfo|sin|syd|yul)1';
/**
 * Vercel's regions are components ("IAD1 … degraded" on 2025-10-20, incident "Elevated errors in
 * iad1 region"), matched with the `fra1`-style code of `x-vercel-id` (region list: Vercel docs).
 * The builds, dashboard, API and domain registration are off a visitor's path.
 */
export const VERCEL_SITE: StatusRelevance = {
  unrelated:
    /\b(API|Dashboard|Builds?|Deployments?|Domain Registration|Cron Jobs|Log Drains|Logs|Observability|Speed Insights|Web Analytics|Marketplace|Integrations|Support|Billing|v0)\b/i,
  locations: {
    component: new RegExp(`^${VERCEL_REGIONS}\\b`, 'i'),
    title: new RegExp(`\\b${VERCEL_REGIONS}\\b`, 'i'),
  },
};
export const VERCEL_DNS: StatusRelevance = { products: /\bDNS\b/i };

/** CONFIRMED. */
export const NETLIFY = statuspage('https://www.netlifystatus.com');
export const NETLIFY_SITE: StatusRelevance = {
  unrelated:
    /\b(Builds?|Deploys?|API|Dashboard|Netlify App|Support|Billing|Analytics|Forms? notifications)\b/i,
};
export const NETLIFY_DNS: StatusRelevance = { products: /\bDNS\b/i };

/**
 * stts says Statuspage, others say incident.io; both serve the Statuspage-shaped /api/v2. Region
 * components look like "SIN - Singapore" (a Fly status script's pattern; UNCONFIRMED), matched
 * with the region suffix of `fly-request-id`.
 */
export const FLY = statuspage('https://status.flyio.net');
export const FLY_APP: StatusRelevance = {
  unrelated: /\b(Dashboard|API|flyctl|Builders?|Machines API|Billing|Support|Registry)\b/i,
  locations: { component: /^([A-Z]{3})\s+-\s+/, title: /\b([A-Z]{3})\s+-\s+[A-Z][a-z]/ },
};

/** StatusCast: `/api/v2` answers 403; the RSS feed is the machine-readable source. */
export const FASTLY: FeedSource = {
  kind: 'rss',
  url: 'https://www.fastlystatus.com',
  api: 'https://www.fastlystatus.com/rss/',
};
/**
 * POP incidents are titled by POP ("Ashburn (IAD)"), matched with `x-served-by`'s code; the
 * support portal, billing, log streaming and the control panel are off a visitor's path.
 */
export const FASTLY_DELIVERY: StatusRelevance = {
  locations: { title: /\(\s*([A-Z]{3})\s*\)/ },
  unrelatedTitles:
    /\b(log(ging| streaming| delivery)|support portal|chatbot|billing|invoic\w*|control panel|web interface|dashboard|account management)\b/i,
};

/** CONFIRMED. */
export const BUNNY = statuspage('https://status.bunny.net');
/** CONFIRMED. */
export const DIGITALOCEAN = statuspage('https://status.digitalocean.com');
/** CONFIRMED. */
export const SHOPIFY = statuspage('https://www.shopifystatus.com');
/** LIKELY (F5 Distributed Cloud). */
export const F5 = statuspage('https://www.f5cloudstatus.com');
/** Oracle Cloud: summary.json fails there, components.json answers (aggregate only). LIKELY. */
export const OCI: FeedSource = {
  kind: 'statuspage',
  url: 'https://ocistatus.oraclecloud.com',
  api: 'https://ocistatus.oraclecloud.com/api/v2/components.json',
};
/**
 * Stripe `/current`: the only machine-readable status Stripe ever published, frozen since
 * 2024-02-09 (its `time` and Last-Modified, verified 2026-10-05 by the w6w-io research; the page
 * is now script-rendered, with no `/api/v2`). Kept so that Faultline says "source stale since
 * 2024-02-09" rather than a permanent "operational" (status/freshness.ts).
 */
export const STRIPE: FeedSource = { kind: 'stripe', url: 'https://status.stripe.com' };
/** A checkout uses the API and Stripe.js / Checkout; webhooks and e-mails are the merchant's side. */
export const STRIPE_CHECKOUT: StatusRelevance = { products: /\b(api|stripe\.?js|checkout(\.?js)?)\b/i };
/** The systems of Heroku's status: a visitor reaches the Apps (and their Data), not the Tools. */
export const HEROKU_APP: StatusRelevance = { products: /^(Apps|Data)$/i };
