import type { FeedKind } from '../../../catalog/types.ts';
import type { Level } from '../../model.ts';
import type { IgnoredReason, Relation } from '../../relevance.ts';

/**
 * The real-payload corpus: status bodies of real providers' feeds (captured by third parties,
 * trimmed or cut back to a moment of an incident), or reconstructed from published facts where
 * no capture of a big incident exists. Each says where it comes from and when, what is real and
 * what is assumed, and what a page using each product should see: the level, the incidents and
 * maintenances shown (and why), the ones ignored (and why). corpus.test.ts runs every reading
 * through `npm run status` (scripts/status.ts, in process), which reads exactly as the extension.
 *
 * Forms: `verbatim` (the body as served), `trimmed` (arrays shortened, every kept value real),
 * `time-slice` (cut back to a moment: later updates removed, states set to what they were then),
 * `reconstruction` (the real facts of a public incident in the feed's shape; assumed fields
 * named in `assumed`), `docs example` (a vendor's documented example response).
 */

export interface Reading {
  readonly provider: string;
  readonly pops?: readonly string[];
  readonly hosts?: readonly string[];
  /** For a provider the catalog does not hold (read as `--kind`, every component counting). */
  readonly kind?: FeedKind;
  readonly url?: string;
  /** Read at another time than the capture's. */
  readonly now?: string;
  readonly level: Level;
  readonly uncertain?: boolean;
  /** [title, relation] of the incidents shown, worst first. Absent: none. */
  readonly incidents?: readonly (readonly [string, Relation])[];
  readonly maintenances?: readonly (readonly [string, Relation])[];
  /** [title, reason] of the active events left out. Absent: none. */
  readonly ignored?: readonly (readonly [string, IgnoredReason])[];
  readonly rerouted?: readonly string[];
  readonly products?: readonly string[];
  /** The reason the status is unknown (then the lists above are empty). */
  readonly unknown?: string;
  /** What the status page means for such a page, in words. */
  readonly means: string;
}

export interface Capture {
  /** Under __fixtures__/. */
  readonly file: string;
  readonly source: string;
  /** When it was captured, or the moment it shows. */
  readonly date: string;
  readonly form: 'verbatim' | 'trimmed' | 'time-slice' | 'reconstruction' | 'docs example';
  readonly assumed?: string;
  /** The time it is read at (the capture's moment). */
  readonly now: string;
  readonly readings: readonly Reading[];
}

const CF_UPDATES =
  'status page updates as copied by two blogs (6896714781 blog "50%的互联网爆炸了", 13481869533)';

export const CORPUS: readonly Capture[] = [
  // ── Statuspage: Cloudflare ──────────────────────────────────────────────────────────────────
  {
    file: 'corpus/cloudflare/2026-02-28-components.json',
    source:
      'scotsie/cloudflare-status-api api_output.txt @69d5c7ab: the real /api/v2/components.json (243,210 chars), via shared/reference status-captures',
    date: '~2026-02-28 (page.updated_at 2026-02-28T16:19:52Z)',
    form: 'trimmed',
    assumed:
      'wrapped as a summary without `status` (the capture has none): 8 groups, 28 of ~360 datacenters, 34 of ~119 products',
    now: '2026-02-28T16:30:00Z',
    readings: [
      {
        provider: 'cloudflare',
        pops: ['CDG'],
        level: 'operational',
        means: 'every product is operational; Paris is not among the re-routed datacenters',
      },
      {
        provider: 'cloudflare',
        pops: ['CLT'],
        level: 'operational',
        rerouted: ['CLT'],
        means:
          'Charlotte is "partial_outage", which the page shows as re-routed: traffic served nearby, not an outage',
      },
      {
        provider: 'cloudflare',
        pops: ['LIS'],
        level: 'operational',
        rerouted: ['LIS'],
        means: 'Lisbon under maintenance is partially re-routed, information only',
      },
      {
        provider: 'cloudflare-pages',
        pops: ['BOG'],
        level: 'operational',
        rerouted: ['BOG'],
        means: 'one of the two Bogotá components is re-routed; products operational',
      },
    ],
  },
  {
    file: 'corpus/cloudflare/2025-11-18-global-network-1148.json',
    source: `incident 8gmgl950y3h7 "Cloudflare Global Network experiencing issues", first update 11:48 UTC; ${CF_UPDATES}`,
    date: '2025-11-18 11:48 UTC',
    form: 'reconstruction',
    assumed:
      'impact "major"; the three concurrent maintenances (Santiago, Tahiti, Atlanta, named by the first blog) written in Cloudflare\'s "IAD (Ashburn) on <date>" convention with assumed windows; the incident names no component yet',
    now: '2025-11-18T11:50:00Z',
    readings: [
      {
        provider: 'cloudflare',
        pops: ['CDG'],
        level: 'partial_outage',
        incidents: [['Cloudflare Global Network experiencing issues', 'product']],
        ignored: [
          ['SCL (Santiago) on 2025-11-18', 'other_places'],
          ['PPT (Tahiti) on 2025-11-18', 'other_places'],
          ['ATL (Atlanta) on 2025-11-18', 'other_places'],
        ],
        means:
          'the title names the global network before any component is tagged: a proxied site is affected',
      },
      {
        provider: 'cloudflare',
        pops: ['ATL'],
        level: 'partial_outage',
        incidents: [['Cloudflare Global Network experiencing issues', 'product']],
        maintenances: [['ATL (Atlanta) on 2025-11-18', 'pop']],
        ignored: [
          ['SCL (Santiago) on 2025-11-18', 'other_places'],
          ['PPT (Tahiti) on 2025-11-18', 'other_places'],
        ],
        means: 'a site served from Atlanta also sees its own datacenter’s maintenance, not the others',
      },
    ],
  },
  {
    file: 'corpus/cloudflare/2025-11-18-global-network-1313.json',
    source: `incident 8gmgl950y3h7 at 13:13 UTC with its real updates 11:48–13:13 and the products the incident page listed (Access, Bot Management, CDN/Cache, Dashboard, Firewall, Network, WARP, Workers); ${CF_UPDATES}`,
    date: '2025-11-18 13:13 UTC',
    form: 'reconstruction',
    assumed: 'impact "major" and the products\' partial_outage; maintenances as in the 11:48 file',
    now: '2025-11-18T13:30:00Z',
    readings: [
      {
        provider: 'cloudflare',
        pops: ['CDG'],
        level: 'partial_outage',
        incidents: [['Cloudflare Global Network experiencing issues', 'product']],
        ignored: [
          ['SCL (Santiago) on 2025-11-18', 'other_places'],
          ['PPT (Tahiti) on 2025-11-18', 'other_places'],
          ['ATL (Atlanta) on 2025-11-18', 'other_places'],
        ],
        means: 'CDN/Cache, Network, Firewall and Bot Management are on a proxied site’s path',
      },
      {
        provider: 'cloudflare-pages',
        pops: ['CDG'],
        level: 'partial_outage',
        incidents: [['Cloudflare Global Network experiencing issues', 'product']],
        ignored: [
          ['SCL (Santiago) on 2025-11-18', 'other_places'],
          ['PPT (Tahiti) on 2025-11-18', 'other_places'],
          ['ATL (Atlanta) on 2025-11-18', 'other_places'],
        ],
        means: 'Workers and the network carry Pages sites',
      },
      {
        provider: 'turnstile',
        level: 'partial_outage',
        incidents: [['Cloudflare Global Network experiencing issues', 'product']],
        ignored: [
          ['SCL (Santiago) on 2025-11-18', 'too_minor'],
          ['PPT (Tahiti) on 2025-11-18', 'too_minor'],
          ['ATL (Atlanta) on 2025-11-18', 'too_minor'],
        ],
        means:
          'Turnstile runs on the network named; a datacenter maintenance says nothing about a widget whose datacenter is unknown',
      },
    ],
  },
  {
    file: 'statuspage/cloudflare-tunnel.json',
    source:
      'ayoahha/ai-status test/fixtures/statuspage-cloudflare-replicate.json @790f444f (status-sources.md §6.2): incident k7l4hzmthl3k "Cloudflare Tunnel Availability Issues" and the IAD maintenance',
    date: '2026-09-11/12',
    form: 'trimmed',
    now: '2026-09-12T06:00:00Z',
    readings: [
      {
        provider: 'cloudflare',
        pops: ['CDG'],
        level: 'operational',
        ignored: [
          ['Cloudflare Tunnel Availability Issues', 'other_products'],
          ['IAD (Ashburn) on 2026-09-14', 'other_places'],
        ],
        means: 'a Tunnel incident does not touch a site behind the proxy; Ashburn’s maintenance is elsewhere',
      },
      {
        provider: 'cloudflare',
        pops: ['IAD'],
        level: 'operational',
        maintenances: [['IAD (Ashburn) on 2026-09-14', 'pop']],
        ignored: [['Cloudflare Tunnel Availability Issues', 'other_products']],
        means: 'a site served from Ashburn is told of the scheduled maintenance there',
      },
    ],
  },

  // ── Statuspage: Vercel ──────────────────────────────────────────────────────────────────────
  {
    file: 'corpus/vercel/2025-10-20-iad1.json',
    source:
      'Vercel status on 2025-10-20 as two users logged it: API, Dashboard, Builds, Domain Registration major outage; IAD1 (Washington DC), Edge Config, Cron Jobs degraded; incident "Elevated errors in iad1 region" 07:33, identified 08:03 ("CDN traffic re-routed from iad1 to healthy region; Builds re-routed")',
    date: '2025-10-20 08:03 UTC',
    form: 'reconstruction',
    assumed:
      'ids, impact "major", the summary\'s page fields; "Edge Network" and "FRA1 (Frankfurt)" added operational',
    now: '2025-10-20T08:10:00Z',
    readings: [
      {
        provider: 'vercel',
        pops: ['FRA'],
        level: 'degraded',
        products: ['Edge Config'],
        ignored: [['Elevated errors in iad1 region', 'other_places']],
        means:
          'a site served from fra1 does not see iad1’s errors or the builds/API/dashboard outage; Edge Config (read at request time) is degraded everywhere',
      },
      {
        provider: 'vercel',
        pops: ['IAD'],
        level: 'partial_outage',
        incidents: [['Elevated errors in iad1 region', 'pop']],
        rerouted: ['IAD'],
        products: ['Edge Config'],
        means: 'a site served from iad1 is in the failing region',
      },
    ],
  },

  // ── AWS ─────────────────────────────────────────────────────────────────────────────────────
  {
    file: 'corpus/aws/2026-07-02-middle-east.utf16be.bin',
    source:
      'cyanheads/devops-status-mcp-server tests/…/aws-currentevents.utf16be.bin @9992be9a: raw bytes of health.aws.amazon.com/public/currentevents (226,388 bytes, BOM FE FF), via shared/reference status-captures; stored UTF-16BE as served',
    date: '~2026-07-02 (events open since 2026-03-01/02)',
    form: 'trimmed',
    assumed: '9 of 140/149 impacted services, 4 of 23/13 log entries',
    now: '2026-07-02T12:00:00Z',
    readings: [
      {
        provider: 'cloudfront',
        pops: ['CDG'],
        level: 'operational',
        ignored: [
          ['Increased Error Rates', 'other_products'],
          ['Increased Error Rates', 'other_products'],
        ],
        means:
          'CloudFront, a global service, is listed with current 0: back to normal while the regional events go on',
      },
      {
        provider: 's3',
        hosts: ['media.s3.me-central-1.amazonaws.com'],
        level: 'major_outage',
        incidents: [['Increased Error Rates', 'pop']],
        ignored: [['Increased Error Rates', 'other_places']],
        products: ['Amazon Simple Storage Service'],
        means: 'a bucket in me-central-1 is in the disrupted region; Bahrain’s event is another region',
      },
      {
        provider: 's3',
        hosts: ['media.s3.eu-west-3.amazonaws.com'],
        level: 'operational',
        ignored: [
          ['Increased Error Rates', 'other_places'],
          ['Increased Error Rates', 'other_places'],
        ],
        means: 'a bucket in Paris is not in either region',
      },
      {
        provider: 's3',
        hosts: ['media.s3.amazonaws.com'],
        level: 'major_outage',
        uncertain: true,
        incidents: [
          ['Increased Error Rates', 'may_affect'],
          ['Increased Error Rates', 'may_affect'],
        ],
        means: 'the bucket’s region is unknown: two regions’ S3 disruptions may affect it',
      },
      {
        provider: 'route53',
        level: 'operational',
        ignored: [
          ['Increased Error Rates', 'other_products'],
          ['Increased Error Rates', 'other_products'],
        ],
        means: 'Route 53 (global) is listed with current 0',
      },
    ],
  },
  {
    file: 'corpus/aws/2025-10-20-us-east-1.utf16be.bin',
    source:
      'AWS Health event arn:aws:health:us-east-1::event/MULTIPLE_SERVICES/…_BA540_514A652BE1A (service multipleservices-us-east-1, first post 1760948801 = 2025-10-20 08:26 UTC); message texts as AWS published them (aws.amazon.com/message/101925 and press copies); CloudFront and IAM among the impacted services',
    date: '2025-10-20 ~09:00 UTC',
    form: 'reconstruction',
    assumed:
      "the impacted services' `current` values and timestamps of the 2nd and 3rd posts; the list of services cut to 9 of 142",
    now: '2025-10-20T09:00:00Z',
    readings: [
      {
        provider: 'cloudfront',
        pops: ['CDG'],
        level: 'degraded',
        incidents: [['Increased Error Rates and Latencies', 'product']],
        products: ['Amazon CloudFront'],
        means:
          'CloudFront is global: listed in the us-east-1 event, it concerns a distribution served from Paris, at CloudFront’s own level',
      },
      {
        provider: 's3',
        hosts: ['assets.s3.us-east-1.amazonaws.com'],
        level: 'degraded',
        incidents: [['Increased Error Rates and Latencies', 'pop']],
        products: ['Amazon Simple Storage Service'],
        means: 'a bucket in us-east-1 is in the affected region',
      },
      {
        provider: 's3',
        hosts: ['assets.s3.eu-west-3.amazonaws.com'],
        level: 'operational',
        ignored: [['Increased Error Rates and Latencies', 'other_places']],
        means: 'a bucket in Paris is not',
      },
      {
        provider: 'aws-elb',
        hosts: ['my-lb-1234.us-east-1.elb.amazonaws.com'],
        level: 'major_outage',
        incidents: [['Increased Error Rates and Latencies', 'pop']],
        products: ['Elastic Load Balancing'],
        means: 'a load balancer in us-east-1 is disrupted',
      },
    ],
  },

  // ── Azure (RSS, current issues only) ───────────────────────────────────────────────────────
  {
    file: 'corpus/azure/2025-10-29-front-door.xml',
    source:
      'web.archive.org/web/20251029175916id_/https://rssfeed.azure.status.microsoft/en-us/status/feed/ (via cyanheads/devops-status-mcp-server azure-feed-20251029.xml, shared/reference)',
    date: '2025-10-29 17:59 UTC, global Azure Front Door outage',
    form: 'trimmed',
    assumed: '12 of 42 <category>',
    now: '2025-10-29T17:59:00Z',
    readings: [
      {
        provider: 'azure-fd',
        level: 'partial_outage',
        incidents: [['Azure Front Door - Connectivity issues', 'product']],
        means:
          'Front Door is down for everyone: its title names it, the categories say Network Infrastructure and "Public Non-Regional"',
      },
      {
        provider: 'azure-blob',
        level: 'operational',
        ignored: [['Azure Front Door - Connectivity issues', 'other_products']],
        means: 'storage accessed directly is not named',
      },
      {
        provider: 'azure',
        level: 'partial_outage',
        incidents: [['Azure Front Door - Connectivity issues', 'product']],
        means: 'Azure hosting in general: the network infrastructure is named, everywhere',
      },
    ],
  },
  {
    file: 'corpus/azure/2022-09-07-front-door.xml',
    source:
      'web.archive.org/web/20220907194758id_/https://azurestatuscdn.azureedge.net/en-us/status/feed/ (via cyanheads/devops-status-mcp-server, shared/reference)',
    date: '2022-09-07 19:47 UTC',
    form: 'trimmed',
    assumed: '15 of 35 <category>',
    now: '2022-09-07T19:47:00Z',
    readings: [
      {
        provider: 'azure-fd',
        level: 'partial_outage',
        incidents: [['Azure Front Door - Connectivity issues', 'product']],
        means: 'Content Delivery Network is a category, Front Door the title',
      },
      {
        provider: 'azure-blob',
        level: 'operational',
        ignored: [['Azure Front Door - Connectivity issues', 'other_products']],
        means: 'storage is not named (the portal is the management plane)',
      },
    ],
  },
  {
    file: 'corpus/azure/2024-07-21-crowdstrike.xml',
    source:
      'web.archive.org/web/20240721181144id_/https://azure.status.microsoft/en-us/status/feed/ (via cyanheads/devops-status-mcp-server, shared/reference)',
    date: '2024-07-21 18:11 UTC (item posted 2024-07-20 12:59)',
    form: 'verbatim',
    now: '2024-07-21T18:11:00Z',
    readings: [
      {
        provider: 'azure-fd',
        level: 'operational',
        ignored: [['CrowdStrike Falcon agent guidance', 'too_minor']],
        means:
          'still listed 29 h after it was posted, so still current; guidance for customers’ own Windows VMs, not a Front Door outage',
      },
      {
        provider: 'azure',
        level: 'operational',
        ignored: [['CrowdStrike Falcon agent guidance', 'too_minor']],
        means: 'information, naming no service or region',
      },
    ],
  },
  {
    file: 'corpus/azure/2026-07-23-west-us.xml',
    source:
      'web.archive.org/web/20260723164925id_/https://rssfeed.azure.status.microsoft/en-us/status/feed/ (via cyanheads/devops-status-mcp-server, shared/reference)',
    date: '2026-07-23 16:49 UTC',
    form: 'verbatim',
    now: '2026-07-23T16:49:00Z',
    readings: [
      {
        provider: 'azure-fd',
        level: 'operational',
        ignored: [['Issues connecting to resources in West US', 'other_products']],
        means: 'regional networking services in West US, not Front Door',
      },
      {
        provider: 'azure',
        level: 'partial_outage',
        uncertain: true,
        incidents: [['Issues connecting to resources in West US', 'may_affect']],
        means: 'connectivity failures in West US may affect an Azure-hosted page whose region is unknown',
      },
    ],
  },
  {
    file: 'corpus/azure/2026-09-25-empty.xml',
    source:
      'cyanheads/devops-status-mcp-server azure-feed-empty.xml (live feed, 577 bytes), via shared/reference',
    date: '2026-09-25 04:28 UTC',
    form: 'verbatim',
    now: '2026-09-25T04:30:00Z',
    readings: [
      { provider: 'azure-fd', level: 'operational', means: 'nothing listed: nothing is going on' },
      {
        provider: 'azure-fd',
        now: '2026-09-27T04:30:00Z',
        level: 'unknown',
        unknown: 'stale',
        means: 'the same feed two days later has not been rebuilt: its silence proves nothing',
      },
    ],
  },

  // ── Google Cloud ────────────────────────────────────────────────────────────────────────────
  {
    file: 'corpus/gcp/2022-05-06-persistent-disk.json',
    source:
      'moritalous/cloud-status-history app/public/incidents.json @e6725cd3 (full real feed), incident 4Qvmd4q81VnA9RirCMqV + 2 ended ones, via shared/reference',
    date: '2022-05-06 14:30 UTC',
    form: 'time-slice',
    now: '2022-05-06T14:30:00Z',
    readings: [
      {
        provider: 'google',
        hosts: ['fonts.gstatic.com', 'fonts.googleapis.com'],
        level: 'operational',
        ignored: [
          [
            'We are experiencing an issue with Persistent Disk affecting multiple services in us-central1-b',
            'other_products',
          ],
        ],
        means:
          'a fonts-only page uses Google’s own front end, on no Cloud product: a zonal disk outage does not turn it red',
      },
      {
        provider: 'gcs',
        level: 'operational',
        ignored: [
          [
            'We are experiencing an issue with Persistent Disk affecting multiple services in us-central1-b',
            'other_products',
          ],
        ],
        means: 'Cloud Storage is not among the 14 products',
      },
      {
        provider: 'recaptcha',
        level: 'operational',
        ignored: [
          [
            'We are experiencing an issue with Persistent Disk affecting multiple services in us-central1-b',
            'other_products',
          ],
        ],
        means: 'reCAPTCHA is not named',
      },
      {
        provider: 'google',
        hosts: ['shop.example.com'],
        level: 'major_outage',
        uncertain: true,
        incidents: [
          [
            'We are experiencing an issue with Persistent Disk affecting multiple services in us-central1-b',
            'may_affect',
          ],
        ],
        means: 'a site behind Cloud Load Balancing, region unknown, may be behind the failing zone',
      },
    ],
  },
  {
    file: 'corpus/gcp/2025-06-12-service-control.json',
    source:
      'status.cloud.google.com/incidents/ow5i3PPK96RduMcb1SsW "Multiple GCP products are experiencing Service issues"; the 20:16 UTC update text as quoted by Engadget; products from Google’s and third-party summaries (IAM, BigQuery, Cloud Storage, GKE, Vertex AI…)',
    date: '2025-06-12 20:16 UTC',
    form: 'reconstruction',
    assumed: 'product ids, begin/created times, severity, the product list cut to 7',
    now: '2025-06-12T20:20:00Z',
    readings: [
      {
        provider: 'gcs',
        level: 'major_outage',
        uncertain: true,
        incidents: [['Multiple GCP products are experiencing Service issues', 'may_affect']],
        means:
          'Cloud Storage is named; still failing in us-central1 and multi-region us, which may be the bucket’s',
      },
      {
        provider: 'google',
        hosts: ['fonts.gstatic.com'],
        level: 'operational',
        ignored: [['Multiple GCP products are experiencing Service issues', 'other_products']],
        means: 'Google’s own hosts are not Google Cloud products',
      },
    ],
  },
  {
    file: 'corpus/gcp/2022-07-03-quiet.json',
    source:
      'moritalous/cloud-status-history incidents.json @e6725cd3, 5 newest of 157 incidents, via shared/reference',
    date: '2022-07-03',
    form: 'trimmed',
    now: '2022-07-03T12:00:00Z',
    readings: [{ provider: 'gcp', level: 'operational', means: 'every incident has ended' }],
  },
  {
    file: 'corpus/gcp/2026-07-30-quiet.json',
    source:
      'cyanheads/devops-status-mcp-server tests/…/gcp-incidents.json @0e544fa6 (live, 4 incidents, all ended), via shared/reference',
    date: '2026-07-30',
    form: 'trimmed',
    now: '2026-07-30T12:00:00Z',
    readings: [{ provider: 'gcs', level: 'operational', means: 'every incident has ended' }],
  },

  // ── Stripe ──────────────────────────────────────────────────────────────────────────────────
  {
    file: 'corpus/stripe/2024-02-09-current-frozen.json',
    source:
      'status.stripe.com/current as served in 2026 (w6w-io app pack research, "verified 2026-10-05"; Last-Modified Fri, 09 Feb 2024 18:08:57 GMT)',
    date: 'frozen since 2024-02-09, read 2026-10-05',
    form: 'verbatim',
    now: '2026-10-05T12:00:00Z',
    readings: [
      {
        provider: 'stripe',
        level: 'unknown',
        unknown: 'stale',
        means: 'a file unchanged for 20 months says nothing about Stripe today: unknown, never "operational"',
      },
      {
        provider: 'stripe',
        now: '2024-02-10T12:00:00Z',
        level: 'operational',
        means: 'the day after it was written it was a live "All services are online"',
      },
    ],
  },

  // ── Status.io ───────────────────────────────────────────────────────────────────────────────
  {
    file: 'corpus/statusio/2026-07-01-gitlab.json',
    source:
      'cyanheads/devops-status-mcp-server …/statusio-gitlab.json @9992be9a (live api.status.io/1.0/status/5b36dc6502d06804c08349f7), via shared/reference',
    date: '2026-07-01 14:04 UTC',
    form: 'trimmed',
    now: '2026-07-01T14:10:00Z',
    readings: [{ provider: 'gitlab-pages', level: 'operational', means: 'every component operational' }],
  },
  {
    file: 'corpus/statusio/2026-05-03-nintex.json',
    source:
      'imrnmzri/nintex-statuses data/nintex-uptime.json @32dfa66d (real status_overall and components), via shared/reference',
    date: '2026-05-03 (status updated 2026-04-29)',
    form: 'trimmed',
    assumed: 'wrapped into {result:{…}} with empty incident lists',
    now: '2026-05-03T12:00:00Z',
    readings: [
      {
        provider: 'nintex',
        kind: 'statusio',
        level: 'operational',
        means: 'a page the catalog does not know reads with every component counting',
      },
    ],
  },

  // ── Instatus ────────────────────────────────────────────────────────────────────────────────
  {
    file: 'corpus/instatus/2026-08-03-manychat.json',
    source:
      'status.manychat.com/summary.json on 2026-08-03 as quoted by the w6w-io app pack research ("page.status said UP while an incident was open and identified")',
    date: '2026-08-03',
    form: 'trimmed',
    assumed: 'the incident’s name is elided ("…") in the source; no id, url or dates were quoted',
    now: '2026-08-03T12:00:00Z',
    readings: [
      {
        provider: 'manychat',
        kind: 'instatus',
        url: 'https://status.manychat.com',
        level: 'degraded',
        uncertain: true,
        incidents: [['Delays and failures in Follow to DM … on Instagram', 'may_affect']],
        means: 'the page flag says UP but an identified degraded incident is open: the incident wins',
      },
    ],
  },
  {
    file: 'instatus/perplexity-summary.json',
    source: 'ayoahha/ai-status test/fixtures/instatus-perplexity-summary.json (status-sources.md §4.7)',
    date: '2026-09',
    form: 'verbatim',
    now: '2026-09-12T06:00:00Z',
    readings: [
      { provider: 'perplexity', kind: 'instatus', level: 'operational', means: 'UP, no events listed' },
    ],
  },

  // ── incident.io ─────────────────────────────────────────────────────────────────────────────
  {
    file: 'corpus/incidentio/2026-01-26-docs-example.json',
    source:
      'incident.io widget API example response (docs.incident.io), as reproduced in FitNudge’s status docs',
    date: '2026-01-26',
    form: 'docs example',
    now: '2026-01-26T02:20:00Z',
    readings: [
      {
        provider: 'intercom',
        level: 'partial_outage',
        incidents: [['Login failing for some users', 'product']],
        maintenances: [['Database upgrade', 'may_affect']],
        products: ['Login'],
        means: 'every component counts for Intercom’s widget: Login is down, a maintenance is running',
      },
    ],
  },

  // ── Fastly (StatusCast RSS) ─────────────────────────────────────────────────────────────────
  {
    file: 'corpus/fastly/2026-09-02-statuscast.xml',
    source:
      'fastlystatus.com on 2026-09-02 as captured in another project’s test (incident 378791 "Update to waitlist disconnect response codes", informational, in progress, 02 Sep 2026 17:05 UTC; 378771 "Fastly Support Portal and AI chatbot", scheduled maintenance 10 Sep 2026); StatusCast RSS shape from a real StatusCast feed (Marigold, 2026-09-06)',
    date: '2026-09-02 17:05 UTC',
    form: 'reconstruction',
    assumed: 'the posts’ text, guid post numbers and pubDate of the maintenance notice',
    now: '2026-09-02T17:30:00Z',
    readings: [
      {
        provider: 'fastly',
        pops: ['CDG'],
        level: 'operational',
        incidents: [['Update to waitlist disconnect response codes', 'may_affect']],
        ignored: [['Fastly Support Portal and AI chatbot', 'unrelated_title']],
        means:
          'an informational notice is shown without raising the level; the support portal is off a visitor’s path',
      },
    ],
  },
];
