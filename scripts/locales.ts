/**
 * `npm run locales`: merges the message fragments that pure modules keep beside their code
 * (`{ "en": { key: text }, "fr": { key: text } }` with `$1`… placeholders) into
 * public/_locales/<lang>/messages.json, in the extension's format (named placeholders).
 * Keys already in the locale files are left alone. A unit test fails when they are out of sync.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FRAGMENTS, LANGS, type Locale, mergeFragment } from './lib/locales-merge.ts';

const root = join(import.meta.dirname, '..');
for (const lang of LANGS) {
  const path = join(root, 'public', '_locales', lang, 'messages.json');
  let locale = JSON.parse(readFileSync(path, 'utf8')) as Locale;
  for (const fragment of FRAGMENTS) {
    const data = JSON.parse(readFileSync(join(root, fragment), 'utf8')) as Record<
      string,
      Record<string, string>
    >;
    locale = mergeFragment(locale, data[lang] ?? {});
  }
  writeFileSync(path, `${JSON.stringify(locale, null, 2)}\n`);
}
