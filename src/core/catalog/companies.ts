/**
 * The companies behind the catalog's providers, by id; every entry names one (`company`). Several
 * products of one company (Cloudflare's CDN, DNS, Turnstile…) share a row, so the resilience report
 * can tell when everything critical on a page rests on one company, and under whose law it runs.
 *
 * `hq` is where the company that operates the service has its headquarters (ISO 3166-1 alpha-2),
 * with a public page saying so: its filings (SEC EDGAR for listed companies), its legal, imprint
 * or privacy page naming the operating entity and its address, or an encyclopedia entry where
 * that is what could be read. A company whose country could not be confirmed says `unknown` and
 * why: a guess would put a false country in someone's sovereignty review. The legal regime is not
 * written per company: it follows from the country (catalog/jurisdictions.ts), so one fact has
 * one home. A test fails for a company without either.
 *
 * Read from stored copies of public pages in December 2026 (no live web on the build machine):
 * the facts were checked, some URLs could not be opened live.
 */

export interface KnownHeadquarters {
  /** ISO 3166-1 alpha-2 code of the country of the operating company's headquarters. */
  readonly country: string;
  /** A public page stating it. */
  readonly source: string;
  /** What a reader should know beside the country (a parent elsewhere, another registered seat). */
  readonly note?: string;
}

export interface UnknownHeadquarters {
  /** Why the country is not given: what was looked into and what stayed unconfirmed. */
  readonly unknown: string;
}

export type Headquarters = KnownHeadquarters | UnknownHeadquarters;

export interface Company {
  readonly name: string;
  readonly hq: Headquarters;
}

/** The company's page on SEC EDGAR (business address and state of incorporation), by ticker. */
const sec = (ticker: string): string =>
  `https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=${ticker}`;

const at = (country: string, source: string, note?: string): KnownHeadquarters =>
  note === undefined ? { country, source } : { country, source, note };

const unknown = (why: string): UnknownHeadquarters => ({ unknown: why });

export const COMPANIES: Readonly<Record<string, Company>> = {
  cloudflare: { name: 'Cloudflare', hq: at('US', sec('NET')) },
  akamai: { name: 'Akamai', hq: at('US', sec('AKAM')) },
  fastly: { name: 'Fastly', hq: at('US', sec('FSLY')) },
  amazon: { name: 'Amazon', hq: at('US', sec('AMZN')) },
  microsoft: { name: 'Microsoft', hq: at('US', sec('MSFT')) },
  google: { name: 'Google', hq: at('US', sec('GOOGL'), 'Google LLC, a subsidiary of Alphabet Inc.') },
  imgix: {
    name: 'imgix',
    hq: at('US', 'https://www.imgix.com/privacy-policy', 'Zebrafish Labs, Inc. (San Francisco)'),
  },
  cloudinary: {
    name: 'Cloudinary',
    hq: unknown(
      'Its notices name "Cloudinary Ltd. and its affiliates" (cloudinary.com/privacy/cookie-policy); offices in the US and Israel, which one heads the group was not confirmed.',
    ),
  },
  bunny: { name: 'Bunny', hq: at('SI', 'https://bunny.net/tos/', 'BunnyWay d.o.o., Ljubljana') },
  keycdn: { name: 'KeyCDN', hq: at('CH', 'https://www.keycdn.com/legal', 'proinity LLC, Switzerland') },
  cdn77: {
    name: 'CDN77',
    hq: at(
      'GB',
      'https://cdn77.com/legal/terms-and-conditions',
      'DataCamp Limited, registered in England and Wales',
    ),
  },
  gcore: { name: 'Gcore', hq: at('LU', 'https://gcore.com/legal', 'G-Core Labs S.A., Luxembourg') },
  cachefly: { name: 'CacheFly', hq: at('US', 'https://www.cachefly.com/privacy-policy/') },
  azion: {
    name: 'Azion',
    hq: unknown(
      'Founded in Brazil, with offices in Brazil and the US; its headquarters country was not confirmed.',
    ),
  },
  wangsu: { name: 'Wangsu', hq: at('CN', 'https://en.wangsu.com/', 'Wangsu Science & Technology, Shanghai') },
  alibaba: {
    name: 'Alibaba',
    hq: at('CN', sec('BABA'), 'incorporated in the Cayman Islands, run from Hangzhou'),
  },
  backblaze: { name: 'Backblaze', hq: at('US', sec('BLZE')) },
  tencent: { name: 'Tencent', hq: at('CN', 'https://www.tencent.com/en-us/about.html', 'Shenzhen') },
  huawei: { name: 'Huawei', hq: at('CN', 'https://www.huawei.com/en/corporate-information', 'Shenzhen') },
  baidu: { name: 'Baidu', hq: at('CN', sec('BIDU'), 'incorporated in the Cayman Islands, run from Beijing') },
  bytedance: {
    name: 'ByteDance',
    hq: at('CN', 'https://www.bytedance.com/en/', 'incorporated in the Cayman Islands, run from Beijing'),
  },
  arvancloud: { name: 'ArvanCloud', hq: at('IR', 'https://www.arvancloud.ir/en/about', 'Tehran') },
  litespeed: {
    name: 'LiteSpeed Technologies',
    hq: unknown('LiteSpeed Technologies Inc. runs QUIC.cloud; its headquarters country was not confirmed.'),
  },
  medianova: { name: 'Medianova', hq: at('TR', 'https://www.medianova.com/', 'Istanbul') },
  ovh: { name: 'OVHcloud', hq: at('FR', 'https://corporate.ovhcloud.com/en/', 'OVH Groupe SA, Roubaix') },
  belugacdn: {
    name: 'BelugaCDN',
    hq: unknown('No operating company or address could be found for BelugaCDN.'),
  },
  section: {
    name: 'Section',
    hq: unknown('Section.io Inc.: its current owner and headquarters were not confirmed.'),
  },
  chinacache: { name: 'ChinaCache', hq: at('CN', 'https://en.chinacache.com/', 'Beijing') },
  qiniu: { name: 'Qiniu', hq: at('CN', 'https://www.qiniu.com/en', 'Shanghai') },
  upyun: { name: 'UPYUN', hq: at('CN', 'https://www.upyun.com/', 'Hangzhou') },
  kingsoft: {
    name: 'Kingsoft Cloud',
    hq: at('CN', sec('KC'), 'incorporated in the Cayman Islands, run from Beijing'),
  },
  jd: { name: 'JD Cloud', hq: at('CN', sec('JD'), 'part of JD.com, Beijing') },
  'china-telecom': {
    name: 'China Telecom',
    hq: at('CN', 'https://www.chinatelecom-h.com/en/', 'state-owned, Beijing'),
  },
  gocache: { name: 'GoCache', hq: at('BR', 'https://www.gocache.com.br/') },
  stackpath: { name: 'StackPath', hq: at('US', 'https://www.stackpath.com/legal/', 'Dallas') },
  edgio: { name: 'Edgio', hq: at('US', sec('EGIO'), 'wound down in 2025') },
  thales: {
    // Named for what a reader sees on the page (Imperva) and who owns it; the country is the
    // contracting company's.
    name: 'Imperva (Thales)',
    hq: at(
      'US',
      'https://www.imperva.com/legal/license-agreement/',
      'Imperva, Inc. (Delaware; California) contracts for the service; a Thales (France) company since 2023',
    ),
  },
  godaddy: { name: 'GoDaddy', hq: at('US', sec('GDDY')) },
  'ddos-guard': {
    name: 'DDoS-Guard',
    hq: at(
      'RU',
      'https://en.wikipedia.org/wiki/DDoS-Guard',
      'based in Russia (Rostov-on-Don); incorporated in Scotland and Belize',
    ),
  },
  qrator: {
    name: 'Qrator Labs',
    hq: unknown('Founded in Moscow in 2010; where it is headquartered now was not confirmed.'),
  },
  f5: { name: 'F5', hq: at('US', sec('FFIV')) },
  link11: {
    name: 'Link11',
    hq: at('DE', 'https://www.link11.com/en/imprint/', 'Link11 GmbH, Frankfurt am Main'),
  },
  variti: { name: 'Variti', hq: unknown('Its operating company and headquarters were not confirmed.') },
  oracle: { name: 'Oracle', hq: at('US', sec('ORCL')) },
  dosarrest: {
    name: 'DOSarrest',
    hq: at('CA', 'https://www.dosarrest.com/', 'DOSarrest Internet Security, Vancouver'),
  },
  datadome: {
    name: 'DataDome',
    hq: unknown(
      'Founded in Paris, with offices in France and the US; which entity heads the group was not confirmed.',
    ),
  },
  citrix: {
    name: 'Citrix',
    hq: at('US', 'https://www.citrix.com/about/legal/', 'part of Cloud Software Group'),
  },
  wallarm: { name: 'Wallarm', hq: unknown('Wallarm, Inc.: its headquarters country was not confirmed.') },
  cloudlinux: {
    name: 'CloudLinux',
    hq: unknown('CloudLinux, Inc.: its headquarters country was not confirmed.'),
  },
  vercel: { name: 'Vercel', hq: at('US', 'https://vercel.com/legal/privacy-policy') },
  netlify: { name: 'Netlify', hq: at('US', 'https://www.netlify.com/privacy/') },
  fly: { name: 'Fly.io', hq: at('US', 'https://fly.io/legal/privacy-policy') },
  salesforce: { name: 'Salesforce', hq: at('US', sec('CRM')) },
  render: { name: 'Render', hq: at('US', 'https://render.com/privacy') },
  railway: { name: 'Railway', hq: at('US', 'https://railway.com/legal/privacy') },
  deno: { name: 'Deno', hq: at('US', 'https://deno.com/privacy', 'Deno Land Inc.') },
  shopify: { name: 'Shopify', hq: at('CA', sec('SHOP'), 'Ottawa') },
  squarespace: { name: 'Squarespace', hq: at('US', 'https://www.squarespace.com/privacy') },
  wix: { name: 'Wix', hq: at('IL', sec('WIX'), 'Wix.com Ltd., Tel Aviv') },
  webflow: { name: 'Webflow', hq: at('US', 'https://webflow.com/legal/privacy') },
  wpengine: { name: 'WP Engine', hq: at('US', 'https://wpengine.com/legal/privacy/') },
  kinsta: {
    name: 'Kinsta',
    hq: at('US', 'https://kinsta.com/privacy-policy/', 'Kinsta Inc., West Hollywood'),
  },
  pantheon: { name: 'Pantheon', hq: at('US', 'https://pantheon.io/privacy-policy') },
  automattic: { name: 'Automattic', hq: at('US', 'https://automattic.com/privacy/') },
  'platform-sh': {
    name: 'Platform.sh',
    hq: at('FR', 'https://upsun.com/legal/', 'Platform.sh SAS (now Upsun), Paris'),
  },
  acquia: { name: 'Acquia', hq: at('US', 'https://www.acquia.com/about-us/legal/privacy-policy') },
  gitlab: { name: 'GitLab', hq: at('US', sec('GTLB')) },
  substack: { name: 'Substack', hq: at('US', 'https://substack.com/privacy') },
  ghost: {
    name: 'Ghost Foundation',
    hq: unknown('A non-profit foundation; the country it is registered in was not confirmed.'),
  },
  atlassian: { name: 'Atlassian', hq: at('US', sec('TEAM'), 'redomiciled from Australia to the US in 2022') },
  digitalocean: { name: 'DigitalOcean', hq: at('US', sec('DOCN')) },
  siteground: { name: 'SiteGround', hq: at('BG', 'https://www.siteground.com/company', 'Sofia') },
  wasabi: { name: 'Wasabi', hq: at('US', 'https://wasabi.com/legal/privacy-policy') },
  hetzner: {
    name: 'Hetzner',
    hq: at('DE', 'https://www.hetzner.com/legal/privacy-policy', 'Hetzner Online GmbH, Gunzenhausen'),
  },
  jsdelivr: {
    name: 'jsDelivr',
    hq: unknown('An open-source project run on sponsored CDNs; no operating company is stated.'),
  },
  unpkg: {
    name: 'unpkg',
    hq: unknown('An open-source project built and maintained by one person (its About page); no company.'),
  },
  openjs: { name: 'OpenJS Foundation', hq: at('US', 'https://openjsf.org/', 'a Linux Foundation project') },
  bootstrapcdn: {
    name: 'BootstrapCDN',
    hq: unknown('Its files are now served through jsDelivr; no operating company is stated.'),
  },
  statically: { name: 'Statically', hq: unknown('An open-source project; no operating company is stated.') },
  adobe: { name: 'Adobe', hq: at('US', sec('ADBE')) },
  fontawesome: { name: 'Font Awesome', hq: at('US', 'https://fontawesome.com/privacy', 'Fonticons, Inc.') },
  stripe: {
    name: 'Stripe',
    hq: at(
      'US',
      'https://stripe.com/privacy',
      'Stripe, Inc.; EEA customers contract with Stripe Payments Europe (Ireland)',
    ),
  },
  paypal: { name: 'PayPal', hq: at('US', sec('PYPL')) },
  adyen: { name: 'Adyen', hq: at('NL', 'https://www.adyen.com/legal', 'Adyen N.V., Amsterdam') },
  square: { name: 'Square', hq: at('US', sec('XYZ'), 'Block, Inc.') },
  klarna: { name: 'Klarna', hq: at('SE', 'https://www.klarna.com/international/about-us/', 'Stockholm') },
  hcaptcha: {
    name: 'hCaptcha',
    hq: at('US', 'https://www.imachines.com/privacy', 'Intuition Machines, Inc., a Delaware corporation'),
  },
  arkose: { name: 'Arkose Labs', hq: at('US', 'https://www.arkoselabs.com/privacy-policy/') },
  geetest: { name: 'GeeTest', hq: at('CN', 'https://www.geetest.com/en/about', 'Wuhan') },
  mtcaptcha: { name: 'MTCaptcha', hq: unknown('Its operating company and headquarters were not confirmed.') },
  human: { name: 'HUMAN Security', hq: at('US', 'https://www.humansecurity.com/privacy', 'New York') },
  apple: { name: 'Apple', hq: at('US', sec('AAPL')) },
  okta: { name: 'Okta', hq: at('US', sec('OKTA')) },
  sentry: { name: 'Sentry', hq: at('US', 'https://sentry.io/privacy/', 'Functional Software, Inc.') },
  datadog: { name: 'Datadog', hq: at('US', sec('DDOG')) },
  segment: { name: 'Segment', hq: at('US', sec('TWLO'), 'part of Twilio Inc. since 2020') },
  onetrust: { name: 'OneTrust', hq: at('US', 'https://www.onetrust.com/privacy-notice/', 'Atlanta') },
  usercentrics: {
    name: 'Usercentrics',
    hq: at('DE', 'https://usercentrics.com/legal-notice/', 'Usercentrics GmbH, Munich'),
  },
  intercom: { name: 'Intercom', hq: at('US', 'https://www.intercom.com/legal/privacy', 'San Francisco') },
  zendesk: {
    name: 'Zendesk',
    hq: at('US', 'https://www.zendesk.com/company/agreements-and-terms/privacy-notice/'),
  },
  ibm: { name: 'IBM', hq: at('US', sec('IBM')) },
  vercara: { name: 'Vercara', hq: at('US', 'https://vercara.digicert.com/', 'part of DigiCert since 2024') },
  ionos: { name: 'IONOS', hq: at('DE', 'https://www.ionos.com/terms-gtc/imprint/', 'IONOS SE, Montabaur') },
  namecheap: { name: 'Namecheap', hq: at('US', 'https://www.namecheap.com/legal/general/privacy-policy/') },
  digicert: { name: 'DigiCert', hq: at('US', 'https://www.digicert.com/legal-repository') },
  'hurricane-electric': {
    name: 'Hurricane Electric',
    hq: at('US', 'https://he.net/', 'Fremont, California'),
  },
  gandi: {
    name: 'Gandi',
    hq: at('FR', 'https://www.gandi.net/en/contracts/terms-of-service', 'Gandi SAS, Paris'),
  },
  dnsimple: { name: 'DNSimple', hq: at('US', 'https://dnsimple.com/privacy') },
  cloudns: { name: 'ClouDNS', hq: at('BG', 'https://www.cloudns.net/about/', 'Sofia') },
  porkbun: { name: 'Porkbun', hq: at('US', 'https://porkbun.com/about', 'Portland, Oregon') },
  markmonitor: { name: 'MarkMonitor', hq: at('US', 'https://www.markmonitor.com/', 'part of Clarivate') },
  csc: {
    name: 'CSC',
    hq: at('US', 'https://www.cscglobal.com/', 'Corporation Service Company, Wilmington, Delaware'),
  },
  rackspace: { name: 'Rackspace', hq: at('US', sec('RXT')) },
  easydns: { name: 'easyDNS', hq: at('CA', 'https://easydns.com/', 'Toronto') },
  vultr: { name: 'Vultr', hq: at('US', 'https://www.vultr.com/legal/privacy/') },
  bluehost: { name: 'Bluehost', hq: at('US', 'https://www.bluehost.com/legal', 'part of Newfold Digital') },
  dreamhost: { name: 'DreamHost', hq: at('US', 'https://www.dreamhost.com/legal/privacy-policy/') },
  hostgator: {
    name: 'HostGator',
    hq: at('US', 'https://www.hostgator.com/privacy', 'part of Newfold Digital'),
  },
  hostinger: {
    name: 'Hostinger',
    hq: at(
      'LT',
      'https://www.hostinger.lt/privacy-policy',
      'Hostinger, UAB, Kaunas; its international sites name Hostinger International Limited, Larnaca (Cyprus, also in the EU)',
    ),
  },
};
