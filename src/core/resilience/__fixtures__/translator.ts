import type { Translate } from '../../i18n.ts';
import messages from '../messages.json' with { type: 'json' };

/** Test helpers: page views built with the real record/view code, and a messages.json translator. */

export { buildView, type Served } from '../../page/__fixtures__/pages.ts';

type Locale = keyof typeof messages;

/** `t` over messages.json, substituting `$1`…`$9` like the extension i18n API. */
export function translator(locale: Locale = 'en'): Translate {
  const table: Record<string, string> = messages[locale];
  return (key, subs = []) => {
    const text = table[key];
    if (text === undefined) throw new Error(`missing message ${key}`);
    return text.replace(/\$([1-9])/g, (_, n: string) => subs[Number(n) - 1] ?? '');
  };
}
