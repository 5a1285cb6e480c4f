import type { Provider } from '../types.ts';

/**
 * Authoritative DNS providers (fingerprints.md section 6), recognised from a zone's NS hostnames.
 * Companies that also appear elsewhere under the same id (Cloudflare, DigitalOcean, Hetzner, Wix,
 * Squarespace, SiteGround, QUIC.cloud) carry their `nameservers` on that one entry instead.
 */
function dns(
  id: string,
  name: string,
  homepage: string,
  description: string,
  nameservers: readonly string[],
  nameserverPattern?: RegExp,
): Provider {
  const base: Provider = { id, name, category: 'dns', role: 'service', homepage, description, nameservers };
  return nameserverPattern ? { ...base, nameserverPattern } : base;
}

export const DNS_PROVIDERS: readonly Provider[] = [
  dns(
    'route53',
    'Amazon Route 53',
    'https://aws.amazon.com/route53/',
    "AWS's managed DNS.",
    ['amzndns.com', 'amzndns.net', 'amzndns.org', 'amzndns.co.uk'],
    // ns-2048.awsdns-64.com / .net / .org / .co.uk
    /(?:^|\.)awsdns-\d+\.(?:com|net|org|co\.uk)$/,
  ),
  dns(
    'akamai-edgedns',
    'Akamai Edge DNS',
    'https://www.akamai.com/products/edge-dns',
    "Akamai's authoritative DNS.",
    ['akam.net'],
  ),
  dns('ns1', 'NS1 (IBM)', 'https://www.ibm.com/products/ns1-connect', 'Managed DNS and traffic steering.', [
    'nsone.net',
  ]),
  dns(
    'dyn',
    'Dyn (Oracle)',
    'https://www.oracle.com/cloud/networking/dns/',
    'Legacy Dyn managed DNS, now Oracle.',
    ['dynect.net', 'dns.dyn.com'],
  ),
  dns(
    'oracle-dns',
    'Oracle Cloud DNS',
    'https://www.oracle.com/cloud/networking/dns/',
    "Oracle Cloud's DNS.",
    ['oraclecloud.net'],
  ),
  dns('ultradns', 'UltraDNS (Vercara)', 'https://vercara.digicert.com/ultradns', 'Enterprise managed DNS.', [
    'ultradns.com',
    'ultradns.net',
    'ultradns.org',
    'ultradns.co.uk',
    'ultradns.biz',
    'ultradns.info',
  ]),
  dns('godaddy', 'GoDaddy DNS', 'https://www.godaddy.com', "GoDaddy's registrar DNS.", ['domaincontrol.com']),
  dns('azure-dns', 'Azure DNS', 'https://azure.microsoft.com/products/dns/', "Microsoft Azure's DNS.", [
    'azure-dns.com',
    'azure-dns.net',
    'azure-dns.org',
    'azure-dns.info',
  ]),
  dns('google-cloud-dns', 'Google Cloud DNS', 'https://cloud.google.com/dns', "Google's DNS.", [
    'googledomains.com',
    'google.com',
  ]),
  dns('vercel-dns', 'Vercel DNS', 'https://vercel.com/docs/domains', "Vercel's DNS.", ['vercel-dns.com']),
  dns('netlify-dns', 'Netlify DNS', 'https://docs.netlify.com/domains-https/netlify-dns/', "Netlify's DNS.", [
    'netlifydns.com',
  ]),
  dns('linode', 'Linode (Akamai Cloud) DNS', 'https://www.linode.com', "Linode's DNS manager.", [
    'linode.com',
  ]),
  dns('ovh', 'OVHcloud DNS', 'https://www.ovhcloud.com', "OVHcloud's DNS.", ['ovh.net', 'ovh.co.uk']),
  dns('ionos', 'IONOS DNS', 'https://www.ionos.com', 'IONOS (1&1) DNS.', [
    'ui-dns.de',
    'ui-dns.org',
    'ui-dns.biz',
    'ui-dns.com',
    'ionos.com',
    '1and1.com',
  ]),
  dns('namecheap', 'Namecheap DNS', 'https://www.namecheap.com', "Namecheap's registrar DNS.", [
    'registrar-servers.com',
    'namecheaphosting.com',
  ]),
  dns('dnsmadeeasy', 'DNS Made Easy / Constellix', 'https://dnsmadeeasy.com', 'Managed DNS (DigiCert).', [
    'dnsmadeeasy.com',
    'constellix.com',
    'constellix.net',
  ]),
  dns('he', 'Hurricane Electric DNS', 'https://dns.he.net', 'Free DNS hosting by Hurricane Electric.', [
    'he.net',
  ]),
  dns('gandi', 'Gandi', 'https://www.gandi.net', "Gandi's registrar DNS.", ['gandi.net']),
  dns('dnsimple', 'DNSimple', 'https://dnsimple.com', 'Managed DNS and registrar.', [
    'dnsimple.com',
    'dnsimple-edge.net',
    'dnsimple-edge.org',
  ]),
  dns(
    'alidns',
    'Alibaba Cloud DNS',
    'https://www.alibabacloud.com/product/dns',
    'Alibaba Cloud DNS (HiChina).',
    ['alidns.com', 'hichina.com'],
  ),
  dns('dnspod', 'DNSPod (Tencent)', 'https://www.dnspod.com', "Tencent's DNS service.", ['dnspod.net']),
  dns('wordpress', 'WordPress.com DNS', 'https://wordpress.com', "WordPress.com's DNS.", ['wordpress.com']),
  dns('bunny-dns', 'Bunny DNS', 'https://bunny.net/dns/', "bunny.net's DNS.", ['bunny.net']),
  dns('cloudns', 'ClouDNS', 'https://www.cloudns.net', 'Managed DNS.', ['cloudns.net', 'cloudns.uk']),
  dns('porkbun', 'Porkbun', 'https://porkbun.com', "Porkbun's registrar DNS.", ['porkbun.com']),
  dns('markmonitor', 'MarkMonitor', 'https://www.markmonitor.com', 'Brand-protection registrar DNS.', [
    'markmonitor.com',
  ]),
  dns('csc', 'CSC', 'https://www.cscdbs.com', 'Enterprise registrar DNS.', [], /(?:^|[.-])cscdns\b/),
  dns('rackspace', 'Rackspace DNS', 'https://www.rackspace.com', "Rackspace's DNS.", [
    'rackspace.com',
    'stabletransit.com',
  ]),
  dns('easydns', 'easyDNS', 'https://easydns.com', 'Managed DNS.', [
    'easydns.com',
    'easydns.net',
    'easydns.org',
    'easydns.ca',
    'easydns.info',
  ]),
  dns('f5-dns', 'F5 Distributed Cloud DNS', 'https://www.f5.com', "F5's cloud DNS.", ['f5clouddns.com']),
  dns('vultr', 'Vultr DNS', 'https://www.vultr.com', "Vultr's DNS.", ['vultr.com']),
  dns('bluehost', 'Bluehost', 'https://www.bluehost.com', 'Shared hosting DNS.', ['bluehost.com']),
  dns('dreamhost', 'DreamHost', 'https://www.dreamhost.com', 'Shared hosting DNS.', ['dreamhost.com']),
  dns('hostgator', 'HostGator', 'https://www.hostgator.com', 'Shared hosting DNS.', ['hostgator.com']),
  dns('hostinger', 'Hostinger', 'https://www.hostinger.com', 'Shared hosting DNS.', [
    'dns-parking.com',
    'hostinger.com',
  ]),
];
