/**
 * Accuracy on the real-world corpus (src/core/detect/__fixtures__/real/): our classifier and
 * wappalyzer-core on the same responses, scored alike on host–provider pairs and main documents
 * (src/core/detect/__fixtures__/real-score.ts). Wappalyzer's answers count where a technology is
 * one of the catalog's providers (the table below); its other technologies (frameworks, analytics
 * it names but the catalog does not list) are neither right nor wrong. It gives no roles.
 */
import type { RealResponse } from '../src/core/detect/__fixtures__/harness.ts';
import { type CorpusScore, ratio, scoreCorpus } from '../src/core/detect/__fixtures__/real-score.ts';
import { defaultClassifier } from '../src/core/detect/index.ts';
import type { Yardstick } from './wappalyzer.ts';

/** Wappalyzer technology → catalog provider, where they are the same thing. */
const WAPPALYZER_IDS: Readonly<Record<string, string>> = {
  Akamai: 'akamai',
  'Akamai Bot Manager': 'akamai-bot',
  'Alibaba Cloud CDN': 'alibaba-cdn',
  'Amazon CloudFront': 'cloudfront',
  'Amazon S3': 's3',
  'Amazon Web Services': 'aws',
  'Amazon ELB': 'aws-elb',
  ArvanCloud: 'arvancloud',
  Azion: 'azion',
  Azure: 'azure',
  'Azure CDN': 'azure-fd',
  'Azure Front Door': 'azure-fd',
  Bunny: 'bunny',
  CDN77: 'cdn77',
  CacheFly: 'cachefly',
  Cloudflare: 'cloudflare',
  'Cloudflare Workers': 'cloudflare-pages',
  Cloudinary: 'cloudinary',
  'DigitalOcean Spaces': 'do-spaces',
  EdgeCast: 'edgecast',
  Edgio: 'edgio',
  Fastly: 'fastly',
  'Fly.io': 'fly',
  'GitHub Pages': 'github-pages',
  GoCache: 'gocache',
  'Google Cloud': 'gcp',
  'Google Cloud CDN': 'google',
  'Google Hosted Libraries': 'google-hosted-libs',
  Heroku: 'heroku',
  Hetzner: 'hetzner',
  Imgix: 'imgix',
  Imperva: 'imperva',
  Incapsula: 'imperva',
  KeyCDN: 'keycdn',
  Kinsta: 'kinsta',
  MaxCDN: 'stackpath',
  'Microsoft Ajax Content Delivery Network': 'ms-ajax-cdn',
  Netlify: 'netlify',
  OVHcloud: 'ovhcloud',
  Pantheon: 'pantheon',
  'Platform.sh': 'platform-sh',
  Render: 'render',
  'Section.io': 'section-io',
  StackPath: 'stackpath',
  Sucuri: 'sucuri',
  'Tencent Cloud': 'tencent-cdn',
  Vercel: 'vercel',
  'WP Engine': 'wpengine',
  'WordPress VIP': 'wpvip',
  'WordPress.com': 'wordpress-com',
  Wangsu: 'cdnetworks',
  cdnjs: 'cdnjs',
  jsDelivr: 'jsdelivr',
  'jQuery CDN': 'jquery-cdn',
  Unpkg: 'unpkg',
};

const asInput = (r: RealResponse) => ({
  url: r.url,
  headers: r.headers.map(([name, value]) => ({ name, value })),
  ...(r.ip ? { ip: r.ip } : {}),
});

export interface Accuracy {
  readonly ours: CorpusScore;
  readonly wappalyzer?: CorpusScore;
}

export function accuracy(w: Yardstick | string): Accuracy {
  const classifier = defaultClassifier();
  const ours = scoreCorpus(
    (r) => new Map(classifier.classify(asInput(r)).map((d) => [d.providerId, d.role])),
  );
  if (typeof w === 'string') return { ours };
  const wappalyzer = scoreCorpus((r) => {
    const ids = w.names(w.input(asInput(r))).flatMap((name) => WAPPALYZER_IDS[name] ?? []);
    return new Map(ids.map((id) => [id, '']));
  });
  return { ours, wappalyzer };
}

/** `precision 1.000 · recall 0.973 · main document 17/17` */
export function summary(s: CorpusScore): string {
  return `precision ${ratio(s.all.tp, s.all.tp + s.all.fp).toFixed(3)} · recall ${ratio(s.all.tp, s.all.tp + s.all.fn).toFixed(3)} · main document ${s.mains.right}/${s.mains.pages}`;
}
