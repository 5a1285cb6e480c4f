import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import readable from '../catalog/data/ip-ranges.json' with { type: 'json' };
import { defaultClassifier, defaultIpMatcher, IP_RANGES } from './index.ts';
import { formatCidr, type IpRangesData, type PackedIpRanges, parseCidr, unpackIpRanges } from './ip.ts';
import { compileIpRanges, decodeRows, packIpRanges } from './ip-pack.ts';

const data: IpRangesData = {
  generated: '2026-08-16',
  sets: {
    cloudflare: { v4: ['104.16.0.0/13', '172.64.0.0/13'], v6: ['2606:4700::/32', '2a06:98c0::/29'] },
    fastly: { v4: ['151.101.0.0/16'], v6: ['2a04:4e42::/32'] },
    // Nested inside the "aws" /8 below: the more specific prefix must win.
    cloudfront: { v4: ['13.32.0.0/15', '13.33.5.0/24'], v6: ['2600:9000::/28'] },
    aws: { v4: ['13.0.0.0/8', '13.33.5.0/24'], v6: ['2600::/16'] },
    'github-pages': {
      v4: ['185.199.108.153/32', '185.199.109.153'],
      v6: ['2606:50c0:8000::153/128'],
    },
    broken: { v4: ['300.1.1.0/24', '1.2.3.0/33', 'nonsense', '2606::/16'], v6: ['1.2.3.0/24', 'fe80::/129'] },
  },
};

describe('compileIpRanges', () => {
  const m = compileIpRanges(data);

  it('matches IPv4 addresses to their set and CIDR', () => {
    expect(m.match('104.16.132.229')).toEqual({ set: 'cloudflare', cidr: '104.16.0.0/13' });
    expect(m.match('104.23.255.255')).toEqual({ set: 'cloudflare', cidr: '104.16.0.0/13' });
    expect(m.match('104.24.0.0')).toBeUndefined();
    expect(m.match('151.101.1.229')).toEqual({ set: 'fastly', cidr: '151.101.0.0/16' });
    expect(m.match('151.102.0.0')).toBeUndefined();
    expect(m.match('185.199.108.153')).toEqual({ set: 'github-pages', cidr: '185.199.108.153/32' });
    expect(m.match('185.199.109.153')).toEqual({ set: 'github-pages', cidr: '185.199.109.153/32' });
    expect(m.match('185.199.108.154')).toBeUndefined();
    expect(m.match('0.0.0.0')).toBeUndefined();
    expect(m.match('255.255.255.255')).toBeUndefined();
  });

  it('gives nested ranges to the most specific prefix, and the rest to the wider one', () => {
    expect(m.match('13.32.0.1')).toEqual({ set: 'cloudfront', cidr: '13.32.0.0/15' });
    expect(m.match('13.33.255.255')).toEqual({ set: 'cloudfront', cidr: '13.32.0.0/15' });
    // Same /24 listed in cloudfront and aws: the set listed first wins; more specific than /15.
    expect(m.match('13.33.5.7')).toEqual({ set: 'cloudfront', cidr: '13.33.5.0/24' });
    expect(m.match('13.31.255.255')).toEqual({ set: 'aws', cidr: '13.0.0.0/8' });
    expect(m.match('13.34.0.0')).toEqual({ set: 'aws', cidr: '13.0.0.0/8' });
    expect(m.match('13.255.255.255')).toEqual({ set: 'aws', cidr: '13.0.0.0/8' });
    expect(m.match('14.0.0.0')).toBeUndefined();
    expect(m.match('2600:9000:2000::1')).toEqual({ set: 'cloudfront', cidr: '2600:9000::/28' });
    expect(m.match('2600:9010::1')).toEqual({ set: 'aws', cidr: '2600::/16' });
  });

  it('matches IPv6 in full, compressed, bracketed, zoned and upper-case forms', () => {
    const cf = { set: 'cloudflare', cidr: '2606:4700::/32' };
    expect(m.match('2606:4700::6810:84e5')).toEqual(cf);
    expect(m.match('2606:4700:0000:0000:0000:0000:6810:84e5')).toEqual(cf);
    expect(m.match('[2606:4700::6810:84e5]')).toEqual(cf);
    expect(m.match('2606:4700::1%eth0')).toEqual(cf);
    expect(m.match('2606:4700:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF')).toEqual(cf);
    expect(m.match('2606:4700::')).toEqual(cf);
    expect(m.match('2606:4701::1')).toBeUndefined();
    expect(m.match('2a06:98c7:ffff::1')).toEqual({ set: 'cloudflare', cidr: '2a06:98c0::/29' });
    expect(m.match('2a06:98c8::1')).toBeUndefined();
    expect(m.match('2606:50c0:8000::153')).toEqual({
      set: 'github-pages',
      cidr: '2606:50c0:8000::153/128',
    });
    expect(m.match('2606:50c0:8000::154')).toBeUndefined();
    expect(m.match('::')).toBeUndefined();
    expect(m.match('::1')).toBeUndefined();
  });

  it('matches IPv4-mapped IPv6 as IPv4', () => {
    expect(m.match('::ffff:104.16.132.229')).toEqual({ set: 'cloudflare', cidr: '104.16.0.0/13' });
    expect(m.match('::ffff:6810:84e5')).toEqual({ set: 'cloudflare', cidr: '104.16.0.0/13' });
    expect(m.match('[::FFFF:151.101.1.229]')).toEqual({ set: 'fastly', cidr: '151.101.0.0/16' });
    expect(m.match('::ffff:8.8.8.8')).toBeUndefined();
  });

  it('rejects malformed addresses', () => {
    for (const bad of [
      '',
      ' ',
      '104.16.132',
      '104.16.132.229.1',
      '104.16.132.256',
      '104.16..229',
      '104.16.132.2290',
      '1.2.3.4/32',
      '2606:4700::1::1',
      '2606:4700:::1',
      '2606:4700:1',
      '2606:4700:0:0:0:0:0:0:1',
      '2606:47000::1',
      '2606:4700::g',
      '2606:4700::1:',
      ':2606:4700::1',
      '[2606:4700::1',
      '::ffff:1.2.3',
      '1:2:3:4:5:6:7:1.2.3.4',
      'cloudflare',
    ]) {
      expect(m.match(bad), bad).toBeUndefined();
    }
  });

  it('skips and lists invalid CIDRs instead of failing', () => {
    expect(m.invalid).toEqual([
      'broken: 300.1.1.0/24',
      'broken: 1.2.3.0/33',
      'broken: nonsense',
      'broken: 2606::/16',
      'broken: 1.2.3.0/24',
      'broken: fe80::/129',
    ]);
    // Blocks in the table: 13.33.5.0/24 is listed twice and kept once.
    expect(m.prefixes).toEqual({ v4: 8, v6: 6 });
    expect(m.generated).toBe('2026-08-16');
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const r = m.match(s);
        expect(r === undefined || typeof r.set === 'string').toBe(true);
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'0123456789abcdefABCDEF:.[]%f '.split('')), { maxLength: 45 }),
        (chars) => {
          const r = m.match(chars.join(''));
          expect(r === undefined || typeof r.cidr === 'string').toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
    for (const v of [undefined, null, 42, {}, [], 'x'.repeat(10_000)]) {
      expect(m.match(v as unknown as string)).toBeUndefined();
    }
  });

  it('agrees with a naive BigInt reference on random addresses', () => {
    const ranges = Object.entries(data.sets).flatMap(([set, r]) =>
      (['v4', 'v6'] as const).flatMap((family) =>
        (r[family] ?? []).flatMap((t) => {
          const c = parseCidr(t);
          return c && c.family === (family === 'v4' ? 4 : 6) ? [{ set, c }] : [];
        }),
      ),
    );
    const naive = (family: 4 | 6, value: bigint): string | undefined => {
      let best: { set: string; bits: number } | undefined;
      for (const { set, c } of ranges) {
        if (c.family !== family || value < c.start || value > c.end) continue;
        if (!best || c.bits > best.bits) best = { set, bits: c.bits };
      }
      return best?.set;
    };
    fc.assert(
      fc.property(
        fc.constantFrom(13, 104, 151, 172, 185),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }),
        (a, b, c, d) => {
          const v = ((a * 256 + b) * 256 + c) * 256 + d;
          expect(m.match(`${a}.${b}.${c}.${d}`)?.set).toBe(naive(4, BigInt(v)));
        },
      ),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(0x2600, 0x2606, 0x2a04, 0x2a06),
        fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 7, maxLength: 7 }),
        (first, rest) => {
          const all = [first, ...rest];
          const v = all.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
          expect(m.match(all.map((g) => g.toString(16)).join(':'))?.set).toBe(naive(6, v));
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('parseCidr / formatCidr', () => {
  it('clears host bits and prints canonical forms', () => {
    expect(formatCidr(parseCidr('185.199.108.153/24')!)).toBe('185.199.108.0/24');
    expect(formatCidr(parseCidr('2606:4700:0:0::1/32')!)).toBe('2606:4700::/32');
    expect(formatCidr(parseCidr('2606:50c0:8000::153')!)).toBe('2606:50c0:8000::153/128');
    expect(formatCidr(parseCidr('0.0.0.0/0')!)).toBe('0.0.0.0/0');
    expect(formatCidr(parseCidr('::/0')!)).toBe('::/0');
    expect(formatCidr(parseCidr('1:0:0:2:0:0:0:3/128')!)).toBe('1:0:0:2::3/128');
    expect(parseCidr('::ffff:1.2.3.0/120')).toBeUndefined();
    expect(parseCidr('1.2.3.4/')).toBeUndefined();
    expect(parseCidr('1.2.3.4/ 8')).toBeUndefined();
  });
});

describe('the packed table', () => {
  it('keeps every block, in order, and unpacks to the same matches', () => {
    const { packed, invalid } = packIpRanges(data);
    expect(invalid).toEqual([
      'broken: 300.1.1.0/24',
      'broken: 1.2.3.0/33',
      'broken: nonsense',
      'broken: 2606::/16',
      'broken: 1.2.3.0/24',
      'broken: fe80::/129',
    ]);
    const v4 = decodeRows(packed.v4, 4).map(
      (r) =>
        `${formatCidr({ family: 4, start: r.start, end: r.start, bits: r.bits })} ${packed.sets[r.set]}${r.parent >= 0 ? ` in ${r.parent}` : ''}`,
    );
    expect(v4).toEqual([
      '13.0.0.0/8 aws',
      '13.32.0.0/15 cloudfront in 0',
      '13.33.5.0/24 cloudfront in 1',
      '104.16.0.0/13 cloudflare',
      '151.101.0.0/16 fastly',
      '172.64.0.0/13 cloudflare',
      '185.199.108.153/32 github-pages',
      '185.199.109.153/32 github-pages',
    ]);
    expect(decodeRows(packed.v6, 6)).toHaveLength(6);
  });

  it('gives an empty table for missing or short columns, and never throws on damaged ones', () => {
    const { packed } = packIpRanges(data);
    const v4 = packed.v4;
    const damaged: PackedIpRanges[] = [
      { ...packed, v4: { ...v4, rows: v4.rows + 3 } },
      { ...packed, v4: { ...v4, starts: '%%%not base64' } },
      { ...packed, v4: { ...v4, bits: btoa('\xff'.repeat(v4.rows)) } },
      { ...packed, v4: { ...v4, parents: btoa('\xff\xff'.repeat(v4.rows)) } },
      { ...packed, v6: { ...packed.v6, starts: btoa('\xff'.repeat(16 * packed.v6.rows)) } },
      JSON.parse('{"generated": 3, "sets": "x", "v4": null}') as PackedIpRanges,
    ];
    for (const p of damaged) {
      const m = unpackIpRanges(p);
      for (const ip of ['13.32.0.1', '151.101.9.9', '2600:9000::1', '2606:4700::1']) {
        expect(() => m.match(ip)).not.toThrow();
      }
    }
    expect(unpackIpRanges(damaged[0]!).prefixes).toEqual({ v4: 0, v6: packed.v6.rows });
    expect(unpackIpRanges(damaged[1]!).prefixes.v4).toBe(0);
  });

  it('answers a lookup with a row number, the same result object every time', () => {
    const m = compileIpRanges(data);
    expect(m.row('13.33.5.7')).toBeGreaterThanOrEqual(0);
    expect(m.row('14.0.0.0')).toBe(-1);
    expect(m.match('13.33.5.7')).toBe(m.match('13.33.5.8'));
  });
});

describe('the shipped snapshot', () => {
  const snapshot = readable as IpRangesData;

  it('is the packed form of the readable snapshot', () => {
    const { packed, invalid } = packIpRanges(snapshot);
    expect(invalid).toEqual([]);
    expect(IP_RANGES).toEqual(JSON.parse(JSON.stringify(packed)));
    expect(IP_RANGES.generated).toBe(snapshot.generated);
  });

  it('names the source, date and licence of every set with prefixes', () => {
    for (const [set, ranges] of Object.entries(snapshot.sets)) {
      const source = snapshot.sources?.[set];
      expect(source?.source, set).toBeTruthy();
      if ((ranges.v4?.length ?? 0) + (ranges.v6?.length ?? 0) > 0) {
        expect(source?.date, set).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(source?.licence, set).toBeTruthy();
      } else expect(source?.source, set).toMatch(/^none: /);
    }
  });

  it("never lists a block inside another set's block: the first set to list an address keeps it", () => {
    const blocks = Object.entries(snapshot.sets).flatMap(([set, r]) =>
      [...(r.v4 ?? []), ...(r.v6 ?? [])].map((t) => ({ set, c: parseCidr(t)! })),
    );
    const order = Object.keys(snapshot.sets);
    // By start, wider first: a block's enclosing blocks come before it (a stack sweep).
    blocks.sort(
      (a, b) =>
        a.c.family - b.c.family ||
        (a.c.start < b.c.start ? -1 : a.c.start > b.c.start ? 1 : a.c.bits - b.c.bits),
    );
    const inside: typeof blocks = [];
    const open: typeof blocks = [];
    for (const b of blocks) {
      while (open.length > 0 && (open.at(-1)!.c.family !== b.c.family || open.at(-1)!.c.end < b.c.start))
        open.pop();
      if (open.some((o) => o.set !== b.set && order.indexOf(o.set) < order.indexOf(b.set))) inside.push(b);
      open.push(b);
    }
    expect(inside.map((x) => `${x.set} ${formatCidr(x.c)}`)).toEqual([]);
  });

  it('tells the networks apart on well-known addresses', () => {
    const m = defaultIpMatcher();
    const setOf = (ip: string): string | undefined => m.match(ip)?.set;
    expect(m.invalid).toEqual([]);
    expect(m.match('104.16.132.229')).toEqual({ set: 'cloudflare', cidr: '104.16.0.0/13' });
    expect(m.match('151.101.1.229')).toEqual({ set: 'fastly', cidr: '151.101.0.0/16' });
    expect(m.match('45.60.12.34')).toEqual({ set: 'imperva', cidr: '45.60.0.0/16' });
    expect(m.match('2a02:e980::1')).toEqual({ set: 'imperva', cidr: '2a02:e980::/29' });
    expect(m.match('185.199.110.153')).toEqual({ set: 'github-pages', cidr: '185.199.110.153/32' });
    expect(setOf('2606:50c0:8003::153')).toBe('github-pages');
    // GitHub's other addresses on the same block (raw, avatars…) and github.com itself.
    expect(setOf('185.199.108.133')).toBe('github');
    expect(setOf('140.82.121.3')).toBe('github');
    // CloudFront, cut out of AWS (IPv4 and its IPv6 /28); the rest of AWS.
    expect(setOf('13.32.4.5')).toBe('cloudfront');
    expect(setOf('2600:9000:2000::1')).toBe('cloudfront');
    expect(setOf('52.58.216.18')).toBe('aws');
    // Google's front end, and Google Cloud customers' addresses (a load balancer, a VM).
    expect(setOf('142.250.185.78')).toBe('google');
    expect(setOf('8.8.8.8')).toBe('google');
    expect(setOf('34.120.54.55')).toBe('gcp');
    expect(setOf('35.186.224.25')).toBe('gcp');
    // Akamai's edge, and Linode's networks registered to Akamai.
    expect(setOf('23.45.67.89')).toBe('akamai');
    expect(setOf('2.16.1.1')).toBe('akamai');
    expect(setOf('2600:1400::1')).toBe('akamai');
    expect(setOf('172.104.1.1')).toBe('linode');
    expect(setOf('69.164.200.202')).toBe('linode');
    // Linode's list holds a /16 carved out of Akamai's 104.64.0.0/10: captures show Akamai's edge.
    expect(setOf('104.64.74.82')).toBe('akamai');
    // Azure Front Door (its service tag), cut out of the rest of Azure.
    expect(setOf('13.107.246.53')).toBe('azure-fd');
    expect(setOf('2620:1ec:bdf::40')).toBe('azure-fd');
    expect(setOf('20.42.4.113')).toBe('azure-fd');
    expect(setOf('20.42.4.120')).toBe('azure');
    expect(setOf('52.239.152.1')).toBe('azure');
    expect(setOf('129.146.1.1')).toBe('oracle');
    expect(setOf('167.99.1.1')).toBe('digitalocean');
    expect(setOf('88.198.1.1')).toBe('hetzner');
    expect(setOf('51.91.1.1')).toBe('ovh');
    expect(setOf('76.76.21.21')).toBe('vercel');
    expect(setOf('192.0.2.1')).toBeUndefined();
    expect(IP_RANGES.generated).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it('makes the default classifier attribute a bare Cloudflare IP', () => {
    const detections = defaultClassifier().classify({
      url: 'https://example.org/',
      headers: [{ name: 'content-type', value: 'text/html' }],
      ip: '2606:4700::6810:84e5',
    });
    const cf = detections.find((d) => d.providerId === 'cloudflare');
    expect(cf?.role).toBe('edge');
    expect(cf?.evidence).toContainEqual({ kind: 'ip', ip: '2606:4700::6810:84e5', range: '2606:4700::/32' });
  });
});
