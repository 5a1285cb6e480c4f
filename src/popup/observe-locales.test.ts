import { describe, expect, it } from 'vitest';
import { getMessage } from '../../scripts/lib/get-message.ts';
import { locales } from '../../scripts/lib/locales-fragments.ts';
import catalogSource from '../core/catalog/messages.json' with { type: 'json' };
import { ERROR_KIND_KEYS } from '../core/observe/errors.ts';
import { EXPLANATIONS } from '../core/observe/explanations.ts';
import observeSource from '../core/observe/messages.json' with { type: 'json' };

const LOCALES = locales();

const SUBS = ['«1»', '«2»', '«3»', '«4»', '«5»', '«6»', '«7»', '«8»', '«9»'];

describe('observe messages in the extension’s locale files', () => {
  for (const locale of ['en', 'fr'] as const) {
    const file = LOCALES[locale];
    const texts = { ...observeSource[locale], ...catalogSource[locale] } as Record<string, string>;

    it(`${locale}: every message of observe/ and catalog/messages.json, with the same text and substitutions`, () => {
      for (const [key, text] of Object.entries(texts)) {
        const expected = text.replace(/\$([1-9])/g, (_, n: string) => SUBS[Number(n) - 1]!);
        expect(getMessage(file, key, SUBS), key).toBe(expected);
      }
    });

    it(`${locale}: substitutions are declared as named placeholders`, () => {
      for (const key of Object.keys(texts)) {
        const entry = file[key]!;
        expect(entry.message, key).not.toMatch(/\$[1-9]/);
        for (const [name, p] of Object.entries(entry.placeholders ?? {})) {
          expect(entry.message.toLowerCase(), `${key}.${name}`).toContain(`$${name.toLowerCase()}$`);
          expect(p.content, `${key}.${name}`).toMatch(/^\$[1-9]$/);
        }
      }
    });

    it(`${locale}: has the explanation rows’, error kinds’ and popup’s keys`, () => {
      const keys = [
        ...EXPLANATIONS.map((row) => row.key),
        ...Object.values(ERROR_KIND_KEYS),
        'localConnectionProblem',
        'errorSeenOne',
        'errorSeenOther',
      ];
      for (const key of keys) expect(file[key]?.message, key).toBeTruthy();
    });
  }
});
