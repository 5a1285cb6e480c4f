import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultClassifier, defaultIpMatcher, IP_RANGES } from './index.ts';
import { compileIpRanges, formatCidr, type IpRangesData, parseCidr } from './ip.ts';

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
    expect(m.prefixes).toEqual({ v4: 9, v6: 6 });
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

describe('the shipped snapshot', () => {
  it('compiles without invalid entries and knows the transcribed prefixes', () => {
    const m = defaultIpMatcher();
    expect(m.invalid).toEqual([]);
    expect(IP_RANGES.sets.cloudflare?.v4).toHaveLength(15);
    expect(IP_RANGES.sets.cloudflare?.v6).toHaveLength(7);
    expect(IP_RANGES.sets.fastly?.v4).toHaveLength(19);
    expect(IP_RANGES.sets.fastly?.v6).toHaveLength(2);
    expect(IP_RANGES.sets.imperva?.v4).toHaveLength(11);
    expect(m.match('104.16.132.229')).toEqual({ set: 'cloudflare', cidr: '104.16.0.0/13' });
    expect(m.match('151.101.1.229')).toEqual({ set: 'fastly', cidr: '151.101.0.0/16' });
    expect(m.match('45.60.12.34')).toEqual({ set: 'imperva', cidr: '45.60.0.0/16' });
    expect(m.match('2a02:e980::1')).toEqual({ set: 'imperva', cidr: '2a02:e980::/29' });
    expect(m.match('185.199.110.153')).toEqual({ set: 'github-pages', cidr: '185.199.110.153/32' });
    expect(m.match('2606:50c0:8003::153')).toEqual({
      set: 'github-pages',
      cidr: '2606:50c0:8003::153/128',
    });
    expect(m.match('8.8.8.8')).toBeUndefined();
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
