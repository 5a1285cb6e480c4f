import type { StatusRelevance } from '../catalog/types.ts';

/**
 * Which status-page components matter to a page served through a provider (data, per provider
 * id). Providers without an entry: every component counts, and events of unknown scope only warn
 * when severe ("may affect this page").
 */
export const COMPONENT_FILTERS: Readonly<Record<string, StatusRelevance>> = {
  // Cloudflare's "Cloudflare Sites and Services" group lists ~120 products; a page behind the
  // proxy depends on the delivery path, not on Tunnel, WARP, Zero Trust or the dashboard.
  cloudflare: {
    relevant:
      /\b(CDN\/Cache|Cache Reserve|Network|Authoritative DNS|DNS|SSL Certificate Provisioning|SSL|Firewall|WAF|Bot Management|DDoS Protection|Load Balancing|Argo Smart Routing|Workers|Pages|Images|Stream|Turnstile|Always Online|HTTP\/3|Spectrum)\b/i,
    unrelated:
      /\b(Tunnel|WARP|Zero Trust|Access|Gateway|Dashboard|API|Registrar|Billing|Support|Replicate|Magic|Email Routing|Analytics|Logs|Radar|Browser Isolation)\b/i,
  },
  fastly: {},
};
