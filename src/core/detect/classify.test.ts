import { describe, expect, it } from 'vitest';
import { CATALOG } from '../catalog/index.ts';
import type { Provider } from '../catalog/types.ts';
import { expected, loadFixture, stubIpMatcher, summarize } from './__fixtures__/harness.ts';
import { compile, splitUrl } from './classify.ts';
import type { HeaderLike } from './types.ts';

const classifier = compile(CATALOG, stubIpMatcher);

function run(headers: readonly HeaderLike[], url = 'https://www.example.com/', ip?: string) {
  return summarize(classifier.classify(ip ? { url, headers, ip } : { url, headers }));
}

describe('the first four providers (recorded fixtures)', () => {
  for (const c of loadFixture('first-four.json')) {
    it(c.name, () => {
      const got = classifier.classify(c.ip ? { url: c.url, headers: c.headers, ip: c.ip } : c);
      expect(summarize(got)).toEqual(expected(c));
    });
  }
});

describe('PoP extraction', () => {
  it('reads the IATA code of cf-ray whatever the header-name case', () => {
    expect(run([{ name: 'Cf-Ray', value: '746836d25edb1ead-AMS' }])).toEqual([
      { id: 'cloudflare', role: 'edge', pop: 'AMS' },
    ]);
  });

  it('takes the last entry of a Fastly shielding list spread over comma lists and repeats', () => {
    expect(
      run([
        { name: 'x-served-by', value: 'cache-jfk1041-JFK, cache-ord1720-ORD' },
        { name: 'x-served-by', value: 'cache-fra-etou8220141-FRA' },
        { name: 'x-timer', value: 'S1.2,VS0,VE3' },
      ]),
    ).toEqual([{ id: 'fastly', role: 'edge', pop: 'FRA' }]);
  });

  it('does not fall back to an inner Fastly entry when the last one is malformed', () => {
    expect(
      run([
        { name: 'x-fastly-request-id', value: 'x' },
        { name: 'x-served-by', value: 'cache-ams4133-AMS, web-02' },
      ]),
    ).toEqual([{ id: 'fastly', role: 'edge' }]);
  });

  it('takes the first x-amz-cf-pop when CloudFront repeats the header', () => {
    expect(
      run([
        { name: 'x-amz-cf-pop', value: 'SIN5-C1' },
        { name: 'x-amz-cf-pop', value: 'KUL62-P1' },
      ]),
    ).toEqual([{ id: 'cloudfront', role: 'edge', pop: 'SIN' }]);
  });

  it('reads the Vercel region, the Fly region and the Bunny PoP', () => {
    expect(run([{ name: 'x-vercel-id', value: 'arn1::bom1::qwert-1700000000000-abc123' }])).toEqual([
      { id: 'vercel', role: 'edge', pop: 'ARN' },
    ]);
    expect(run([{ name: 'fly-request-id', value: '01GEE8D86XET662W2T18NZN9G8-cdg' }])).toEqual([
      { id: 'fly', role: 'edge', pop: 'CDG' },
    ]);
    expect(run([{ name: 'server', value: 'BunnyCDN-DE1-865' }])).toEqual([
      { id: 'bunny', role: 'edge', pop: 'DE1' },
    ]);
  });
});

describe('robustness', () => {
  it('treats missing and non-string header values as empty, without throwing', () => {
    const headers = [
      { name: 'x-amz-cf-pop' },
      { name: 'cf-ray', value: undefined },
      { name: 'server', value: 42 as unknown as string },
    ];
    // Presence rules still fire; value rules and PoP patterns see an empty string.
    expect(run(headers)).toEqual([{ id: 'cloudfront', role: 'edge' }]);
  });

  it('skips entries without a string name and survives non-array header lists', () => {
    const junk = [null, undefined, 7, { value: 'cloudflare' }, { name: 5 }] as unknown as HeaderLike[];
    expect(run([...junk, { name: 'cf-ray', value: '8a1b2c3d4e5f6789-CDG' }])).toEqual([
      { id: 'cloudflare', role: 'edge', pop: 'CDG' },
    ]);
    const bad = { url: 5, headers: 'nope', ip: {} } as unknown as Parameters<typeof classifier.classify>[0];
    expect(classifier.classify(bad)).toEqual([]);
  });

  it('cuts huge values before matching and clips evidence', () => {
    const huge = `cloudflare${'x'.repeat(1_000_000)}`;
    const got = classifier.classify({
      url: 'https://a.example/',
      headers: [{ name: 'server', value: huge }],
    });
    expect(got.map((d) => d.providerId)).toEqual(['cloudflare']);
    const ev = got[0]?.evidence[0];
    expect(ev?.kind === 'header' && ev.value.length).toBe(200);
  });

  it('does not let a PoP pattern run on a value longer than 2048 characters', () => {
    const got = run([{ name: 'cf-ray', value: `8a1b2c3d4e5f6789-CDG${' '.repeat(3000)}` }]);
    // The value is cut to 2048 characters: still not a valid ray, so nothing is detected.
    expect(got).toEqual([]);
  });

  it('keeps evidence bounded on a response that repeats one header thousands of times', () => {
    const headers = Array.from({ length: 5000 }, () => ({ name: 'cf-cache-status', value: 'HIT' }));
    const got = classifier.classify({ url: 'https://a.example/', headers });
    expect(got).toHaveLength(1);
    expect(got[0]?.evidence.length).toBeLessThanOrEqual(6);
  });
});

describe('hostnames', () => {
  it('matches on label boundaries only', () => {
    expect(run([], 'https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js')).toEqual([
      { id: 'cdnjs', role: 'service' },
    ]);
    expect(run([], 'https://notcloudfront.net/x')).toEqual([]);
    expect(run([], 'https://CDNJS.Cloudflare.COM.:443/x')).toEqual([{ id: 'cdnjs', role: 'service' }]);
  });

  it('lets the longest matching suffix of each role win', () => {
    // A service on Google's front end: the service by its own host, the edge by gstatic.com.
    expect(run([], 'https://fonts.gstatic.com/s/roboto/v30/a.woff2')).toEqual([
      { id: 'google', role: 'edge' },
      { id: 'google-fonts', role: 'service' },
    ]);
    expect(run([], 'https://www.gstatic.com/images/branding/logo.png')).toEqual([
      { id: 'google', role: 'edge' },
    ]);
    // Two platforms: the more specific one (S3, not the amazonaws.com of AWS).
    expect(run([], 'https://mybucket.s3.amazonaws.com/a.png')).toEqual([{ id: 's3', role: 'edge' }]);
    // Akamai's bot protection script is served by Akamai's edge.
    expect(run([], 'https://ds-aksb-a.akamaihd.net/aksb.min.js')).toEqual([
      { id: 'akamai', role: 'edge' },
      { id: 'akamai-bot', role: 'service' },
    ]);
  });

  it('finds the suffix of hosts with many labels, and of hosts that need rewriting', () => {
    const labels = (n: number) => Array.from({ length: n }, (_, i) => `l${i}`).join('.');
    for (const n of [1, 126, 127, 128, 300]) {
      expect(run([], `https://${labels(n)}.d111111abcdef8.cloudfront.net/a.js`)).toEqual([
        { id: 'cloudfront', role: 'edge' },
      ]);
      expect(run([], `https://user@${labels(n)}.D111111ABCDEF8.CloudFront.net/a.js`)).toEqual([
        { id: 'cloudfront', role: 'edge' },
      ]);
    }
    // The whole host is a rule suffix, with and without dots before the port.
    expect(run([], 'https://js.stripe.com:443/v3/')).toEqual([{ id: 'stripe', role: 'service' }]);
    expect(run([], 'https://JS.stripe.com/v3/')).toEqual([{ id: 'stripe', role: 'service' }]);
  });

  it('tells apart suffixes of the same length, first and last character', () => {
    const base: Provider = {
      id: 'p',
      name: 'P',
      company: 'p',
      category: 'cdn',
      role: 'edge',
      homepage: '',
      description: '',
    };
    const c = compile([
      { ...base, id: 'one', hosts: [{ suffix: 'abc.com' }] },
      { ...base, id: 'two', hosts: [{ suffix: 'axc.com' }] },
    ]);
    const ids = (url: string) => c.classify({ url, headers: [] }).map((d) => d.providerId);
    expect(ids('https://www.abc.com/')).toEqual(['one']);
    expect(ids('https://axc.com/')).toEqual(['two']);
    expect(ids('https://ayc.com/')).toEqual([]);
    expect(ids('https://bbc.com/')).toEqual([]);
  });

  it('honours path prefixes and falls back to shorter suffixes when the path differs', () => {
    expect(run([], 'https://www.google.com/recaptcha/api.js')).toEqual([
      { id: 'recaptcha', role: 'service' },
    ]);
    expect(run([], 'https://www.google.com/search?q=recaptcha')).toEqual([]);
    expect(run([], 'https://cdn.shopify.com/shopifycloud/shopify_pay/storefront.js')).toEqual([
      { id: 'shop-pay', role: 'service' },
      { id: 'shopify', role: 'edge' },
    ]);
    expect(run([], 'https://cdn.shopify.com/s/files/1/logo.png')).toEqual([{ id: 'shopify', role: 'edge' }]);
    expect(run([], 'https://challenges.cloudflare.com/turnstile/v0/api.js')).toEqual([
      { id: 'turnstile', role: 'service' },
    ]);
  });

  it('splits URLs without throwing', () => {
    expect(splitUrl('https://user:pw@Example.COM:8443/a/b?c#d')).toEqual({
      host: 'example.com',
      path: '/a/b?c#d',
    });
    expect(splitUrl('http://[2606:4700::1]/x')).toEqual({ host: '2606:4700::1', path: '/x' });
    expect(splitUrl('not a url')).toEqual({ host: '', path: '' });
    expect(splitUrl('https://example.com?x')).toEqual({ host: 'example.com', path: '/' });
  });
});

describe('stacked providers and the edge role', () => {
  it('makes the CDN the edge and the platform the origin (Cloudflare in front of Render)', () => {
    expect(
      run([
        { name: 'server', value: 'cloudflare' },
        { name: 'cf-ray', value: 'a4285b99e8e15dee-HKG' },
        { name: 'rndr-id', value: '1b845f38-f019-4a7d' },
      ]),
    ).toEqual([
      { id: 'cloudflare', role: 'edge', pop: 'HKG' },
      { id: 'render', role: 'origin' },
    ]);
  });

  it('makes a platform alone the edge (Vercel)', () => {
    expect(
      run([
        { name: 'server', value: 'Vercel' },
        { name: 'x-vercel-id', value: 'fra1::82mqm-1724415466843-d608bd28fa1c' },
      ]),
    ).toEqual([{ id: 'vercel', role: 'edge', pop: 'FRA' }]);
  });

  it('gives the edge to the CDN that owns the server IP, whatever the catalog order', () => {
    // Fastly in front of a Cloudflare-proxied origin: the IP is Fastly's.
    expect(
      run(
        [
          { name: 'cf-cache-status', value: 'DYNAMIC' },
          { name: 'x-fastly-request-id', value: 'x' },
        ],
        'https://www.example.com/',
        '151.101.1.1',
      ),
    ).toEqual([
      { id: 'cloudflare', role: 'origin' },
      { id: 'fastly', role: 'edge' },
    ]);
  });

  it('keeps a header-identified platform as the edge on a generic cloud address (Netlify on AWS)', () => {
    expect(
      run(
        [
          { name: 'server', value: 'Netlify' },
          { name: 'x-nf-request-id', value: '01KF8WE82DJAW5NEW5436AAH8D' },
        ],
        'https://www.example.com/',
        '54.1.2.3',
      ),
    ).toEqual([
      { id: 'aws', role: 'origin' },
      { id: 'netlify', role: 'edge' },
    ]);
  });

  it('falls back to the cloud owning the IP when nothing else is known', () => {
    expect(run([{ name: 'server', value: 'nginx' }], 'https://www.example.com/', '54.1.2.3')).toEqual([
      { id: 'aws', role: 'edge' },
    ]);
  });

  it('ignores IP matches of sets nobody in the catalog claims, and unmatched IPs', () => {
    const matcher = { match: () => ({ set: 'unknown-set', cidr: '0.0.0.0/0' }) };
    const c = compile(CATALOG, matcher);
    expect(c.classify({ url: 'https://a.example/', headers: [], ip: '1.1.1.1' })).toEqual([]);
    expect(run([], 'https://a.example/', '8.8.8.8')).toEqual([]);
    expect(run([], 'https://a.example/', 'garbage')).toEqual([]);
  });

  it('survives an IP matcher that throws', () => {
    const c = compile(CATALOG, {
      match: () => {
        throw new Error('bad address');
      },
    });
    expect(c.classify({ url: 'https://a.example/', headers: [], ip: '::zz' })).toEqual([]);
  });

  it('lets a provider exclude another one on the same response (GitHub API is not GitHub Pages)', () => {
    expect(
      run(
        [{ name: 'x-github-request-id', value: 'AB62:131A35:896E6A:8C6E8F:65E81F46' }],
        'https://api.github.com/repos',
      ),
    ).toEqual([{ id: 'github', role: 'service' }]);
    expect(
      run(
        [{ name: 'x-github-request-id', value: 'AB62:131A35:896E6A:8C6E8F:65E81F46' }],
        'https://docs.example.org/',
      ),
    ).toEqual([{ id: 'github-pages', role: 'edge' }]);
  });

  it('lets the first provider naming a range set own it', () => {
    const a: Provider = {
      id: 'a',
      name: 'A',
      company: 'a',
      category: 'cdn',
      role: 'edge',
      homepage: '',
      description: '',
    };
    const c = compile(
      [
        { ...a, ipRanges: 'cloudflare' },
        { ...a, id: 'b', ipRanges: 'cloudflare' },
      ],
      stubIpMatcher,
    );
    expect(summarize(c.classify({ url: 'https://x.example/', headers: [], ip: '104.16.0.1' }))).toEqual([
      { id: 'a', role: 'edge' },
    ]);
  });

  it('needs two different weak rules, not the same weak rule twice', () => {
    expect(
      run([
        { name: 'x-timer', value: 'S1700000000.1,VS0,VE2' },
        { name: 'x-timer', value: 'S1700000000.2,VS0,VE3' },
      ]),
    ).toEqual([]);
  });
});

describe('header-name rules', () => {
  const base: Provider = {
    id: 'p',
    name: 'P',
    company: 'p',
    category: 'cdn',
    role: 'edge',
    homepage: '',
    description: '',
  };
  const ids = (c: ReturnType<typeof compile>, name: string) =>
    c.classify({ url: '', headers: [{ name, value: 'v' }] }).map((d) => d.providerId);

  it('matches prefixes whatever the case, only with something after them', () => {
    const c = compile([
      { ...base, id: 'akamai-like', headers: [{ name: 'x-akamai-', prefix: true, strength: 'strong' }] },
      { ...base, id: 'exact', headers: [{ name: 'x-cache-status', strength: 'strong' }] },
    ]);
    expect(ids(c, 'X-Akamai-Transformed')).toEqual(['akamai-like']);
    expect(ids(c, 'x-akamai-request-id')).toEqual(['akamai-like']);
    expect(ids(c, 'x-akamai-')).toEqual([]);
    // Same first three characters, another name.
    expect(ids(c, 'x-akamaz-foo')).toEqual([]);
    expect(ids(c, 'x-a')).toEqual([]);
    expect(ids(c, 'X-Cache-Status')).toEqual(['exact']);
    expect(ids(c, 'x-cache-statuses')).toEqual([]);
  });

  it('tells apart exact names of the same shape, and folds case outside ASCII as toLowerCase does', () => {
    // Same length and last character (the same shape), and the same first and middle ones.
    const c = compile([
      { ...base, id: 'one', headers: [{ name: 'xaaby', strength: 'strong' }] },
      { ...base, id: 'two', headers: [{ name: 'xcaby', strength: 'strong' }] },
      { ...base, id: 'kelvin', headers: [{ name: 'x-kkk-z', strength: 'strong' }] },
    ]);
    expect(ids(c, 'xaaby')).toEqual(['one']);
    expect(ids(c, 'XCABY')).toEqual(['two']);
    expect(ids(c, 'xbaby')).toEqual([]);
    // U+212A KELVIN SIGN lower-cases to `k`, at the end of a name too.
    expect(ids(c, 'X-\u212AKK-Z')).toEqual(['kelvin']);
    expect(ids(c, 'x-\u00e9kk-z')).toEqual([]);
    const end = compile([{ ...base, id: 'k', headers: [{ name: 'x-kk', strength: 'strong' }] }]);
    expect(ids(end, 'X-K\u212A')).toEqual(['k']);
    // U+0130 lower-cases to two characters: `x-ai̇` is not `x-ai`.
    const dotted = compile([{ ...base, id: 'i', headers: [{ name: 'x-ai', strength: 'strong' }] }]);
    expect(ids(dotted, 'X-A\u0130')).toEqual([]);
  });

  it("lets each rule decide after a header's patterns were tried together", () => {
    // Three rules on one header: their case-insensitive union lets `abc` and `ABC` through, and
    // each rule's own pattern, case-sensitive or not, still decides.
    const c = compile([
      { ...base, id: 'upper', headers: [{ name: 'x-t', value: /^ABC$/, strength: 'strong' }] },
      { ...base, id: 'any-case', headers: [{ name: 'x-t', value: /^abc$/i, strength: 'strong' }] },
      { ...base, id: 'digits', headers: [{ name: 'x-t', value: /^\d+$/, strength: 'strong' }] },
    ]);
    const run = (value: string) =>
      c.classify({ url: '', headers: [{ name: 'x-t', value }] }).map((d) => d.providerId);
    expect(run('ABC')).toEqual(['upper', 'any-case']);
    expect(run('abc')).toEqual(['any-case']);
    expect(run('42')).toEqual(['digits']);
    expect(run('nginx')).toEqual([]);
  });

  it('keeps patterns a union would change apart (backreferences, named groups)', () => {
    const run = (c: ReturnType<typeof compile>, value: string) =>
      c.classify({ url: '', headers: [{ name: 'x-t', value }] }).map((d) => d.providerId);
    const other = {
      ...base,
      id: 'other',
      headers: [{ name: 'x-t', value: /^(c)$/, strength: 'strong' as const }],
    };
    // Joined with the rule before it, `\1` would name that rule's group.
    const numbered = compile([
      other,
      { ...base, id: 'twice', headers: [{ name: 'x-t', value: /^(a+)-\1$/, strength: 'strong' }] },
      { ...base, id: 'thrice', headers: [{ name: 'x-t', value: /^(e)\1\1$/, strength: 'strong' }] },
    ]);
    expect(run(numbered, 'aa-aa')).toEqual(['twice']);
    expect(run(numbered, 'aa-a')).toEqual([]);
    expect(run(numbered, 'eee')).toEqual(['thrice']);
    expect(run(numbered, 'c')).toEqual(['other']);
    // Joined, the group `n` would be declared twice.
    const named = compile([
      other,
      { ...base, id: 'named', headers: [{ name: 'x-t', value: /^(?<n>b+)-\k<n>$/, strength: 'strong' }] },
      { ...base, id: 'named-too', headers: [{ name: 'x-t', value: /^(?<n>d)$/, strength: 'strong' }] },
    ]);
    expect(run(named, 'bb-bb')).toEqual(['named']);
    expect(run(named, 'd')).toEqual(['named-too']);
  });

  it('supports prefixes shorter than three characters', () => {
    const c = compile([
      { ...base, id: 'short', headers: [{ name: 'q-', prefix: true, strength: 'strong' }] },
    ]);
    expect(ids(c, 'Q-anything')).toEqual(['short']);
    expect(ids(c, 'q-')).toEqual([]);
    expect(ids(c, 'qq-x')).toEqual([]);
    expect(ids(c, 'x')).toEqual([]);
  });
});
