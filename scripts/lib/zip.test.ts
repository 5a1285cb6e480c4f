import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zip } from './zip.ts';

/**
 * The archives are read back by Info-ZIP's `unzip` (an independent reader; the packager's
 * `web-ext lint` of the Firefox zip is another, addons-linter's yauzl).
 */
const hasUnzip = spawnSync('unzip', ['-v']).status === 0;

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const ENTRIES = [
  { path: 'manifest.json', data: text(`${JSON.stringify({ name: 'x' }, null, 2)}\n`) },
  { path: 'assets/app.js', data: text('console.log("hello");\n'.repeat(200)) },
  { path: 'icons/empty.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) },
  { path: '_locales/fr/messages.json', data: text('{"a":{"message":"réglages ✓"}}') },
];

function written(entries = ENTRIES): string {
  const file = join(mkdtempSync(join(tmpdir(), 'faultline-zip-')), 'test.zip');
  writeFileSync(file, zip(entries));
  return file;
}

describe('zip', () => {
  it.skipIf(!hasUnzip)('writes an archive unzip reads back, entry for entry, byte for byte', () => {
    const file = written();
    expect(spawnSync('unzip', ['-tq', file]).status).toBe(0);
    const names = execFileSync('unzip', ['-Z1', file], { encoding: 'utf8' }).trim().split('\n');
    expect(names).toEqual(ENTRIES.map((e) => e.path));
    for (const e of ENTRIES) {
      expect(new Uint8Array(execFileSync('unzip', ['-p', file, e.path])), e.path).toEqual(e.data);
    }
  });

  it('deflates what shrinks and stores the rest', () => {
    const bytes = zip(ENTRIES);
    const total = ENTRIES.reduce((n, e) => n + e.data.length, 0);
    expect(bytes.length).toBeLessThan(total);
    // The PNG's local header (method at offset 8) says "stored".
    const at = Buffer.from(bytes).indexOf('icons/empty.png') - 30;
    expect(Buffer.from(bytes).readUInt16LE(at + 8)).toBe(0);
  });

  it('is reproducible: the same entries give the same bytes, with no time of its own', () => {
    expect(Buffer.from(zip(ENTRIES)).equals(Buffer.from(zip(ENTRIES)))).toBe(true);
    const first = Buffer.from(zip(ENTRIES));
    expect(first.readUInt16LE(10)).toBe(0); // DOS time 00:00
    expect(first.readUInt16LE(12)).toBe(0x21); // DOS date 1980-01-01
  });

  it('refuses names that could escape the folder it is unpacked in, and duplicates', () => {
    const data = text('x');
    for (const path of ['', '/etc/passwd', '../x', 'a/../../x', 'a\\b']) {
      expect(() => zip([{ path, data }]), path).toThrow(/unsafe entry name/);
    }
    expect(() =>
      zip([
        { path: 'a', data },
        { path: 'a', data },
      ]),
    ).toThrow(/duplicate entry a/);
  });
});
