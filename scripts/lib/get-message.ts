/**
 * `i18n.getMessage` over a parsed messages.json, as Chrome and Firefox implement it: named
 * placeholders `$NAME$` expand to their `content`, then `$1`…`$9` take the substitutions and
 * `$$` is a dollar sign. Tests and the e2e expectations read the merged locales through it, so
 * they see the texts the browsers show.
 */
export interface MessageEntry {
  readonly message: string;
  readonly description?: string;
  readonly placeholders?: Readonly<Record<string, { readonly content: string; readonly example?: string }>>;
}

export type MessageFile = Readonly<Record<string, MessageEntry>>;

export function getMessage(
  file: MessageFile,
  key: string,
  substitutions?: string | readonly string[],
): string | undefined {
  const entry = Object.hasOwn(file, key) ? file[key] : undefined;
  if (!entry) return undefined;
  const subs =
    substitutions === undefined ? [] : typeof substitutions === 'string' ? [substitutions] : substitutions;
  const placeholders = new Map(
    Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]),
  );
  const expanded = entry.message.replace(/\$([A-Za-z0-9_@]+)\$/g, (whole, name: string) => {
    const content = placeholders.get(name.toLowerCase());
    return content ?? whole;
  });
  return expanded.replace(/\$(\$|[1-9])/g, (_, what: string) =>
    what === '$' ? '$' : (subs[Number(what) - 1] ?? ''),
  );
}
