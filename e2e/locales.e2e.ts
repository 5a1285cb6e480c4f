import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../scripts/lib/locales-fragments.ts';
import { localeFiles } from '../scripts/lib/locales-merge.ts';
import { DIST_CHROME, DIST_FIREFOX } from './lib/paths.ts';

/**
 * `npm run build` ships `_locales/` merged from the message fragments beside the code: the very
 * merge the unit tests translate with, and every `__MSG_…__` of the built manifest defined.
 */
describe.each([DIST_CHROME, DIST_FIREFOX])('the build in %s', (dist) => {
  it('ships the merged message fragments as its locale files', () => {
    for (const { fileName, source } of localeFiles(locales()))
      expect(readFileSync(join(dist, fileName), 'utf8'), fileName).toBe(source);
  });

  it('resolves every message its manifest names, in every language', () => {
    const manifest = readFileSync(join(dist, 'manifest.json'), 'utf8');
    const keys = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(keys.length).toBeGreaterThan(0);
    expect(JSON.parse(manifest).default_locale).toBe('en');
    for (const lang of ['en', 'fr']) {
      const file = JSON.parse(readFileSync(join(dist, '_locales', lang, 'messages.json'), 'utf8'));
      for (const key of keys) expect(file[key]?.message, `${lang} ${key}`).toBeTruthy();
    }
  });
});
