/**
 * Pure helpers to turn `$1`-style message fragments into the extension's messages.json entries
 * (named placeholders `$P1$` → content `$1`), shared by `npm run locales` and its sync test.
 */
export interface LocaleEntry {
  message: string;
  placeholders?: Record<string, { content: string }>;
}
export type Locale = Record<string, LocaleEntry>;

export const LANGS = ['en', 'fr'] as const;

/** Fragments merged into the locale files, relative to the repository root. */
export const FRAGMENTS = ['src/core/resilience/messages.json', 'src/options/messages.json'];

export function toEntry(raw: string): LocaleEntry {
  // A literal dollar sign is written `$$` in messages.json.
  const text = raw.replace(/\$(?!\d)/g, '$$$$');
  const numbers = [...new Set([...text.matchAll(/\$(\d)/g)].map((m) => m[1]!))].sort();
  if (numbers.length === 0) return { message: text };
  const placeholders: Record<string, { content: string }> = {};
  for (const n of numbers) placeholders[`p${n}`] = { content: `$${n}` };
  return { message: text.replace(/\$(\d)/g, (_, n: string) => `$P${n}$`), placeholders };
}

export function mergeFragment(locale: Locale, fragment: Readonly<Record<string, string>>): Locale {
  const out: Locale = { ...locale };
  for (const [key, text] of Object.entries(fragment)) if (!(key in out)) out[key] = toEntry(text);
  return out;
}
