import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toEntry } from '../../../scripts/lib/locales-merge.ts';
import messages from './messages.json' with { type: 'json' };

const dir = import.meta.dirname;
const en: Record<string, string> = messages.en;
const fr: Record<string, string> = messages.fr;

/** Every `res…` key the code names (as a literal, or as a plural base + One/Other). */
function keysInCode(): Set<string> {
  const keys = new Set<string>();
  for (const f of readdirSync(dir)) {
    if (!/\.ts$/.test(f) || /\.test\.ts$/.test(f) || f === 'fixtures.ts') continue;
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/'(res[A-Z][A-Za-z]*)'/g)) {
      const k = m[1]!;
      if (k.startsWith('resKind')) keys.add(`${k}One`).add(`${k}Other`);
      else keys.add(k);
    }
  }
  return keys;
}

const placeholders = (s: string) => [...new Set(s.match(/\$[1-9]/g) ?? [])].sort();

describe('resilience messages', () => {
  it('English and French have the same keys, none empty', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const v of [...Object.values(en), ...Object.values(fr)]) expect(v.trim()).not.toBe('');
  });

  it('every key the code uses has a text, and every text is used', () => {
    const used = keysInCode();
    expect(used.size).toBeGreaterThan(80);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !used.has(k))).toEqual([]);
  });

  it('the French text uses the same placeholders as the English one', () => {
    for (const k of Object.keys(en)) expect([k, placeholders(fr[k]!)]).toEqual([k, placeholders(en[k]!)]);
  });

  it('are merged into the extension’s locale files (npm run locales)', () => {
    const shipped = JSON.parse(
      readFileSync(join(dir, '../../../public/_locales/en/messages.json'), 'utf8'),
    ) as Record<string, unknown>;
    const differing = Object.keys(en).filter(
      (k) => JSON.stringify(shipped[k]) !== JSON.stringify(toEntry(en[k]!)),
    );
    expect(differing).toEqual([]);
  });
});
