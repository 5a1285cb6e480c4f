import { describe, expect, it } from 'vitest';
import {
  buildOffline,
  type Dataset,
  describeDataset,
  holding,
  linodeOf,
  normalise,
  outside,
  parseAws,
  parseBunny,
  parseCdncheck,
  parseFastly,
  parseGcore,
  parseGithubPages,
  parseGoogle,
  parseImperva,
  parseOracle,
  parseTextList,
  readServiceTag,
  within,
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

describe('offline build', () => {
  const list = (v4: string[], v6: string[] = []) => ({ v4, v6 });

  it('drops the blocks another set already covers and keeps the ones that hold them', () => {
    const taken = list(['13.32.0.0/15', '10.0.0.0/8']);
    expect(outside(list(['13.32.0.0/15', '13.32.5.0/24', '13.0.0.0/8', '11.0.0.0/8']), taken)).toEqual(
      list(['13.0.0.0/8', '11.0.0.0/8']),
    );
  });

  it('finds the registry blocks mostly filled by another list’s blocks', () => {
    const linode = list(['45.79.0.0/17', '45.79.128.0/18', '104.200.16.0/20']);
    expect(holding(list(['45.79.0.0/16', '104.64.0.0/10', '23.32.0.0/11']), linode)).toEqual(
      list(['45.79.0.0/16']),
    );
  });

  it('keeps Linode’s blocks, and the Akamai blocks they fill, but not the ones carved out of Akamai’s edge', () => {
    const own = list(
      ['45.79.0.0/17', '45.79.128.0/18', '104.64.0.0/16', '172.232.0.0/14', '172.236.0.0/15'],
      ['2600:3c00::/32'],
    );
    const akamai = list(['45.79.0.0/16', '104.64.0.0/10', '172.224.0.0/12'], ['2600:3c00::/24']);
    // 45.79.0.0/16: mostly Linode's, all of it goes to Linode. 104.64.0.0/16 fills 1/64 of Akamai's
    // edge block: stays Akamai's. 172.232.0.0/14 and 172.236.0.0/15 fill 3/8 of 172.224.0.0/12: Linode's. IPv6: no cut.
    expect(linodeOf(own, akamai)).toEqual(
      list(['45.79.0.0/16', '172.232.0.0/14', '172.236.0.0/15'], ['2600:3c00::/32']),
    );
  });

  it('keeps the blocks of a list that lie inside another', () => {
    expect(
      within(
        list(['13.107.246.0/24', '150.171.22.0/23'], ['2620:1ec:bdf::/48']),
        list(['13.104.0.0/14'], ['2620:1ec::/36']),
      ),
    ).toEqual(list(['13.107.246.0/24'], ['2620:1ec:bdf::/48']));
  });

  it('reads a service tag transcribed from ServiceTags_Public', () => {
    const tag = readServiceTag({
      source: {
        repo: 'someone/azure-ips',
        path: 'serviceTags/AzureFrontDoor.Frontend/serviceTag.json',
        commit: '080c2b2250c9cf3799976f616a923753b8838b3e',
      },
      tag: 'AzureFrontDoor.Frontend',
      changeNumber: 35,
      addressPrefixes: ['13.107.246.0/24', '2620:1ec:bdf::/48', 'junk'],
    });
    expect(tag.prefixes).toEqual(list(['13.107.246.0/24'], ['2620:1ec:bdf::/48']));
    expect(tag.source).toBe(
      'service tag AzureFrontDoor.Frontend (changeNumber 35) from someone/azure-ips serviceTags/AzureFrontDoor.Frontend/serviceTag.json @080c2b2',
    );
    expect(readServiceTag('nope').prefixes).toEqual(list([]));
  });

  it('reads the date, commit and licence of a dataset', () => {
    expect(
      describeDataset(
        '# Merged IP ranges (ipranges data, 2026-08-08)\n…at its commit b94c067 (2026-08-08)',
        'CC0 1.0 Universal',
      ),
    ).toEqual({ date: '2026-08-08', commit: 'b94c067', licence: 'CC0-1.0' });
    expect(describeDataset('data of 2026-08-16, commit 6fbcc53', 'MIT License\n…').licence).toBe('MIT');
  });

  it('reads a cdncheck list by group and provider', () => {
    const read = parseCdncheck({ cdn: { cloudfront: ['13.32.0.0/15', 7] }, waf: 'nope' });
    expect(read('cdn.cloudfront')).toEqual(['13.32.0.0/15']);
    expect(read('waf.incapsula')).toEqual([]);
    expect(read('cloud.aws')).toEqual([]);
  });

  it('builds every set with its source, date and licence, precedence first', () => {
    const dataset = (name: string, date: string, lists: Record<string, string[]>): Dataset => ({
      name,
      date,
      licence: name === 'cc' ? 'MIT' : 'CC0-1.0',
      list: (key) => normalise(lists[key] ?? []),
    });
    const cdncheck = dataset('cc', '2026-08-16', {
      'cdn.cloudfront': ['13.32.0.0/15'],
      'waf.incapsula': ['45.60.0.0/16'],
      'cloud.azure': ['13.104.0.0/14', '20.0.0.0/11'],
    });
    const ipranges = dataset('ir', '2026-08-08', {
      cloudflare: ['104.16.0.0/13'],
      amazon: ['13.32.0.0/15', '52.0.0.0/10'],
      google: ['8.8.8.0/24', '34.64.0.0/10', '104.17.70.206/32'],
      googlecloud: ['34.120.0.0/14'],
      akamai: ['23.32.0.0/11', '45.79.0.0/16', '104.64.0.0/10'],
      linode: ['45.79.0.0/17', '45.79.128.0/18', '104.200.16.0/20', '104.64.0.0/16'],
      github: ['140.82.112.0/20', '185.199.108.0/22'],
      azure: ['13.104.0.0/14', '20.0.0.0/11'],
    });
    // One Front Door prefix the dated Azure data no longer holds: left out.
    const frontDoor = { source: 'tag', prefixes: list(['13.107.246.0/24', '150.171.22.0/23']) };
    const { sets, sources } = buildOffline({ cdncheck, ipranges, frontDoor });
    expect(sets.cloudfront).toEqual(list(['13.32.0.0/15'], ['2600:9000::/28']));
    expect(sets.aws).toEqual(list(['52.0.0.0/10']));
    // Google's single address inside Cloudflare's range is noise: Cloudflare keeps it.
    expect(sets.google).toEqual(list(['8.8.8.0/24', '34.64.0.0/10']));
    expect(sets.gcp).toEqual(list(['34.120.0.0/14']));
    // Linode fills 45.79.0.0/16: Linode's; a few Linode blocks inside 104.64.0.0/10 leave it Akamai's,
    // and 104.64.0.0/16, carved out of that edge block, stays Akamai's too.
    expect(sets.linode).toEqual(list(['45.79.0.0/16', '104.200.16.0/20']));
    expect(sets.akamai).toEqual(list(['23.32.0.0/11', '104.64.0.0/10']));
    expect(sets['azure-fd']).toEqual(list(['13.107.246.0/24']));
    expect(sets.azure).toEqual(list(['13.104.0.0/14', '20.0.0.0/11']));
    expect(sources['azure-fd']).toMatchObject({ source: expect.stringContaining('tag'), date: '2026-08-16' });
    expect(sets['github-pages']?.v4).toHaveLength(4);
    expect(sets.github).toEqual(list(['140.82.112.0/20', '185.199.108.0/22']));
    expect(sets.bunny).toEqual(list([]));
    expect(sources.cloudfront).toEqual({
      source: expect.stringContaining('cc cdn.cloudfront'),
      date: '2026-08-16',
      licence: 'MIT',
    });
    expect(sources.akamai).toMatchObject({ date: '2026-08-08', licence: 'CC0-1.0' });
    expect(sources.bunny?.source).toMatch(/^none: /);
  });
});
