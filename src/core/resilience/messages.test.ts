import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import messages from './messages.json' with { type: 'json' };

const dir = import.meta.dirname;
const en: Record<string, string> = messages.en;

/** Every `res…` key the code names. */
function keysInCode(): Set<string> {
  const keys = new Set<string>();
  for (const f of readdirSync(dir)) {
    if (!/\.ts$/.test(f) || /\.test\.ts$/.test(f) || f === 'fixtures.ts') continue;
    const text = readFileSync(join(dir, f), 'utf8');
    for (const m of text.matchAll(/'(res[A-Z][A-Za-z]*)'/g)) {
      keys.add(m[1]!);
    }
  }
  return keys;
}

describe('resilience messages', () => {
  it('every key the code uses has a text, and every text is used', () => {
    const used = keysInCode();
    expect(used.size).toBeGreaterThan(80);
    expect([...used].filter((k) => !(k in en))).toEqual([]);
    expect(Object.keys(en).filter((k) => !used.has(k))).toEqual([]);
  });
});
