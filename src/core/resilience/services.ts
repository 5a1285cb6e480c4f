import type { ServiceKind } from '../catalog/types.ts';

/**
 * Data only: what a third-party provider does for the page, and which company runs it. The
 * impact and single-point-of-failure rules read these tables; they never name a provider.
 * Ids are the catalog ids of fingerprints.md (sections 2–7); ids the catalog does not hold yet
 * are harmless.
 */

/** Functions a page cannot perform without the provider, even though the page itself loads. */
export type GateFunction = 'payments' | 'auth' | 'captcha';

/** Every function the impact rules tell apart. */
export type ServiceFunction = GateFunction | 'bot-management' | 'script-cdn' | 'fonts' | 'addon' | 'embed';

export const GATE_FUNCTIONS: readonly GateFunction[] = ['payments', 'auth', 'captcha'];

export const FUNCTION_IDS: Readonly<Record<ServiceFunction, readonly string[]>> = {
  payments: [
    'stripe',
    'paypal',
    'braintree',
    'adyen',
    'square',
    'klarna',
    'google-pay',
    'amazon-pay',
    'shop-pay',
    'apple-pay',
    'mollie',
    'checkout-com',
    'afterpay',
    'affirm',
  ],
  captcha: [
    'recaptcha',
    'hcaptcha',
    'turnstile',
    'arkose',
    'geetest',
    'mtcaptcha',
    'aws-waf-captcha',
    'friendly-captcha',
  ],
  auth: [
    'auth0',
    'okta',
    'google-signin',
    'apple-signin',
    'azure-b2c',
    'cognito',
    'firebase',
    'clerk',
    'microsoft-signin',
    'facebook-login',
  ],
  'bot-management': [
    'datadome-js',
    'datadome',
    'px-js',
    'cloudflare-bot',
    'akamai-bot',
    'aws-waf',
    'kasada',
    'shape-security',
  ],
  'script-cdn': [
    'cdnjs',
    'jsdelivr',
    'unpkg',
    'google-hosted-libs',
    'jquery-cdn',
    'bootstrapcdn',
    'ms-ajax-cdn',
    'statically',
    'esm-sh',
    'skypack',
  ],
  fonts: ['google-fonts', 'adobe-fonts', 'fontawesome', 'bunny-fonts'],
  /** Add-ons the page works without: analytics, tags, monitoring, consent, support widgets. */
  addon: [
    'gtm',
    'segment',
    'sentry',
    'datadog',
    'cf-web-analytics',
    'google-analytics',
    'onetrust',
    'cookiebot',
    'intercom',
    'zendesk',
    'hotjar',
    'new-relic',
  ],
  /** Embedded content: a map or a video is missing, the rest of the page works. */
  embed: ['google-maps', 'youtube', 'vimeo', 'mapbox'],
};

/** Catalog `serviceKind` → function, for catalog entries the id lists above do not name. */
const KIND_FUNCTION: Readonly<Partial<Record<ServiceKind, ServiceFunction>>> = {
  payments: 'payments',
  auth: 'auth',
  captcha: 'captcha',
  'bot-management': 'bot-management',
  'script-cdn': 'script-cdn',
  fonts: 'fonts',
  monitoring: 'addon',
  analytics: 'addon',
  tags: 'addon',
  consent: 'addon',
  support: 'addon',
  maps: 'embed',
  video: 'embed',
};

const BY_ID: ReadonlyMap<string, ServiceFunction> = new Map(
  (Object.entries(FUNCTION_IDS) as [ServiceFunction, readonly string[]][]).flatMap(([fn, ids]) =>
    ids.map((id) => [id, fn] as const),
  ),
);

/** What the provider does for the page: the id lists first, then the catalog's `serviceKind`. */
export function serviceFunction(id: string, serviceKind?: ServiceKind): ServiceFunction | undefined {
  return BY_ID.get(id) ?? (serviceKind ? KIND_FUNCTION[serviceKind] : undefined);
}

export function isGate(fn: ServiceFunction | undefined): fn is GateFunction {
  return fn === 'payments' || fn === 'auth' || fn === 'captcha';
}

export interface Company {
  readonly id: string;
  readonly name: string;
}

/** Companies that run several of the providers a page may stand on. */
const COMPANIES: Readonly<Record<string, { readonly name: string; readonly ids: readonly string[] }>> = {
  cloudflare: {
    name: 'Cloudflare',
    ids: [
      'cloudflare',
      'cloudflare-dns',
      'cloudflare-bot',
      'cdnjs',
      'turnstile',
      'cf-web-analytics',
      'r2',
      'cloudflare-pages',
      'cloudflare-workers',
      'cloudflare-r2',
    ],
  },
  amazon: {
    name: 'Amazon',
    ids: [
      'cloudfront',
      's3',
      'aws',
      'route53',
      'aws-waf',
      'aws-waf-captcha',
      'aws-elb',
      'aws-alb',
      'cognito',
      'amplify',
      'amazon-pay',
      'aws-api-gateway',
      'aws-lambda',
    ],
  },
  google: {
    name: 'Google',
    ids: [
      'google',
      'gcp',
      'gcs',
      'google-cloud-storage',
      'google-fonts',
      'recaptcha',
      'google-cloud-dns',
      'firebase',
      'gtm',
      'google-analytics',
      'google-maps',
      'youtube',
      'google-hosted-libs',
      'google-signin',
      'google-pay',
      'app-engine',
      'cloud-run',
    ],
  },
  microsoft: {
    name: 'Microsoft',
    ids: [
      'azure',
      'azure-fd',
      'azure-cdn',
      'azure-blob',
      'azure-dns',
      'azure-b2c',
      'azure-app-service',
      'azure-static-web-apps',
      'ms-ajax-cdn',
      'microsoft-signin',
      'github',
      'github-pages',
    ],
  },
  akamai: { name: 'Akamai', ids: ['akamai', 'akamai-edgedns', 'akamai-bot', 'linode'] },
  fastly: { name: 'Fastly', ids: ['fastly'] },
  oracle: { name: 'Oracle', ids: ['oracle-dns', 'dyn', 'oracle-cloud'] },
  alibaba: { name: 'Alibaba', ids: ['alibaba-cdn', 'alidns', 'alibaba-oss'] },
  tencent: { name: 'Tencent', ids: ['tencent-cdn', 'dnspod', 'tencent-cos'] },
  paypal: { name: 'PayPal', ids: ['paypal', 'braintree'] },
  okta: { name: 'Okta', ids: ['okta', 'auth0'] },
  shopify: { name: 'Shopify', ids: ['shopify', 'shop-pay'] },
  vercel: { name: 'Vercel', ids: ['vercel', 'vercel-dns'] },
  netlify: { name: 'Netlify', ids: ['netlify', 'netlify-dns'] },
  bunny: { name: 'Bunny', ids: ['bunny', 'bunny-dns', 'bunny-fonts', 'bunny-storage'] },
  digitalocean: { name: 'DigitalOcean', ids: ['digitalocean', 'do-spaces', 'digitalocean-spaces'] },
  hetzner: { name: 'Hetzner', ids: ['hetzner'] },
  ovh: { name: 'OVHcloud', ids: ['ovh', 'ovhcloud', 'ovh-cdn'] },
  huawei: { name: 'Huawei', ids: ['huawei-cdn', 'huawei-obs'] },
  automattic: { name: 'Automattic', ids: ['wordpress', 'wordpress-com', 'wpvip'] },
  datadome: { name: 'DataDome', ids: ['datadome', 'datadome-js'] },
  atlassian: { name: 'Atlassian', ids: ['statuspage'] },
  edgio: { name: 'Edgio', ids: ['edgio', 'edgecast', 'limelight'] },
};

const COMPANY_BY_ID: ReadonlyMap<string, Company> = new Map(
  Object.entries(COMPANIES).flatMap(([cid, c]) =>
    c.ids.map((id) => [id, { id: cid, name: c.name }] as const),
  ),
);

/** The company behind a provider id; a provider not in the table is its own company. */
export function companyOf(id: string, name: string): Company {
  return COMPANY_BY_ID.get(id) ?? { id: `provider:${id}`, name };
}
