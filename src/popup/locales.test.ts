import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { locales } from '../../scripts/lib/locales-fragments.ts';
import { LEVEL_KEYS } from '../core/badge.ts';
import { CATEGORY_KEYS, KIND_KEYS } from '../core/i18n.ts';
import { ROLE_TEXT } from './describe.ts';
import { GROUP_TITLE } from './groups.ts';
import { SEVERITY_TEXT } from './resilience-text.ts';
import { EVENT_STATE_TEXT, REASON_TEXT } from './status-text.ts';

/** What the build ships: the message fragments merged. */
const { en, fr } = locales();

function placeholderNames(key: string, file: typeof en): string[] {
  return Object.keys(file[key]?.placeholders ?? {}).sort();
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sources(path);
    return /\.tsx?$/.test(d.name) && !/\.test\.tsx?$/.test(d.name) ? [path] : [];
  });
}

/** Keys the popup code names literally: t('x'), count('x', n) (→ xOne/xOther), <Message id="x">. */
function keysUsedInCode(): string[] {
  const keys = new Set<string>();
  for (const file of sources(new URL('.', import.meta.url).pathname)) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(/\bt\(\s*'(\w+)'/g)) keys.add(m[1]!);
    for (const m of code.matchAll(/\bcount\(\s*'(\w+)'/g)) {
      keys.add(`${m[1]}One`);
      keys.add(`${m[1]}Other`);
    }
    for (const m of code.matchAll(/<Message\s+id="(\w+)"/g)) keys.add(m[1]!);
  }
  for (const k of [
    ...Object.values(ROLE_TEXT),
    ...Object.values(CATEGORY_KEYS),
    ...Object.values(GROUP_TITLE),
    ...Object.values(LEVEL_KEYS),
    ...Object.values(REASON_TEXT),
    ...Object.values(EVENT_STATE_TEXT),
    ...Object.values(SEVERITY_TEXT),
    'reasonOther',
  ])
    keys.add(k);
  for (const base of Object.values(KIND_KEYS)) {
    keys.add(`${base}One`);
    keys.add(`${base}Other`);
  }
  return [...keys].sort();
}

describe('merged locales', () => {
  it('English and French have the same keys and the same placeholders', () => {
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en))
      expect(placeholderNames(key, fr), key).toEqual(placeholderNames(key, en));
  });

  it('has the keys the manifest and the badge use', () => {
    const manifest = readFileSync(join(import.meta.dirname, '../../manifest.json'), 'utf8');
    const fromManifest = [...manifest.matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(new Set(fromManifest)).toEqual(new Set(['extensionName', 'extensionDescription']));
    for (const key of [
      ...fromManifest,
      'badgeTitleProviders',
      'badgeTitleIncident',
      'badgeTitleState',
      ...Object.values(LEVEL_KEYS),
    ]) {
      expect(en[key]?.message).toBeTruthy();
      expect(fr[key]?.message).toBeTruthy();
    }
  });

  it('has every key the popup code uses, in both languages', () => {
    const used = keysUsedInCode();
    expect(used.length).toBeGreaterThan(40);
    expect(used.filter((k) => !(k in en))).toEqual([]);
    expect(used.filter((k) => !(k in fr))).toEqual([]);
  });

  it('names its own language for plural rules', () => {
    expect(en.locale?.message).toBe('en');
    expect(fr.locale?.message).toBe('fr');
  });

  it('is really translated: French differs from English except for names and formats', () => {
    const same = Object.keys(en).filter((k) => en[k]?.message === fr[k]?.message);
    expect(same.sort()).toEqual(
      [
        'extensionName',
        'badgeTitleProviders',
        'groupDns',
        'categoryCdn',
        'categoryDns',
        'popPlace',
        'placeCity',
        'statusUnknownBecause',
        'announceStatus',
        'timeMinutes',
        'timeHours',
        'kindDocumentOne',
        'kindDocumentOther',
        'kindScriptOne',
        'kindScriptOther',
        'kindImageOne',
        'kindImageOther',
        // The options page's own word: the same in both languages.
        'optVersion',
        // The verdict's formats: a status code, two sentences side by side.
        'verdictHttp',
        'verdictEvidencePair',
        // A duration's format ("2 h 05 min").
        'durHours',
      ].sort(),
    );
  });
});
