import { describe, expect, it } from 'vitest';
import {
  normalise,
  parseAws,
  parseBunny,
  parseFastly,
  parseGcore,
  parseGithubPages,
  parseGoogle,
  parseImperva,
  parseOracle,
  parseTextList,
} from './update-ranges.ts';

// Small samples in the shape each source publishes (values from fingerprints.md / public docs).
describe('update-ranges parsers', () => {
  it('reads Cloudflare-style text lists', () => {
    expect(parseTextList('173.245.48.0/20\n103.21.244.0/22\r\n\n# comment\n2400:cb00::/32\n')).toEqual([
      '173.245.48.0/20',
      '103.21.244.0/22',
      '2400:cb00::/32',
    ]);
  });

  it('reads the Fastly public-ip-list', () => {
    const sample = { addresses: ['23.235.32.0/20', '151.101.0.0/16'], ipv6_addresses: ['2a04:4e40::/32'] };
    expect(parseFastly(sample)).toEqual(['23.235.32.0/20', '151.101.0.0/16', '2a04:4e40::/32']);
    expect(parseFastly('nope')).toEqual([]);
  });

  it('splits AWS ip-ranges.json into CloudFront and the rest', () => {
    const sample = {
      syncToken: '1755300000',
      createDate: '2026-08-16-00-00-00',
      prefixes: [
        { ip_prefix: '13.32.0.0/15', region: 'GLOBAL', service: 'AMAZON', network_border_group: 'GLOBAL' },
        {
          ip_prefix: '13.32.0.0/15',
          region: 'GLOBAL',
          service: 'CLOUDFRONT',
          network_border_group: 'GLOBAL',
        },
        { ip_prefix: '3.5.140.0/22', region: 'ap-northeast-2', service: 'S3', network_border_group: 'x' },
        { ip_prefix: '3.5.140.0/22', region: 'ap-northeast-2', service: 'AMAZON', network_border_group: 'x' },
      ],
      ipv6_prefixes: [
        { ipv6_prefix: '2600:9000::/28', region: 'GLOBAL', service: 'CLOUDFRONT' },
        { ipv6_prefix: '2600:1f00::/24', region: 'us-east-1', service: 'EC2' },
      ],
    };
    const { cloudfront, aws } = parseAws(sample);
    expect(cloudfront).toEqual(['13.32.0.0/15', '2600:9000::/28']);
    expect(normalise(aws)).toEqual({ v4: ['3.5.140.0/22'], v6: ['2600:1f00::/24'], invalid: [] });
  });

  it('reads Google goog.json', () => {
    const sample = {
      syncToken: '1',
      creationTime: '2026-08-16T00:00:00',
      prefixes: [{ ipv4Prefix: '8.8.4.0/24' }, { ipv6Prefix: '2001:4860::/32' }, { other: 1 }],
    };
    expect(parseGoogle(sample)).toEqual(['8.8.4.0/24', '2001:4860::/32']);
  });

  it('reads Gcore, GitHub meta, Imperva and Bunny', () => {
    expect(parseGcore({ addresses: ['92.223.84.0/24'], addresses_v6: ['2a03:90c0::/32'] })).toEqual([
      '92.223.84.0/24',
      '2a03:90c0::/32',
    ]);
    expect(
      parseGithubPages({ hooks: ['192.30.252.0/22'], pages: ['185.199.108.0/22', '2606:50c0::/32'] }),
    ).toEqual(['185.199.108.0/22', '2606:50c0::/32']);
    expect(parseImperva('{"ipRanges":["199.83.128.0/21"],"ipv6Ranges":["2a02:e980::/29"],"res":0}')).toEqual([
      '199.83.128.0/21',
      '2a02:e980::/29',
    ]);
    expect(parseImperva('199.83.128.0/21\n45.60.0.0/16\n')).toEqual(['199.83.128.0/21', '45.60.0.0/16']);
    expect(parseBunny('["89.187.188.227","2400:52e0:1500::1"]')).toEqual([
      '89.187.188.227',
      '2400:52e0:1500::1',
    ]);
    expect(
      parseBunny(
        '<ArrayOfstring xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><string>89.187.188.227</string><string>143.244.49.177</string></ArrayOfstring>',
      ),
    ).toEqual(['89.187.188.227', '143.244.49.177']);
  });
});

describe('normalise', () => {
  it('validates, canonicalises, de-duplicates and collapses', () => {
    const r = normalise([
      '151.101.0.0/16',
      '151.101.64.0/18', // inside the /16
      '151.101.0.0/16', // duplicate
      '10.0.0.0/25',
      '10.0.0.128/25', // adjacent: becomes 10.0.0.0/24
      '185.199.108.153', // bare address → /32
      '1.2.3.4/24', // host bits → cleared
      '2a04:4e42:0000::/32',
      '2a04:4e43::/32', // adjacent to the previous: 2a04:4e42::/31
      '300.0.0.0/8',
      'not an ip',
      '',
    ]);
    expect(r.v4).toEqual(['1.2.3.0/24', '10.0.0.0/24', '151.101.0.0/16', '185.199.108.153/32']);
    expect(r.v6).toEqual(['2a04:4e42::/31']);
    expect(r.invalid).toEqual(['300.0.0.0/8', 'not an ip', '']);
  });

  it('cuts a merged span back into aligned blocks', () => {
    // 10.0.0.128/25 + 10.0.1.0/24 = not one block: /25 then /24.
    expect(normalise(['10.0.0.128/25', '10.0.1.0/24']).v4).toEqual(['10.0.0.128/25', '10.0.1.0/24']);
    expect(normalise(['0.0.0.0/1', '128.0.0.0/1']).v4).toEqual(['0.0.0.0/0']);
  });
});

describe('parseOracle', () => {
  it('reads regions[].cidrs[].cidr', () => {
    const sample = {
      last_updated_timestamp: '2026-08-16T00:00:00.000000',
      regions: [
        { region: 'us-phoenix-1', cidrs: [{ cidr: '129.146.0.0/21', tags: ['OCI'] }] },
        { region: 'eu-frankfurt-1', cidrs: [{ cidr: '130.61.0.0/16', tags: ['OCI', 'OSN'] }, { nope: 1 }] },
        'garbage',
      ],
    };
    expect(parseOracle(sample)).toEqual(['129.146.0.0/21', '130.61.0.0/16']);
  });
});
