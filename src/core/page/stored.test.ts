import { describe, expect, it } from 'vitest';
import type { Detection } from '../detect/types.ts';
import { addResponse, MAX_HOSTS, newPage, type PageRecord } from './record.ts';
import { decodeRecord, encodeHead, encodeHost, encodeOverflow, hostCountOf } from './stored.ts';

const cf: Detection = {
  providerId: 'cloudflare',
  role: 'edge',
  pop: 'CDG',
  evidence: [
    { kind: 'header', name: 'server', value: 'cloudflare' },
    { kind: 'header', name: 'cf-ray', value: '8c9a1b2c3d4e5f6a-CDG' },
  ],
};
const fonts: Detection = {
  providerId: 'google-fonts',
  role: 'service',
  evidence: [{ kind: 'host', host: 'fonts.gstatic.com', suffix: 'fonts.gstatic.com' }],
};
const aws: Detection = {
  providerId: 'aws',
  role: 'origin',
  evidence: [{ kind: 'ip', ip: '52.1.2.3', range: '52.0.0.0/11' }],
};

function parts(page: PageRecord): { head: string; hosts: string[]; overflow: string | undefined } {
  return {
    head: encodeHead(page),
    hosts: Object.keys(page.hosts).map((h) => encodeHost(page, h)!),
    overflow: encodeOverflow(page),
  };
}

function shop(): PageRecord {
  const page = newPage(3, 'https://www.maple-shop.com/', 'www.maple-shop.com', 1_000);
  const r = (host: string, kind: 'document' | 'image' | 'font', status = 200) => ({
    url: `https://${host}/x`,
    host,
    kind,
    status,
    ip: '104.16.1.1',
    mainDocument: kind === 'document',
  });
  addResponse(page, r('www.maple-shop.com', 'document'), [cf], 1_001);
  addResponse(page, r('www.maple-shop.com', 'image', 404), [cf], 1_002);
  addResponse(page, r('fonts.gstatic.com', 'font'), [fonts], 1_003);
  addResponse(page, { ...r('api.maple-shop.com', 'image'), ip: undefined }, [], 1_004);
  addResponse(page, r('__proto__', 'image'), [aws], 1_005);
  page.documentError = 'net::ERR_ABORTED';
  return page;
}

describe('stored page record', () => {
  it('comes back as it was: head, hosts in order, tallies, evidence of every kind', () => {
    const page = shop();
    const { head, hosts, overflow } = parts(page);
    const back = decodeRecord(head, hosts, overflow);
    expect(back).toEqual(page);
    expect(Object.keys(back!.hosts)).toEqual(Object.keys(page.hosts));
    expect(hostCountOf(head)).toBe(4);
    expect(overflow).toBeUndefined();
  });

  it('keeps the overflow, and a page marked unsaved', () => {
    const page = newPage(1, 'https://a.example/', 'a.example', 5);
    for (let i = 0; i < MAX_HOSTS + 3; i++)
      addResponse(page, { url: 'https://x/', host: `h${i}.example`, kind: 'image', status: 200 }, [cf], 6);
    page.unsaved = true;
    const { head, hosts, overflow } = parts(page);
    expect(overflow).toBeDefined();
    expect(decodeRecord(head, hosts, overflow)).toEqual(page);
  });

  it('is a fraction of the plain JSON', () => {
    const page = shop();
    const { head, hosts } = parts(page);
    const stored = head.length + hosts.reduce((n, h) => n + h.length, 0);
    expect(stored).toBeLessThan(0.7 * JSON.stringify(page).length);
  });

  it('never mixes in parts of another navigation of the tab', () => {
    const old = shop();
    const fresh = newPage(3, 'https://www.daily-ledger.com/', 'www.daily-ledger.com', 2_000);
    for (const host of ['www.daily-ledger.com', 'img.daily-ledger.com'])
      addResponse(fresh, { url: `https://${host}/`, host, kind: 'document', status: 200 }, [cf], 2_001);
    // The new head and its first host; its second host's part is still the old page's.
    const hosts = [encodeHost(fresh, 'www.daily-ledger.com')!, parts(old).hosts[1]!];
    const back = decodeRecord(encodeHead(fresh), hosts, parts(old).overflow);
    expect(Object.keys(back!.hosts)).toEqual(['www.daily-ledger.com']);
    expect(back!.startedAt).toBe(2_000);
  });

  it('reads garbage as no record, and a garbled part as a missing one', () => {
    for (const head of [undefined, 42, '', 'not json', '{}', '[1,2]', JSON.stringify([99, 1, 1, 'u', 'h'])])
      expect(decodeRecord(head, [], undefined)).toBeUndefined();
    const page = shop();
    const { head, hosts } = parts(page);
    const back = decodeRecord(head, [hosts[0], '[[[', { not: 'a string' }, hosts[3]], 'garbage');
    expect(Object.keys(back!.hosts)).toEqual(['www.maple-shop.com', '__proto__']);
    const wild = decodeRecord(
      head,
      [
        JSON.stringify([
          1_000,
          'h.example',
          -5,
          { image: 'x', document: 2 },
          { '200': 1, bad: 3 },
          'ips',
          0,
          [['cloudflare', 'z']],
        ]),
      ],
      undefined,
    );
    expect(wild!.hosts['h.example']).toEqual({
      requests: 0,
      kinds: { document: 2 },
      statuses: { '200': 1 },
      ips: [],
      providers: {},
      unknown: 0,
    });
  });
});
