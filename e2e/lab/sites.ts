import { providerById } from '../../src/core/catalog/index.ts';
import { RESOLVERS } from '../../src/core/resilience/dns.ts';
import { css, escapeHtml, html, js, svg } from './content.ts';
import { DOH_HOSTNAMES, DOH_STATES } from './doh.ts';
import {
  akamai,
  cloudflare,
  cloudfront,
  type EdgeProfile,
  fastly,
  fly,
  githubPages,
  none,
  plainOrigin,
  render,
  s3,
  stacked,
} from './edges.ts';
import { FAILURE_MODES, ORIGIN_DOWN_HOST } from './failures.ts';
import { SCENARIOS } from './scenarios.ts';
import { FAILURE_STATES, FEEDS, STATUS_HOSTNAMES } from './status.ts';
import type { HostDef, LabRequest, Resource, SiteDef } from './types.ts';

/**
 * The lab's sites as data. A host answers with its edge's headers on every response; a site is a
 * page a person visits plus what Faultline is expected to find on it. Add a site by adding its
 * hosts to HOSTS and an entry to SITES.
 */

const HTML = 'text/html; charset=utf-8';
const SVG = 'image/svg+xml';
const CSS = 'text/css; charset=utf-8';
const JS = 'text/javascript; charset=utf-8';

const page = (body: string | ((req: LabRequest) => string)): Resource => ({ contentType: HTML, body });
const image = (label: string, color: string): Resource => ({ contentType: SVG, body: svg(label, color) });

// ---------------------------------------------------------------------------------------------
// www.maple-shop.com: a shop behind Cloudflare (Paris), libraries from jsDelivr on Fastly (Frankfurt).

const JSDELIVR = 'https://fastly.jsdelivr.net';
const SHOP_PRODUCTS = [
  ['maple-syrup', 'Maple syrup', '#b5651d'],
  ['pancake-mix', 'Pancake mix', '#d4a017'],
  ['maple-candy', 'Maple candy', '#8b4513'],
  ['gift-box', 'Gift box', '#a0522d'],
] as const;

const shopHome = html({
  title: 'Maple Shop — syrup from Québec',
  head: `<link rel="stylesheet" href="/assets/shop.css">
<script src="${JSDELIVR}/npm/preact@10.24.3/dist/preact.min.js"></script>
<script src="${JSDELIVR}/npm/swiper@11.1.14/swiper-bundle.min.js"></script>`,
  body: `<header><h1>Maple Shop</h1><p>Pure maple syrup, shipped from Québec.</p></header>
<main>
${SHOP_PRODUCTS.map(
  ([id, name]) =>
    `<article><img src="/img/${id}.svg" alt="${name}" width="320" height="200"><h2>${name}</h2></article>`,
).join('\n')}
</main>`,
});

/**
 * /slow?visit=<id>[&hold=<ms>][&start=<ms>]: loads resources from both hosts in two phases.
 * Phase 1 (4 images) runs at once (or `start` ms after the document, `data-phase` "0" until then:
 * the document alone for a while); phase 2 (12 images, each answered 150 ms late) starts after `hold` ms (default
 * 2500) or as soon as `window.labContinue()` is called. <html data-loaded> counts finished
 * images; data-phase is "1" until phase 1 is done, then "hold", "2" and finally "done". Every
 * request carries the visit id so the lab can count what it served for this visit.
 */
export const SLOW_PHASE1 = 4;
export const SLOW_PHASE2 = 12;
/** Responses the lab serves for one /slow visit: the document plus every image. */
export const SLOW_TOTAL = 1 + SLOW_PHASE1 + SLOW_PHASE2;

function slowImages(visit: string, from: number, count: number): string[] {
  const urls: string[] = [];
  for (let i = from; i < from + count; i++) {
    // Alternate between the shop's own host (Cloudflare) and jsDelivr (Fastly).
    urls.push(
      i % 2 === 0
        ? `/img/slow/${i}.svg?visit=${visit}`
        : `${JSDELIVR}/gh/maple-shop/assets@1.0.0/slow/${i}.svg?visit=${visit}`,
    );
  }
  return urls;
}

function slowPage(req: LabRequest): string {
  const visit = (req.query.get('visit') ?? 'demo').replace(/[^\w-]/g, '');
  const hold = Math.min(Number(req.query.get('hold') ?? 2500) || 0, 120_000);
  const start = Math.min(Number(req.query.get('start') ?? 0) || 0, 120_000);
  const phase1 = slowImages(visit, 0, SLOW_PHASE1);
  const phase2 = slowImages(visit, SLOW_PHASE1, SLOW_PHASE2);
  return html({
    title: 'Maple Shop — loading the catalogue',
    head: '<link rel="stylesheet" href="data:text/css,img{width:96px;height:60px;margin:4px}">',
    body: `<h1>Loading the whole catalogue…</h1>
<div id="shelf"></div>
<script>
(() => {
  const root = document.documentElement;
  const shelf = document.getElementById('shelf');
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  let loaded = 0;
  const load = (url) => new Promise((resolve) => {
    const img = new Image();
    img.onload = img.onerror = () => { root.dataset.loaded = String(++loaded); resolve(); };
    img.src = url;
    shelf.append(img);
  });
  let release;
  const released = new Promise((r) => { release = r; });
  window.labContinue = () => release();
  (async () => {
    if (${start} > 0) {
      root.dataset.phase = '0';
      await sleep(${start});
    }
    root.dataset.phase = '1';
    await Promise.all(${JSON.stringify(phase1)}.map(load));
    root.dataset.phase = 'hold';
    await Promise.race([released, sleep(${hold})]);
    root.dataset.phase = '2';
    const pending = [];
    for (const url of ${JSON.stringify(phase2)}) {
      pending.push(load(url));
      await sleep(200);
    }
    await Promise.all(pending);
    root.dataset.phase = 'done';
  })();
})();
</script>`,
  });
}

/**
 * /checkout: the shop's payment page. The card field is Stripe's: Stripe.js from js.stripe.com
 * and the card frame (elements-inner-card) it would mount, served from Stripe's own host. The
 * page itself still comes through Cloudflare, so Cloudflare carries the document and Stripe only
 * the payment: the resilience report's case (README, "Checkout").
 */
const STRIPE_JS = 'https://js.stripe.com';
const shopCheckout = html({
  title: 'Maple Shop — checkout',
  head: `<link rel="stylesheet" href="/assets/shop.css">
<script src="${STRIPE_JS}/v3/"></script>`,
  body: `<header><h1>Maple Shop</h1><p>Checkout</p></header>
<main>
<article><img src="/img/maple-syrup.svg" alt="Maple syrup" width="320" height="200"><h2>Maple syrup × 2</h2><p>CA$ 36.00</p></article>
<article><h2>Pay by card</h2>
<iframe name="__privateStripeFrame0" title="Secure card payment input frame" src="${STRIPE_JS}/v3/elements-inner-card.html#componentName=card&amp;locale=en" width="300" height="60" frameborder="0" allow="payment *"></iframe>
<button type="button">Pay CA$ 36.00</button></article>
</main>`,
});

/** The card frame Stripe.js mounts (a stand-in: one field, no script). */
const stripeCardFrame = html({
  title: 'Secure card payment input frame',
  body: '<form><label>Card number <input name="cardnumber" autocomplete="cc-number" inputmode="numeric" placeholder="1234 1234 1234 1234"></label></form>',
});

/**
 * js.stripe.com as it answers: Stripe's own servers (nginx), no CDN headers, strict transport
 * security; the card frame may be framed by any shop. Found by its hostname only.
 */
const stripeEdge: EdgeProfile = () => ({
  server: 'nginx',
  'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "frame-ancestors *; default-src 'self'",
});

const slowImage = (req: LabRequest): Resource | undefined => {
  const m = /\/slow\/(\d+)\.svg$/.exec(req.path);
  if (!m) return undefined;
  return { contentType: SVG, body: svg(`#${m[1]}`, '#b5651d', 96, 60), delayMs: 150 };
};

// ---------------------------------------------------------------------------------------------
// www.daily-ledger.com: a news site on Fastly (shielded in Ashburn, delivered from London),
// pictures on images.daily-ledger.com served by Akamai.

const NEWS = [
  ['markets', 'Markets rally as rates hold', '#1d3557'],
  ['weather', 'Storm warning for the coast', '#457b9d'],
  ['science', 'Comet visible tonight', '#264653'],
] as const;

const newsHome = html({
  title: 'The Daily Ledger',
  head: '<link rel="stylesheet" href="/static/ledger.css"><script src="/static/ledger.js" defer></script>',
  body: `<header><h1>The Daily Ledger</h1><p>News you can count on.</p></header>
<main>
${NEWS.map(
  ([id, headline]) =>
    `<article><img src="https://images.daily-ledger.com/2026/11/${id}.svg" alt="" width="320" height="200"><h2>${headline}</h2></article>`,
).join('\n')}
</main>`,
});

// ---------------------------------------------------------------------------------------------
// www.voyage-planner.io: a travel planner on CloudFront (Paris), assets on a cloudfront.net host.

const VOYAGE_ASSETS = 'https://d3k2x9f7q1w0ab.cloudfront.net';
const voyageHome = html({
  title: 'Voyage Planner',
  head: `<link rel="stylesheet" href="${VOYAGE_ASSETS}/static/app.css"><script src="${VOYAGE_ASSETS}/static/app.js" defer></script>`,
  body: `<header><h1>Voyage Planner</h1><p>Plan trips, not spreadsheets.</p></header>
<main>
<article><img src="${VOYAGE_ASSETS}/img/lisbon.svg" alt="Lisbon" width="320" height="200"><h2>Lisbon</h2></article>
<article><img src="${VOYAGE_ASSETS}/img/kyoto.svg" alt="Kyoto" width="320" height="200"><h2>Kyoto</h2></article>
</main>`,
});

// ---------------------------------------------------------------------------------------------
// www.plain-origin.org: one nginx server, no CDN, with headers that only look like one.

const plainHome = html({
  title: 'Plain Origin',
  head: '<link rel="stylesheet" href="/style.css">',
  body: `<header><h1>Plain Origin</h1><p>A site served straight from its own box.</p></header>
<main><article><img src="/logo.svg" alt="" width="320" height="200"><h2>No CDN here</h2></article></main>`,
});

// ---------------------------------------------------------------------------------------------
// Stacked proxies: an edge in front of an origin platform whose headers pass through
// (fingerprints.md §1.1 and src/detect/__fixtures__/stacked.json).

// app.tidepool-api.com: a Python app on Render, which serves every web service through Cloudflare
// (Amsterdam); the page calls its own JSON API on the same host.
const tidepoolHome = html({
  title: 'Tidepool — tide tables',
  head: '<link rel="stylesheet" href="/static/app.css"><script src="/static/app.js" defer></script>',
  body: `<header><h1>Tidepool</h1><p>Tide tables for every harbour, by API.</p></header>
<main>
<article><h2>Next high tide</h2><p id="tide">…</p></article>
<article><img src="/static/chart.svg" alt="Tide chart" width="320" height="200"><h2>This week</h2></article>
</main>
<script>
fetch('/api/v1/tides?station=ijmuiden').then((r) => r.json()).then((t) => {
  document.getElementById('tide').textContent = t.station + ': ' + t.next_high;
});
</script>`,
});

// www.ferrydesk.io: a booking app on Fly.io (Paris region) behind Cloudflare (Amsterdam), the
// shape unpkg had in 2022.
const ferrydeskHome = html({
  title: 'Ferrydesk — book a crossing',
  head: '<link rel="stylesheet" href="/assets/ferrydesk.css">',
  body: `<header><h1>Ferrydesk</h1><p>Book a ferry crossing in two taps.</p></header>
<main>
<article><img src="/assets/routes/calais-dover.svg" alt="" width="320" height="200"><h2>Calais → Dover</h2></article>
<article><img src="/assets/routes/hoek-harwich.svg" alt="" width="320" height="200"><h2>Hoek van Holland → Harwich</h2></article>
</main>`,
});

// www.harborlight-photo.com: a static photo site in an S3 bucket behind CloudFront (Frankfurt).
const HARBOR_PHOTOS = [
  ['hamburg', 'Hamburg at dawn', '#264653'],
  ['genoa', 'Genoa, the old port', '#e9c46a'],
  ['bergen', 'Bergen in the rain', '#2a9d8f'],
] as const;
const harborHome = html({
  title: 'Harborlight — harbour photography',
  head: '<link rel="stylesheet" href="/css/site.css">',
  body: `<header><h1>Harborlight</h1><p>Harbours of Europe, in pictures.</p></header>
<main>
${HARBOR_PHOTOS.map(
  ([id, caption]) =>
    `<article><img src="/photos/${id}.svg" alt="${caption}" width="320" height="200"><h2>${caption}</h2></article>`,
).join('\n')}
</main>`,
});

// docs.quartzlib.dev: a project's documentation on GitHub Pages (delivered by Fastly, Frankfurt),
// with its logo fetched from raw.githubusercontent.com (GitHub's own host, also on Fastly and
// also sending x-github-request-id: GitHub the service, not GitHub Pages).
const RAW_GITHUB = 'https://raw.githubusercontent.com';
const quartzHome = html({
  title: 'Quartz — documentation',
  head: '<link rel="stylesheet" href="/assets/css/docs.css"><script src="/assets/js/search.js" defer></script>',
  body: `<header><img src="${RAW_GITHUB}/quartzlib/quartz/main/docs/logo.svg" alt="Quartz" width="96" height="60"><h1>Quartz</h1><p>A tiny date library. Version 3.2.</p></header>
<main>
<article><h2>Getting started</h2><p><code>npm i @quartzlib/quartz</code></p></article>
<article><h2>Time zones</h2><p>Every function takes an optional zone.</p></article>
</main>`,
});

// blog.emberfield.org: a blog on GitHub Pages with its domain proxied by Cloudflare (Frankfurt):
// Cloudflare overwrites Server, only x-github-request-id is left of GitHub Pages.
const emberfieldHome = html({
  title: 'Emberfield — notes from a small studio',
  head: '<link rel="stylesheet" href="/assets/main.css">',
  body: `<header><h1>Emberfield</h1><p>Notes from a small game studio.</p></header>
<main>
<article><img src="/assets/img/devlog-14.svg" alt="" width="320" height="200"><h2>Devlog #14: lighting</h2></article>
<article><img src="/assets/img/devlog-13.svg" alt="" width="320" height="200"><h2>Devlog #13: save files</h2></article>
</main>`,
});

// ---------------------------------------------------------------------------------------------

export const FRONT_HOST = 'lab.faultline.test';

export const SITES: readonly SiteDef[] = [
  {
    id: 'maple-shop',
    name: 'Maple Shop',
    url: 'https://www.maple-shop.com/',
    description: 'A shop behind Cloudflare (Paris) with libraries from jsDelivr on Fastly (Frankfurt).',
    expected: [
      { id: 'cloudflare', role: 'edge', document: true, pops: ['CDG'], group: 'edge' },
      { id: 'fastly', role: 'edge', document: false, pops: ['FRA'], group: 'edge' },
      // The catalog also names the script CDN itself (by its hostname) as a third-party service.
      { id: 'jsdelivr', role: 'service', document: false, pops: [], group: 'service' },
    ],
  },
  {
    id: 'daily-ledger',
    name: 'The Daily Ledger',
    url: 'https://www.daily-ledger.com/',
    description: 'A news site on Fastly (shielded, delivered from London) with pictures on Akamai.',
    expected: [
      { id: 'fastly', role: 'edge', document: true, pops: ['LHR'], group: 'edge' },
      { id: 'akamai', role: 'edge', document: false, pops: [], group: 'edge' },
    ],
  },
  {
    id: 'voyage-planner',
    name: 'Voyage Planner',
    url: 'https://www.voyage-planner.io/',
    description: 'A travel planner on Amazon CloudFront (Paris), assets on a cloudfront.net host.',
    expected: [{ id: 'cloudfront', role: 'edge', document: true, pops: ['CDG'], group: 'edge' }],
  },
  {
    id: 'tidepool',
    name: 'Tidepool',
    url: 'https://app.tidepool-api.com/',
    description: 'A Python app on Render, served through Cloudflare (Amsterdam).',
    expected: [
      { id: 'cloudflare', role: 'edge', document: true, pops: ['AMS'], group: 'edge' },
      { id: 'render', role: 'origin', document: true, pops: [], group: 'hosting' },
    ],
  },
  {
    id: 'ferrydesk',
    name: 'Ferrydesk',
    url: 'https://www.ferrydesk.io/',
    description: 'An app on Fly.io (Paris region) behind Cloudflare (Amsterdam), like unpkg in 2022.',
    expected: [
      { id: 'cloudflare', role: 'edge', document: true, pops: ['AMS'], group: 'edge' },
      // fly-request-id ends in the Fly region that took the request from Cloudflare (cdg).
      { id: 'fly', role: 'origin', document: true, pops: ['CDG'], group: 'hosting' },
    ],
  },
  {
    id: 'harborlight',
    name: 'Harborlight',
    url: 'https://www.harborlight-photo.com/',
    description: 'A static site in an Amazon S3 bucket behind CloudFront (Frankfurt).',
    expected: [
      { id: 'cloudfront', role: 'edge', document: true, pops: ['FRA'], group: 'edge' },
      // Object storage is listed with hosting.
      { id: 's3', role: 'origin', document: true, pops: [], group: 'hosting' },
    ],
  },
  {
    id: 'quartz-docs',
    name: 'Quartz docs',
    url: 'https://docs.quartzlib.dev/',
    description:
      'Documentation on GitHub Pages (Fastly, Frankfurt), logo from raw.githubusercontent.com (GitHub).',
    expected: [
      { id: 'fastly', role: 'edge', document: true, pops: ['FRA'], group: 'edge' },
      { id: 'github-pages', role: 'origin', document: true, pops: [], group: 'hosting' },
      // raw.githubusercontent.com also sends x-github-request-id: GitHub, never GitHub Pages.
      { id: 'github', role: 'service', document: false, pops: [], group: 'service' },
    ],
  },
  {
    id: 'emberfield',
    name: 'Emberfield',
    url: 'https://blog.emberfield.org/',
    description:
      'A blog on GitHub Pages proxied by Cloudflare (Frankfurt): only x-github-request-id is left.',
    expected: [
      { id: 'cloudflare', role: 'edge', document: true, pops: ['FRA'], group: 'edge' },
      { id: 'github-pages', role: 'origin', document: true, pops: [], group: 'hosting' },
    ],
  },
  {
    id: 'plain-origin',
    name: 'Plain Origin',
    url: 'https://www.plain-origin.org/',
    description: 'A plain nginx origin whose generic headers (x-cache, via: varnish) are no CDN.',
    expected: [],
  },
];

/**
 * Maple Shop's checkout (not in SITES: same host as the shop, so the per-site and failure specs
 * keep counting one Cloudflare site there). Cloudflare carries the page, Stripe the payment; the
 * lab's DNS zones put maple-shop.com at Cloudflare alone and stripe.com at three operators.
 */
export const CHECKOUT: SiteDef = {
  id: 'maple-checkout',
  name: 'Maple Shop checkout',
  url: 'https://www.maple-shop.com/checkout',
  description:
    'The shop’s payment page: Cloudflare (Paris) in front, a Stripe card frame from js.stripe.com.',
  expected: [
    { id: 'cloudflare', role: 'edge', document: true, pops: ['CDG'], group: 'edge' },
    { id: 'stripe', role: 'service', document: false, pops: [], group: 'service' },
  ],
};

// ---------------------------------------------------------------------------------------------
// www.crowded-news.com: a news front page the size of a real one — 170 hosts, the document on
// Fastly (London), a picture from each of 28 third parties and CDNs found by their hostnames
// (taken from their catalog entries), the rest from the site's own plain subdomains. For the
// popup's first screen on a heavy page (not in SITES: its providers are the catalog's to say).

/** Catalog ids of the third parties and CDNs the crowded page loads from, by hostname. */
export const CROWDED_THIRD_PARTIES = [
  'gtm',
  'google-fonts',
  'youtube',
  'sentry',
  'datadog',
  'segment',
  'onetrust',
  'intercom',
  'zendesk',
  'stripe',
  'paypal',
  'recaptcha',
  'jsdelivr',
  'unpkg',
  'cdnjs',
  'jquery-cdn',
  'fontawesome',
  'adobe-fonts',
  'google-maps',
  'akamai',
  'cloudfront',
  'imgix',
  'cloudinary',
  'bunny',
  'keycdn',
  's3',
  'gcs',
  'azure-blob',
] as const;
/** Hosts the crowded page's requests go to, its own included. */
export const CROWDED_HOST_COUNT = 170;
const CROWDED_MAIN = 'www.crowded-news.com';

/** A host of a provider's hostname rule: the rule itself when it names a host, else one below it. */
function hostOfRule(providerId: string): string {
  const rule = providerById.get(providerId)?.hosts?.find((h) => !h.path);
  if (!rule) throw new Error(`the crowded page needs a hostname rule for ${providerId}`);
  return rule.suffix.split('.').length > 2 ? rule.suffix : `news-assets.${rule.suffix}`;
}

const CROWDED_HOSTS: readonly string[] = [
  ...CROWDED_THIRD_PARTIES.map(hostOfRule),
  ...Array.from(
    { length: CROWDED_HOST_COUNT - 1 - CROWDED_THIRD_PARTIES.length },
    (_, i) => `s${i + 1}.crowded-news.com`,
  ),
];

const crowdedHome = html({
  title: 'The Crowded News',
  body: `<header><h1>The Crowded News</h1><p>Everything, from everywhere.</p></header>
<main>
${CROWDED_HOSTS.map((host) => `<img src="https://${host}/p.svg" alt="" width="40" height="25">`).join('\n')}
</main>`,
});

export const CROWDED: SiteDef = {
  id: 'crowded-news',
  name: 'The Crowded News',
  url: `https://${CROWDED_MAIN}/`,
  description: `A heavy news page: ${CROWDED_HOST_COUNT} hosts, its document on Fastly, ${CROWDED_THIRD_PARTIES.length} third parties and CDNs.`,
  expected: [{ id: 'fastly', role: 'edge', document: true, pops: ['LHR'], group: 'edge' }],
};

const CROWDED_HOST_DEFS: readonly HostDef[] = [
  { host: CROWDED_MAIN, edge: fastly(['cache-lhr-egll1980023-LHR']), routes: { '/': page(crowdedHome) } },
  ...CROWDED_HOSTS.map((host) => ({
    host,
    edge: none(),
    routes: { '/p.svg': image(host.split('.')[0]!, '#445566') },
  })),
];

const frontPage = html({
  title: 'Faultline lab',
  head: `<style>${css('#3a0ca3')} li { margin: 0.75rem 0; } main { display: block; }</style>`,
  body: `<header><h1>Faultline lab</h1><p>Local stand-ins for real sites. Visit one, then open the Faultline popup.</p></header>
<main><ul>
${SITES.map(
  (s) =>
    `<li><a href="${s.url}">${escapeHtml(s.name)}</a> — ${escapeHtml(s.description)}<br><small>Expected: ${
      s.expected.length === 0
        ? 'no provider'
        : s.expected.map((p) => `${p.id}${p.pops.length ? ` (${p.pops.join(', ')})` : ''}`).join(', ')
    }</small></li>`,
).join('\n')}
<li><a href="https://www.maple-shop.com/slow">Maple Shop, slow catalogue</a> — keeps loading images for a few seconds.</li>
<li><a href="${CHECKOUT.url}">${escapeHtml(CHECKOUT.name)}</a> — ${escapeHtml(CHECKOUT.description)}</li>
</ul>
<h2>Scenarios</h2>
<p>Start a story, then browse the sites above and watch Faultline's badge, popup and (switched on
in its options) notifications. Each button switches the status pages and the sites together.</p>
<ul class="scenarios">
${SCENARIOS.map(
  (x) =>
    `<li><form method="post" action="/__lab/scenario/${x.id}"><button type="submit" data-scenario="${x.id}">${escapeHtml(x.label)}</button></form> ${escapeHtml(x.description)}</li>`,
).join('\n')}
<li><form method="post" action="/__lab/scenario/reset"><button type="submit" data-scenario="reset">Reset</button></form> Everything calm again.</li>
</ul>
<h2>Status pages</h2>
<p>The providers' status feeds are served here too. Switch one, then press “Check now” in the popup.</p>
<ul>
${FEEDS.map(
  (f) =>
    `<li>${escapeHtml(f.id)}: ${[...Object.keys(f.payloads), ...Object.keys(FAILURE_STATES)]
      .map(
        (state) =>
          `<a href="/__lab/status/${f.id}?state=${state}">${escapeHtml(state.replace(/_/g, ' '))}</a>`,
      )
      .join(' · ')}</li>`,
).join('\n')}
<li><a href="/__lab/status">current states</a></li>
</ul>
<h2>Failures</h2>
<p>Make sites fail, then visit them: <code>origin_522</code> (${escapeHtml(ORIGIN_DOWN_HOST)}'s own server
does not answer Cloudflare), <code>origins_522</code> (the same for every Cloudflare-fronted site),
<code>cloudflare_incident</code> (every Cloudflare-fronted site gets 500/502
from Cloudflare while its status page says operational), <code>none</code> (recovered).</p>
<ul>
<li>${Object.keys(FAILURE_MODES)
    .map((mode) => `<a href="/__lab/failures/${mode}">${escapeHtml(mode.replace(/_/g, ' '))}</a>`)
    .join(' · ')} · <a href="/__lab/failures">current mode</a></li>
</ul>
<h2>DNS resolvers</h2>
<p>The popup asks Cloudflare’s DNS-over-HTTPS resolver who runs a site’s DNS, Google’s when it
fails; answers are cached for 24 hours. Make them fail, then open a popup on a site not looked up yet.</p>
<ul>
${RESOLVERS.map(
  (r) =>
    `<li>${escapeHtml(r)}: ${Object.keys(DOH_STATES)
      .map((state) => `<a href="/__lab/dns/${r}?state=${state}">${escapeHtml(state)}</a>`)
      .join(' · ')}</li>`,
).join('\n')}
<li><a href="/__lab/dns">current states and queries</a></li>
</ul></main>`,
});

export const HOSTS: readonly HostDef[] = [
  {
    host: FRONT_HOST,
    edge: none(),
    routes: { '/': page(frontPage) },
  },
  {
    host: 'www.maple-shop.com',
    edge: cloudflare('CDG'),
    routes: {
      '/': page(shopHome),
      '/slow': page(slowPage),
      '/checkout': page(shopCheckout),
      '/assets/shop.css': { contentType: CSS, body: css('#b5651d') },
      ...Object.fromEntries(SHOP_PRODUCTS.map(([id, name, color]) => [`/img/${id}.svg`, image(name, color)])),
    },
    dynamic: slowImage,
  },
  {
    host: 'fastly.jsdelivr.net',
    edge: fastly(['cache-fra-etou8220141-FRA']),
    routes: {
      '/npm/preact@10.24.3/dist/preact.min.js': { contentType: JS, body: js('preact') },
      '/npm/swiper@11.1.14/swiper-bundle.min.js': { contentType: JS, body: js('swiper') },
    },
    dynamic: slowImage,
  },
  {
    host: 'js.stripe.com',
    edge: stripeEdge,
    routes: {
      '/v3/': { contentType: JS, body: js('stripe.js v3') },
      '/v3/elements-inner-card.html': page(stripeCardFrame),
    },
  },
  {
    host: 'www.daily-ledger.com',
    edge: fastly(['cache-iad-kiad7000033-IAD', 'cache-lhr7380-LHR']),
    routes: {
      '/': page(newsHome),
      '/static/ledger.css': { contentType: CSS, body: css('#1d3557') },
      '/static/ledger.js': { contentType: JS, body: js('ledger') },
    },
  },
  {
    host: 'images.daily-ledger.com',
    edge: akamai(),
    routes: Object.fromEntries(
      NEWS.map(([id, headline, color]) => [`/2026/11/${id}.svg`, image(headline, color)]),
    ),
  },
  {
    host: 'www.voyage-planner.io',
    edge: cloudfront('CDG50-P2'),
    routes: { '/': page(voyageHome) },
  },
  {
    host: 'd3k2x9f7q1w0ab.cloudfront.net',
    edge: cloudfront('CDG50-P2'),
    routes: {
      '/static/app.css': { contentType: CSS, body: css('#e76f51') },
      '/static/app.js': { contentType: JS, body: js('voyage') },
      '/img/lisbon.svg': image('Lisbon', '#e76f51'),
      '/img/kyoto.svg': image('Kyoto', '#2a9d8f'),
    },
  },
  {
    host: 'app.tidepool-api.com',
    edge: stacked(render('uvicorn'), cloudflare('AMS', 'DYNAMIC')),
    routes: {
      '/': page(tidepoolHome),
      '/static/app.css': { contentType: CSS, body: css('#0077b6') },
      '/static/app.js': { contentType: JS, body: js('tidepool') },
      '/static/chart.svg': image('High 05:42 · Low 11:58', '#0077b6'),
      '/api/v1/tides': {
        contentType: 'application/json',
        body: (req) =>
          JSON.stringify({
            station: req.query.get('station') ?? 'ijmuiden',
            next_high: '17:06',
            height_m: 1.9,
          }),
      },
    },
  },
  {
    host: 'www.ferrydesk.io',
    edge: stacked(fly('cdg'), cloudflare('AMS')),
    routes: {
      '/': page(ferrydeskHome),
      '/assets/ferrydesk.css': { contentType: CSS, body: css('#023e8a') },
      '/assets/routes/calais-dover.svg': image('Calais → Dover', '#023e8a'),
      '/assets/routes/hoek-harwich.svg': image('Hoek → Harwich', '#0096c7'),
    },
  },
  {
    host: 'www.harborlight-photo.com',
    edge: stacked(s3(), cloudfront('FRA56-P5')),
    routes: {
      '/': page(harborHome),
      '/css/site.css': { contentType: CSS, body: css('#264653') },
      ...Object.fromEntries(
        HARBOR_PHOTOS.map(([id, caption, color]) => [`/photos/${id}.svg`, image(caption, color)]),
      ),
    },
  },
  {
    host: 'docs.quartzlib.dev',
    edge: stacked(githubPages(), fastly(['cache-fra-eddf8230064-FRA'])),
    routes: {
      '/': page(quartzHome),
      '/assets/css/docs.css': { contentType: CSS, body: css('#6a4c93') },
      '/assets/js/search.js': { contentType: JS, body: js('quartz-search') },
    },
  },
  {
    host: 'raw.githubusercontent.com',
    // The recorded raw.githubusercontent.com shape: GitHub's request id over Fastly.
    edge: stacked(
      () => ({ 'x-github-request-id': '4E3A:2B1C:1A2B3C:1B2C3D:65E81F46' }),
      fastly(['cache-fra-eddf8230123-FRA']),
    ),
    routes: { '/quartzlib/quartz/main/docs/logo.svg': image('Quartz', '#6a4c93') },
  },
  {
    host: 'blog.emberfield.org',
    // The recorded shape: Cloudflare's headers, then x-github-request-id, via: 1.1 varnish and
    // x-cache: HIT passed through from GitHub Pages; Server is Cloudflare's.
    edge: stacked(githubPages(), cloudflare('FRA')),
    routes: {
      '/': page(emberfieldHome),
      '/assets/main.css': { contentType: CSS, body: css('#bc4b51') },
      '/assets/img/devlog-14.svg': image('Devlog #14', '#bc4b51'),
      '/assets/img/devlog-13.svg': image('Devlog #13', '#8cb369'),
    },
  },
  {
    host: 'www.plain-origin.org',
    edge: plainOrigin(),
    routes: {
      '/': page(plainHome),
      '/style.css': { contentType: CSS, body: css('#555555') },
      '/logo.svg': image('Plain Origin', '#555555'),
    },
  },
  ...CROWDED_HOST_DEFS,
];

/** Every hostname the lab answers for (browsers resolve these to 127.0.0.1). */
export const HOSTNAMES: readonly string[] = [
  ...HOSTS.map((h) => h.host),
  ...STATUS_HOSTNAMES,
  ...DOH_HOSTNAMES,
];
