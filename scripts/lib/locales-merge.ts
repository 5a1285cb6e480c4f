/**
 * The extension's strings live in message fragments beside the code that uses them: any
 * `messages.json` (or `<name>.messages.json`) under src/, shaped `{ "en": { key: text }, "fr": …}`.
 * In a text `$1`…`$9` are the substitutions (no other `$`: browsers disagree on escaped ones);
 * plural forms are two keys, `<base>One` and `<base>Other`. This pure module merges the fragments
 * into the extension's `_locales/<lang>/messages.json` (named placeholders `$P1$` → content `$1`),
 * refusing anything a browser would silently get wrong: a key defined twice, a key missing in one
 * language, different substitutions between languages, an empty text.
 * The build (vite.config.ts), the tests and the locale check all merge through `mergeFragments`.
 */
export interface LocaleEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Locale = Record<string, LocaleEntry>;

export const LANGS = ['en', 'fr'] as const;
export type Lang = (typeof LANGS)[number];
export type Locales = Readonly<Record<Lang, Locale>>;

/** One fragment file: where it is (repository-relative, for messages) and its parsed JSON. */
export interface Fragment {
  readonly path: string;
  readonly data: unknown;
}

/** The fragments are wrong; `problems` lists every one found, one line each. */
export class LocaleError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`message fragments:\n  ${problems.join('\n  ')}`);
    this.name = 'LocaleError';
  }
}

/** Is this file name a message fragment? */
export function isFragmentName(name: string): boolean {
  return name === 'messages.json' || name.endsWith('.messages.json');
}

/** messages.json keys: ASCII letters, digits and `_`; `@@` names are the browser's own. */
const KEY = /^[A-Za-z0-9_]+$/;

/** The substitutions a text uses, `$1`…`$9`, in order. */
export function substitutionsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\$([1-9])/g)].map((m) => m[1]!))].sort();
}

/** A fragment text as a messages.json entry. */
export function toEntry(text: string): LocaleEntry {
  const numbers = substitutionsOf(text);
  if (numbers.length === 0) return { message: text };
  const placeholders: Record<string, { content: string }> = {};
  for (const n of numbers) placeholders[`p${n}`] = { content: `$${n}` };
  return { message: text.replace(/\$([1-9])/g, (_, n: string) => `$P${n}$`), placeholders };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** The texts of one fragment per language, with what is wrong in it. */
function readFragment(f: Fragment, problems: string[]): Partial<Record<Lang, Record<string, string>>> {
  if (!isRecord(f.data)) {
    problems.push(`${f.path}: not an object of languages`);
    return {};
  }
  const out: Partial<Record<Lang, Record<string, string>>> = {};
  for (const lang of Object.keys(f.data))
    if (!(LANGS as readonly string[]).includes(lang)) problems.push(`${f.path}: unknown language "${lang}"`);
  for (const lang of LANGS) {
    const texts = f.data[lang];
    if (!isRecord(texts)) {
      problems.push(`${f.path}: no "${lang}" object`);
      continue;
    }
    const table: Record<string, string> = {};
    for (const [key, text] of Object.entries(texts)) {
      if (!KEY.test(key)) problems.push(`${f.path}: ${lang}.${key}: not a valid message name`);
      else if (typeof text !== 'string' || text.trim() === '')
        problems.push(`${f.path}: ${lang}.${key}: not a non-empty string`);
      else if (/\$(?![1-9])/.test(text)) problems.push(`${f.path}: ${lang}.${key}: a $ that is not $1…$9`);
      else table[key] = text;
    }
    out[lang] = table;
  }
  return out;
}

/**
 * All fragments → one locale per language. Deterministic: fragments in path order, keys in file
 * order, whatever order the fragments come in. Throws a `LocaleError` listing every problem.
 */
export function mergeFragments(fragments: readonly Fragment[]): Locales {
  const problems: string[] = [];
  const locales = Object.fromEntries(LANGS.map((lang) => [lang, {}])) as Record<Lang, Locale>;
  const owner = new Map<string, string>();
  const ordered = [...fragments].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const f of ordered) {
    const tables = readFragment(f, problems);
    const en = tables.en;
    for (const lang of LANGS) {
      const other = tables[lang];
      if (lang === 'en' || !en || !other) continue;
      for (const key of Object.keys(en))
        if (!Object.hasOwn(other, key)) problems.push(`${f.path}: ${key} is in "en" but not in "${lang}"`);
        else if (substitutionsOf(en[key]!).join() !== substitutionsOf(other[key]!).join())
          problems.push(`${f.path}: ${key} has other substitutions in "${lang}" than in "en"`);
      for (const key of Object.keys(other))
        if (!Object.hasOwn(en, key)) problems.push(`${f.path}: ${key} is in "${lang}" but not in "en"`);
    }
    for (const lang of LANGS) {
      for (const [key, text] of Object.entries(tables[lang] ?? {})) {
        const first = owner.get(key);
        if (first !== undefined && first !== f.path) {
          if (lang === 'en') problems.push(`${key} is defined twice: ${first} and ${f.path}`);
          continue;
        }
        owner.set(key, f.path);
        locales[lang][key] = toEntry(text);
      }
    }
  }
  if (problems.length > 0) throw new LocaleError(problems);
  return locales;
}

/** The locale files a build ships: `_locales/<lang>/messages.json` and their text. */
export function localeFiles(locales: Locales): { fileName: string; source: string }[] {
  return LANGS.map((lang) => ({
    fileName: `_locales/${lang}/messages.json`,
    source: `${JSON.stringify(locales[lang], null, 2)}\n`,
  }));
}
