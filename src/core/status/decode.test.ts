import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bomEncoding, decodeBody } from './decode.ts';
import { parseFeed } from './parsers/index.ts';

const FIX = join(import.meta.dirname, '__fixtures__', 'aws');
const json = readFileSync(join(FIX, 'currentevents.json'), 'utf8');

function utf16(text: string, bigEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = bigEndian ? 0xfe : 0xff;
  out[1] = bigEndian ? 0xff : 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = bigEndian ? c >> 8 : c & 0xff;
    out[3 + i * 2] = bigEndian ? c & 0xff : c >> 8;
  }
  return out;
}

describe('decodeBody', () => {
  it('decodes UTF-16BE with a BOM (what AWS sends)', () => {
    const bytes = new Uint8Array(readFileSync(join(FIX, 'currentevents.utf16be-bom.bin')));
    expect(bomEncoding(bytes)).toBe('utf-16be');
    expect(decodeBody(bytes)).toBe(json);
  });

  it('decodes UTF-16LE with a BOM', () => {
    const bytes = new Uint8Array(readFileSync(join(FIX, 'currentevents.utf16le-bom.bin')));
    expect(bomEncoding(bytes)).toBe('utf-16le');
    expect(decodeBody(bytes)).toBe(json);
  });

  it('matches the committed binary fixtures byte for byte', () => {
    expect(
      Buffer.from(utf16(json, true)).equals(readFileSync(join(FIX, 'currentevents.utf16be-bom.bin'))),
    ).toBe(true);
    expect(
      Buffer.from(utf16(json, false)).equals(readFileSync(join(FIX, 'currentevents.utf16le-bom.bin'))),
    ).toBe(true);
  });

  it('keeps non-ASCII text in both byte orders', () => {
    const text = '{"t":"São Paulo – 東京 ✓"}';
    expect(decodeBody(utf16(text, true))).toBe(text);
    expect(decodeBody(utf16(text, false))).toBe(text);
  });

  it('strips a UTF-8 BOM and defaults to UTF-8 without one', () => {
    const body = new TextEncoder().encode('{"a":"é"}');
    expect(decodeBody(new Uint8Array([0xef, 0xbb, 0xbf, ...body]))).toBe('{"a":"é"}');
    expect(decodeBody(body)).toBe('{"a":"é"}');
    expect(bomEncoding(body)).toBe('utf-8');
  });

  it('replaces invalid UTF-8 instead of throwing', () => {
    expect(decodeBody(new Uint8Array([0x7b, 0xff, 0x7d]))).toBe('{\uFFFD}');
    expect(decodeBody(new Uint8Array([]))).toBe('');
  });

  it('UTF-8 decoding of the AWS bytes would be garbage; the decoded body parses', () => {
    const bytes = new Uint8Array(readFileSync(join(FIX, 'currentevents.utf16be-bom.bin')));
    const wrong = new TextDecoder('utf-8').decode(bytes);
    expect(
      parseFeed('aws', wrong, { pageUrl: 'https://health.aws.amazon.com/health/status', now: 0 }).ok,
    ).toBe(false);
    const right = parseFeed('aws', decodeBody(bytes), {
      pageUrl: 'https://health.aws.amazon.com/health/status',
      now: 0,
    });
    expect(right.ok && right.status.level).toBe('major_outage');
  });
});
