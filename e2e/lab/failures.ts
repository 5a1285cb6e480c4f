import { escapeHtml } from './content.ts';
import type { HostDef } from './types.ts';

/**
 * Switchable failures of the lab's sites, for "Is it them or the site?": the same hosts, the same
 * Cloudflare headers, but the answer a person would get when a site's own server is down (a
 * Cloudflare 522) or when Cloudflare itself fails for many of its customers at once (500/502 from
 * Cloudflare on every Cloudflare-fronted site). Sites behind other CDNs, the lab's front page and
 * the status feeds (status.ts, served before any site) never fail here: during the incident
 * Cloudflare's status page stays operational, as it often does in the first minutes of a real one.
 *
 * A host is "behind Cloudflare" when its edge profile sends `server: cloudflare` with a `cf-ray`:
 * www.maple-shop.com (CDG), app.tidepool-api.com and www.ferrydesk.io (AMS), blog.emberfield.org
 * (FRA), four registrable domains. Switched over `/__lab/failures` (server.ts) or in-process;
 * `npm start` links the modes from the lab's front page.
 */

export const FAILURE_MODES = {
  /** Every site answers normally. */
  none: 'none',
  /**
   * www.maple-shop.com answers 522 on every path: Cloudflare (CDG) could not reach the shop's own
   * server in time. Cloudflare's headers and its branded error page, which blames the origin.
   */
  origin_522: 'origin_522',
  /**
   * Every Cloudflare-fronted site's own server down at once: all answer 522 as above. Many sites
   * failing, but each failure is the site's own: no reason to suspect Cloudflare.
   */
  origins_522: 'origins_522',
  /**
   * Cloudflare itself failing: every Cloudflare-fronted host answers 502 or 500 (alternately, in
   * host order) with Cloudflare's plain error page and headers only (what is behind never
   * answered, so no origin header passes through).
   */
  cloudflare_incident: 'cloudflare_incident',
  /**
   * The user's own connection down: every connection to any host but the lab's front page is
   * closed without an answer (sites, status feeds, DNS-over-HTTPS alike; server.ts).
   */
  offline: 'offline',
} as const;

export type FailureMode = keyof typeof FAILURE_MODES;

/** The site whose own server is "down" in `origin_522`. */
export const ORIGIN_DOWN_HOST = 'www.maple-shop.com';

export interface FailureAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface FailureSnapshot {
  mode: FailureMode;
  /** Epoch ms of the last switch. */
  changedAt: number;
  modes: FailureMode[];
  /** Hosts failing in this mode. */
  failing: string[];
  /** Failed answers served, per `<host> <status>`, since the lab started. */
  served: Record<string, number>;
}

const REASON: Readonly<Record<number, string>> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  522: 'Connection timed out',
};

/** The Cloudflare part of a host's headers, or undefined when the host is not behind Cloudflare. */
function cloudflareHeaders(def: HostDef): { server: string; 'cf-ray': string } | undefined {
  const headers = def.edge();
  const ray = headers['cf-ray'];
  return headers.server === 'cloudflare' && ray ? { server: 'cloudflare', 'cf-ray': ray } : undefined;
}

/** The headers Cloudflare sends with the error pages it generates (no cf-cache-status). */
function errorHeaders(cf: { server: string; 'cf-ray': string }): Record<string, string> {
  return {
    ...cf,
    'content-type': 'text/html; charset=UTF-8',
    'cache-control': 'private, max-age=0, no-store, no-cache, must-revalidate, post-check=0, pre-check=0',
    expires: 'Thu, 01 Jan 1970 00:00:01 GMT',
    'referrer-policy': 'same-origin',
    'x-frame-options': 'SAMEORIGIN',
  };
}

/**
 * Cloudflare's branded "Error 522" page (shape of the real one, trimmed): the error code in
 * `cf-error-code`, the three boxes "You / Browser: Working", "<PoP> / Cloudflare: Working",
 * "<host> / Host: Error". The inline empty icon stops browsers asking for /favicon.ico.
 */
function branded522(host: string, ray: string): string {
  const [id, pop] = ray.split('-');
  const h = escapeHtml(host);
  return `<!DOCTYPE html>
<html lang="en-US">
<head>
<title>${h} | 522: Connection timed out</title>
<meta charset="UTF-8">
<link rel="icon" href="data:,">
</head>
<body>
<div id="cf-wrapper">
<div id="cf-error-details" class="p-0">
<header class="mx-auto pt-10 lg:pt-6 lg:px-8 w-240 lg:w-full mb-8">
<h1 class="inline-block sm:block sm:mb-2 font-light text-60 lg:text-4xl text-black-dark leading-tight mr-2">
<span class="inline-block">Connection timed out</span>
<span class="code-label">Error code <span class="cf-error-code">522</span></span>
</h1>
<div>Visit <a href="https://www.cloudflare.com/5xx-error-landing?utm_source=errorcode_522&amp;utm_campaign=${h}" target="_blank" rel="noopener noreferrer">cloudflare.com</a> for more information.</div>
</header>
<div class="my-8 bg-gradient-gray">
<div class="w-240 lg:w-full mx-auto">
<div class="clearfix md:px-8">
<div id="cf-browser-status" class="cf-column"><span class="md:block w-full truncate">You</span><h3 class="md:inline-block mt-3 md:mt-0">Browser</h3><span class="leading-1.3 text-2xl text-green-success">Working</span></div>
<div id="cf-cloudflare-status" class="cf-column"><span class="md:block w-full truncate">${escapeHtml(pop ?? '')}</span><h3 class="md:inline-block mt-3 md:mt-0">Cloudflare</h3><span class="leading-1.3 text-2xl text-green-success">Working</span></div>
<div id="cf-host-status" class="cf-error-source cf-column"><span class="md:block w-full truncate">${h}</span><h3 class="md:inline-block mt-3 md:mt-0">Host</h3><span class="leading-1.3 text-2xl text-red-error">Error</span></div>
</div>
</div>
</div>
<div class="w-240 lg:w-full mx-auto mb-8 lg:px-8">
<div class="clearfix">
<div class="w-1/2 md:w-full float-left pr-6 md:pb-10 md:pr-0 leading-relaxed">
<h2 class="text-3xl font-normal leading-1.3 mb-4">What happened?</h2>
<p>The initial connection between Cloudflare's network and the origin web server timed out. As a result, the web page can not be displayed.</p>
</div>
<div class="w-1/2 md:w-full float-left leading-relaxed">
<h2 class="text-3xl font-normal leading-1.3 mb-4">What can I do?</h2>
<h3 class="text-15 font-semibold mb-2">If you're a visitor of this website:</h3>
<p class="mb-6">Please try again in a few minutes.</p>
<h3 class="text-15 font-semibold mb-2">If you're the owner of this website:</h3>
<p><span>Contact your hosting provider letting them know your web server is not completing requests.</span></p>
</div>
</div>
</div>
<div class="cf-error-footer cf-wrapper w-240 lg:w-full py-10 sm:py-4 sm:px-8 mx-auto text-center sm:text-left border-solid border-0 border-t border-gray-300">
<p class="text-13">
<span class="cf-footer-item sm:block sm:mb-1">Cloudflare Ray ID: <strong class="font-semibold">${escapeHtml(id ?? '')}</strong></span>
<span class="cf-footer-separator sm:hidden">&bull;</span>
<span class="cf-footer-item sm:block sm:mb-1">Performance &amp; security by Cloudflare</span>
</p>
</div>
</div>
</div>
</body>
</html>
`;
}

/** Cloudflare's own plain error page: nothing but the status and the word "cloudflare". */
function plainCloudflare(status: number): string {
  const line = `${status} ${REASON[status] ?? 'Error'}`;
  return `<html>
<head><title>${line}</title><link rel="icon" href="data:,"></head>
<body>
<center><h1>${line}</h1></center>
<hr><center>cloudflare</center>
</body>
</html>
`;
}

/** The sites' failure mode and what was served while failing. */
export class FailureLab {
  private current: FailureMode = 'none';
  private changedAt = Date.now();
  private readonly served: Record<string, number> = {};
  /** Cloudflare-fronted hosts, in HOSTS order: the incident's status alternates over them. */
  private readonly cloudflareHosts: readonly string[];

  constructor(hosts: readonly HostDef[]) {
    this.cloudflareHosts = hosts.filter((h) => cloudflareHeaders(h) !== undefined).map((h) => h.host);
  }

  get mode(): FailureMode {
    return this.current;
  }

  /** Switches the mode; throws on an unknown one. */
  set(mode: string): void {
    if (!Object.hasOwn(FAILURE_MODES, mode)) {
      throw new Error(`unknown failure mode "${mode}" (modes: ${Object.keys(FAILURE_MODES).join(', ')})`);
    }
    if (mode === this.current) return;
    this.current = mode as FailureMode;
    this.changedAt = Date.now();
  }

  /** Every site answers normally again. */
  reset(): void {
    this.set('none');
  }

  /** Hosts failing in a mode. */
  failingIn(mode: FailureMode): string[] {
    return Object.keys(this.statusesIn(mode));
  }

  /** Status every failing host answers in a mode (`{}` for `none`). */
  statusesIn(mode: FailureMode): Record<string, number> {
    if (mode === 'origin_522') return { [ORIGIN_DOWN_HOST]: 522 };
    if (mode === 'origins_522') return Object.fromEntries(this.cloudflareHosts.map((host) => [host, 522]));
    if (mode === 'cloudflare_incident') {
      return Object.fromEntries(this.cloudflareHosts.map((host, i) => [host, i % 2 === 0 ? 502 : 500]));
    }
    return {};
  }

  snapshot(): FailureSnapshot {
    return {
      mode: this.current,
      changedAt: this.changedAt,
      modes: Object.keys(FAILURE_MODES) as FailureMode[],
      failing: this.failingIn(this.current),
      served: { ...this.served },
    };
  }

  /** The failed answer a request to `def` gets in the current mode, or undefined to answer normally. */
  answer(def: HostDef): FailureAnswer | undefined {
    const status = this.statusesIn(this.current)[def.host];
    if (status === undefined) return undefined;
    const cf = cloudflareHeaders(def);
    if (!cf) return undefined;
    const key = `${def.host} ${status}`;
    this.served[key] = (this.served[key] ?? 0) + 1;
    return {
      status,
      headers: errorHeaders(cf),
      body: status === 522 ? branded522(def.host, cf['cf-ray']) : plainCloudflare(status),
    };
  }
}
