import type { FailureMode } from './failures.ts';

/**
 * The demo's stories, each one switch of the lab: status feeds and the sites' failure mode set
 * together (`POST /__lab/scenario/<id>`, GET too; `reset` puts everything back). The front page
 * has a button for each; `npm start` tells the Cloudflare one headless.
 */
export interface Scenario {
  readonly id: string;
  /** The button's words on the front page. */
  readonly label: string;
  readonly description: string;
  /** Feed id → state (status.ts); feeds not named go back to operational. */
  readonly status: Readonly<Record<string, string>>;
  readonly failures: FailureMode;
}

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'cloudflare_outage',
    label: 'Cloudflare outage',
    description:
      'Cloudflare’s status page goes critical (“Widespread 5xx errors”) and every Cloudflare site answers 500/502; Fastly, Akamai and CloudFront sites keep working.',
    status: { cloudflare: 'major_outage' },
    failures: 'cloudflare_incident',
  },
  {
    id: 'origin_down',
    label: 'A site’s own server down behind Cloudflare',
    description: 'Maple Shop answers Cloudflare’s 522: its own server is down, Cloudflare works.',
    status: {},
    failures: 'origin_522',
  },
  {
    id: 'fastly_pop',
    label: 'Fastly PoP incident',
    description: 'Fastly’s status page reports elevated errors at its London (LHR) PoP, The Daily Ledger’s.',
    status: { fastly: 'pop_incident' },
    failures: 'none',
  },
  {
    id: 'dns_down',
    label: 'DNS provider down',
    description:
      'Cloudflare’s status page reports its Authoritative DNS failing (Maple Shop’s DNS is at Cloudflare).',
    status: { cloudflare: 'dns_outage' },
    failures: 'none',
  },
  {
    id: 'offline',
    label: 'Your own connection down',
    description:
      'Nothing but this page answers: sites, status pages and DNS resolvers all close the connection.',
    status: {},
    failures: 'offline',
  },
];

export const SCENARIO_PATH = /^\/__lab\/scenario(?:\/([\w-]+))?\/?$/;
