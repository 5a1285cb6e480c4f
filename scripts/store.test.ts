import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHOTS, STORE_SIZE } from '../e2e/lib/store-shots.ts';
import { MAX_DNS_DOMAINS } from '../src/background/dns.ts';
import { dohUrl, RESOLVERS } from '../src/core/resilience/dns.ts';
import { DEFAULT_SETTINGS } from '../src/core/settings.ts';
import { translator } from './lib/locales-fragments.ts';
import { EXPLAINED } from './lib/package.ts';

/**
 * The store texts (store/) say what the code, the manifest and the README say: a reviewer who
 * compares them finds no difference, and a change to one that forgets the others fails here.
 */
const ROOT = join(import.meta.dirname, '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

const README = read('README.md');
const manifest = JSON.parse(read('manifest.json')) as {
  permissions: string[];
  host_permissions: string[];
  browser_specific_settings: {
    gecko: {
      strict_min_version: string;
      data_collection_permissions: { required?: string[]; optional?: string[] };
    };
    gecko_android?: { strict_min_version: string };
  };
};
const pkg = JSON.parse(read('package.json')) as { version: string };

/** A `## Heading` section of a Markdown text, without its heading. */
function section(text: string, heading: string): string {
  const start = text.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`no "## ${heading}" section`);
  const from = start + heading.length + 5;
  const end = text.indexOf('\n## ', from);
  return text.slice(from, end < 0 ? undefined : end).trim();
}

describe('store texts', () => {
  it('the privacy policy is the README’s "Privacy" section, word for word', () => {
    const policy = read('store/privacy-policy.md')
      .replace(/^# .*\n/, '')
      .replace(/<!--[\s\S]*?-->/g, '')
      .trim();
    expect(policy).toBe(section(README, 'Privacy'));
  });

  it('every permission of the manifest is justified, in the README and the store texts, and none else', () => {
    const justified = read('store/permissions.md');
    const headings = [...justified.matchAll(/^### (.+)$/gm)].map((m) => m[1]!);
    const wanted = [
      ...manifest.permissions.map((p) => `\`${p}\``),
      ...manifest.host_permissions.map((h) => `Host permission \`${h}\``),
    ];
    expect(headings.sort()).toEqual(wanted.sort());
    const table = section(README, 'Permissions, and why');
    for (const p of manifest.permissions) expect(table, p).toContain(`| \`${p}\``);
    expect(table).toContain('host access to all sites');
  });

  it('declares to Firefox the browsing activity the DNS look-ups send', () => {
    const { data_collection_permissions: declared, strict_min_version } =
      manifest.browser_specific_settings.gecko;
    // Optional: nothing is sent before the user says yes to the add-on's own question, which then
    // asks Firefox for it (src/shell/data-collection.ts); off by default.
    expect(DEFAULT_SETTINGS.dnsConsent).toBe(false);
    expect(declared).toEqual({ required: ['none'], optional: ['browsingActivity'] });
    expect(strict_min_version).toBe('140.0');
    // data_collection_permissions exists on Android from 142 (web-ext lint warns otherwise).
    expect(manifest.browser_specific_settings.gecko_android?.strict_min_version).toBe('142.0');
  });

  it('says what the DNS look-ups send, and to whom, as the code does it', () => {
    const texts = {
      README: section(README, 'Privacy'),
      'store/permissions.md': read('store/permissions.md'),
      'store/amo-reviewer-notes.md': read('store/amo-reviewer-notes.md'),
    };
    for (const [name, text] of Object.entries(texts)) {
      const flat = text.replace(/\s+/g, ' ');
      expect(flat, name).toContain(`(at most ${MAX_DNS_DOMAINS}`);
      for (const resolver of RESOLVERS)
        expect(flat, name).toContain(new URL(dohUrl(resolver, 'x', 'NS')).host);
    }
    const t = translator('en');
    expect(t('optPrivacyTraffic')).toContain(`(at most ${MAX_DNS_DOMAINS})`);
    expect(translator('fr')('optPrivacyTraffic')).toContain(`(${MAX_DNS_DOMAINS} au plus)`);
  });

  it.each(['en', 'fr'] as const)('the %s listing carries the extension’s own name and summary', (lang) => {
    const listing = read(`store/listing.${lang}.md`);
    const t = translator(lang);
    const [name, summary] = lang === 'en' ? ['Name', 'Summary'] : ['Nom', 'Résumé'];
    expect(section(listing, name)).toBe(t('extensionName'));
    expect(section(listing, summary)).toBe(t('extensionDescription'));
    // The Chrome Web Store's limit for the summary (and the manifest's description).
    expect(t('extensionDescription').length).toBeLessThanOrEqual(132);
  });

  it('the reviewer notes explain every lint finding a package may ship with', () => {
    const notes = read('store/amo-reviewer-notes.md');
    for (const e of EXPLAINED) expect(notes).toContain(e.code);
  });

  it('the changelog has an entry for the version being packaged', () => {
    expect(read('CHANGELOG.md')).toMatch(new RegExp(`^## ${pkg.version.replaceAll('.', '\\.')}\\b`, 'm'));
  });

  it('holds the store screenshots the demo makes (npm start -- --store): 1280×800 PNGs', () => {
    const dir = join(ROOT, 'store', 'screenshots');
    const files = readdirSync(dir).sort();
    expect(files).toEqual(SHOTS.map((s, i) => `${i + 1}-${s.id}.png`));
    for (const file of files) {
      const png = readFileSync(join(dir, file));
      expect(png.subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a');
      expect({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) }, file).toEqual(STORE_SIZE);
    }
  });
});
