/**
 * Provider id → live-status source. Ids are the catalog's (shared/reference/fingerprints.md);
 * sources come from shared/reference/status-sources.md §2 (tags CONFIRMED / LIKELY there) and
 * its stts page-id list. Products served by a bigger provider's network use that provider's
 * feed (Cloudflare R2 → Cloudflare, S3 → AWS…). `url` is the human page; `api` overrides the
 * machine-readable endpoint where it is not derived from `url` (see feeds.ts `endpointsOf`).
 *
 * Left out on purpose (sources disagree, and a stale page would report a false "operational"):
 * Auth0 (stts: Statuspage 8q60stg1rk7l; a Sept 2026 probe: HTML only), Platform.sh (same
 * conflict), Docker (Statuspage vs Status.io). Zendesk has a documented JSON:API status API
 * but no parser kind yet (feeds.ts has no `zendesk` kind).
 */
import type { FeedSource } from '../catalog/types.ts';

const statuspage = (url: string): FeedSource => ({ kind: 'statuspage', url });

/** Shared sources, for providers that are products of the same company/network. */
const CLOUDFLARE = statuspage('https://www.cloudflarestatus.com'); // CONFIRMED, page yh6f0r4529hb
const AKAMAI = statuspage('https://www.akamaistatus.com'); // LIKELY (clients poll its /api/v2)
const AWS: FeedSource = { kind: 'aws', url: 'https://health.aws.amazon.com/health/status' }; // CONFIRMED
const GCP: FeedSource = { kind: 'gcp', url: 'https://status.cloud.google.com' }; // CONFIRMED
const AZURE: FeedSource = {
  kind: 'rss',
  url: 'https://azure.status.microsoft/en-us/status',
  api: 'https://rssfeed.azure.status.microsoft/en-us/status/feed/',
}; // CONFIRMED (RSS only; only widespread incidents are posted)
const GITHUB = statuspage('https://www.githubstatus.com'); // CONFIRMED
const VERCEL = statuspage('https://www.vercel-status.com'); // CONFIRMED
const NETLIFY = statuspage('https://www.netlifystatus.com'); // CONFIRMED
const BUNNY = statuspage('https://status.bunny.net'); // CONFIRMED
const DIGITALOCEAN = statuspage('https://status.digitalocean.com'); // CONFIRMED
const SHOPIFY = statuspage('https://www.shopifystatus.com'); // CONFIRMED
const F5 = statuspage('https://www.f5cloudstatus.com'); // LIKELY (F5 Distributed Cloud)
/** Oracle Cloud: summary.json fails there, components.json answers (aggregate only). LIKELY. */
const OCI: FeedSource = {
  kind: 'statuspage',
  url: 'https://ocistatus.oraclecloud.com',
  api: 'https://ocistatus.oraclecloud.com/api/v2/components.json',
};

export const STATUS_SOURCES: Readonly<Record<string, FeedSource>> = {
  // CDN / edge
  cloudflare: CLOUDFLARE,
  'cloudflare-pages': CLOUDFLARE,
  'cloudflare-bot': CLOUDFLARE,
  r2: CLOUDFLARE,
  turnstile: CLOUDFLARE,
  'cf-web-analytics': CLOUDFLARE,
  /** cdnjs is served from cdnjs.cloudflare.com; its own page's URL is not known. */
  cdnjs: CLOUDFLARE,
  akamai: AKAMAI,
  'akamai-bot': AKAMAI,
  'akamai-edgedns': statuspage('https://edgedns.status.akamai.com'), // LIKELY
  /** Fastly: StatusCast, `/api/v2` answers 403; the RSS feed is the machine-readable source. */
  fastly: { kind: 'rss', url: 'https://www.fastlystatus.com', api: 'https://www.fastlystatus.com/rss/' },
  cloudfront: AWS,
  'azure-fd': AZURE,
  google: GCP,
  bunny: BUNNY,
  'bunny-storage': BUNNY,
  'bunny-dns': BUNNY,
  imgix: statuspage('https://status.imgix.com'), // stts 032k0f0j3bsz
  cloudinary: statuspage('https://status.cloudinary.com'), // stts d8rszhl2bj7r

  // Security
  imperva: statuspage('https://status.imperva.com'), // LIKELY
  sucuri: statuspage('https://status.sucuri.net'), // LIKELY
  f5: F5,
  'f5-dns': F5,
  'aws-waf': AWS,
  'aws-waf-captcha': AWS,

  // Hosting / PaaS / clouds
  vercel: VERCEL,
  'vercel-dns': VERCEL,
  netlify: NETLIFY,
  'netlify-dns': NETLIFY,
  'github-pages': GITHUB,
  github: GITHUB,
  /** stts says Statuspage, others say incident.io; both serve the Statuspage-shaped /api/v2. */
  fly: statuspage('https://status.flyio.net'),
  render: statuspage('https://status.render.com'), // LIKELY
  heroku: { kind: 'heroku', url: 'https://status.heroku.com' }, // LIKELY
  railway: { kind: 'instatus', url: 'https://status.railway.app' }, // stts
  shopify: SHOPIFY,
  'shop-pay': SHOPIFY,
  squarespace: statuspage('https://status.squarespace.com'), // stts 1jkhm1drpysj
  pantheon: statuspage('https://status.pantheon.io'), // stts 80f0zgsx80zh
  acquia: statuspage('https://status.acquia.com'), // stts c3bdbqpxhzcc
  statuspage: statuspage('https://metastatuspage.com'), // CONFIRMED, page y2j98763l56x
  'gitlab-pages': {
    kind: 'statusio',
    url: 'https://status.gitlab.com',
    api: 'https://api.status.io/1.0/status/5b36dc6502d06804c08349f7',
  },
  aws: AWS,
  'aws-elb': AWS,
  s3: AWS,
  route53: AWS,
  cognito: AWS,
  gcp: GCP,
  gcs: GCP,
  'google-cloud-dns': GCP,
  azure: AZURE,
  'azure-blob': AZURE,
  'azure-dns': AZURE,
  'azure-b2c': AZURE,
  'oracle-cloud': OCI,
  'oracle-dns': OCI,
  digitalocean: DIGITALOCEAN,
  'do-spaces': DIGITALOCEAN,
  linode: statuspage('https://status.linode.com'), // CONFIRMED
  wasabi: statuspage('https://status.wasabi.com'), // stts 2r1tdgqr8ld5
  dnsimple: statuspage('https://dnsimple.statuspage.io'), // stts tjym90yyv2zt
  gandi: statuspage('https://status.gandi.net'), // stts xnm08yh10bv5

  // Third-party services
  'google-fonts': GCP,
  recaptcha: GCP,
  /** Firebase has its own dashboard in the Google Cloud format (status-sources §4.2). */
  firebase: { kind: 'gcp', url: 'https://status.firebase.google.com' },
  stripe: { kind: 'stripe', url: 'https://status.stripe.com' }, // CONFIRMED shape, undocumented
  paypal: { kind: 'paypal', url: 'https://www.paypal-status.com' }, // CONFIRMED
  sentry: statuspage('https://status.sentry.io'), // CONFIRMED
  datadog: statuspage('https://status.datadoghq.com'), // CONFIRMED (US1)
  segment: statuspage('https://status.segment.com'), // CONFIRMED
  intercom: { kind: 'incidentio', url: 'https://www.intercomstatus.com' }, // CONFIRMED incident.io (US)
};

/**
 * Providers known to have no public machine-readable status (HTML only, blocked, or a dead
 * page), per status-sources.md §2 and §4. Listed in the README.
 */
export const NO_STATUS_PAGE: readonly string[] = [
  'okta', // Salesforce-hosted HTML; /api/v2 → 401
  'adyen', // custom page, scraped with a headless browser by others
  'stackpath', // status host NXDOMAIN (Sept 2026)
  'edgio', // status.edg.io failing
  'edgecast', // folded into Edgio
  'limelight', // folded into Edgio
  'dyn', // status.dyn.com dead
  'keycdn', // no JSON found
  'jsdelivr', // no JSON found
  'ns1', // no JSON found
  'hetzner', // no JSON found
];
