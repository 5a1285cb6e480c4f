import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAGMENTS, LANGS, type Locale, toEntry } from './locales-merge.ts';

const root = join(import.meta.dirname, '..', '..');

describe('locale fragments', () => {
  it('turns $n into named placeholders and escapes literal dollars', () => {
    expect(toEntry('If $1 fails: $2.')).toEqual({
      message: 'If $P1$ fails: $P2$.',
      placeholders: { p1: { content: '$1' }, p2: { content: '$2' } },
    });
    expect(toEntry('costs $5 or US$')).toEqual({
      message: 'costs $P5$ or US$$',
      placeholders: { p5: { content: '$5' } },
    });
  });

  it.each(LANGS)('are merged into public/_locales/%s (run `npm run locales`)', (lang) => {
    const locale = JSON.parse(
      readFileSync(join(root, 'public', '_locales', lang, 'messages.json'), 'utf8'),
    ) as Locale;
    for (const fragment of FRAGMENTS) {
      const data = JSON.parse(readFileSync(join(root, fragment), 'utf8')) as Record<
        string,
        Record<string, string>
      >;
      for (const [key, text] of Object.entries(data[lang] ?? {}))
        expect(locale[key], key).toEqual(toEntry(text));
    }
  });
});
