/**
 * The one shape of a translation everywhere: an i18n key and its `$1`…`$9` substitutions → text.
 * In the extension it is the i18n API's `getMessage` over the `_locales` the build merges from the
 * message fragments beside the code (`messages.json`); tests translate with the same merge.
 */
import { articled } from './articles.ts';
import type { Category } from './catalog/types.ts';
import type { ResourceKind } from './detect/types.ts';

export type Translate = (key: string, subs?: readonly string[]) => string;

/** The word of each catalog category (the popup's provider line, the analyzer's text). */
export const CATEGORY_KEYS: Readonly<Record<Category, string>> = {
  cdn: 'categoryCdn',
  hosting: 'categoryHosting',
  storage: 'categoryStorage',
  security: 'categorySecurity',
  dns: 'categoryDns',
  service: 'categoryService',
};

/**
 * Plural-key base per resource kind (`kindScript` → kindScriptOne / kindScriptOther), one set of
 * words for the popup, the Markdown summary and the analyzer's text (src/core/messages.json).
 */
export const KIND_KEYS: Readonly<Record<ResourceKind, string>> = {
  document: 'kindDocument',
  script: 'kindScript',
  stylesheet: 'kindStylesheet',
  xhr: 'kindXhr',
  image: 'kindImage',
  font: 'kindFont',
  media: 'kindMedia',
  subframe: 'kindSubframe',
  other: 'kindOther',
};

/** A fragment text with `$1`…`$9` filled in, as `getMessage` fills the merged message. */
export function substitute(text: string, subs: readonly string[] = []): string {
  return text.replace(/\$([1-9])/g, (_, n: string) => subs[Number(n) - 1] ?? '');
}

/**
 * A sentence as an i18n key and its substitutions, each a plain string, a sentence of its own
 * (level words inside a verdict), or a name that takes the language's article before it
 * ("an Akamai", "d’Akamai": see articles.ts). Plain JSON, so it travels to the popup as it is.
 */
export interface Phrase {
  readonly key: string;
  readonly subs: readonly PhraseSub[];
}

export type PhraseSub = string | Phrase | { readonly articled: string };

/** The language `t` writes in (its `locale` message), as a tag `Intl` accepts; `en` otherwise. */
export function localeOf(t: Translate): string {
  try {
    return Intl.getCanonicalLocales(t('locale') || 'en')[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** A phrase in words, in the language of `t` (its `locale` message). */
export function say(t: Translate, phrase: Phrase): string {
  const locale = localeOf(t);
  const subs = phrase.subs.map((sub) =>
    typeof sub === 'string' ? sub : 'articled' in sub ? articled(locale, sub.articled) : say(t, sub),
  );
  return t(phrase.key, subs);
}
