import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { substitute } from '../../src/core/i18n.ts';
import { getMessage } from './get-message.ts';
import { fragmentPaths, locales, ROOT, readFragments } from './locales-fragments.ts';
import { type Fragment, LocaleError, localeFiles, mergeFragments, toEntry } from './locales-merge.ts';
import { localesPlugin } from './locales-plugin.ts';

const frag = (path: string, en: Record<string, string>, fr: Record<string, string> = en): Fragment => ({
  path,
  data: { en, fr },
});

/** The problems `mergeFragments` reports for these fragments (none: []). */
function problems(...fragments: Fragment[]): readonly string[] {
  try {
    mergeFragments(fragments);
    return [];
  } catch (e) {
    if (e instanceof LocaleError) return e.problems;
    throw e;
  }
}

describe('toEntry', () => {
  it('turns $n into named placeholders', () => {
    expect(toEntry('If $1 fails: $2, $1.')).toEqual({
      message: 'If $P1$ fails: $P2$, $P1$.',
      placeholders: { p1: { content: '$1' }, p2: { content: '$2' } },
    });
    expect(toEntry('plain')).toEqual({ message: 'plain' });
  });

  it('reads back through getMessage as the fragment text, substituted', () => {
    const text = fc.stringMatching(/^([a-z 0-9P]|\$[1-9])*$/);
    const subs = fc.array(fc.stringMatching(/^[a-z$1-9]{0,5}$/), { maxLength: 9 });
    fc.assert(
      fc.property(text, subs, (t, s) => {
        expect(getMessage({ k: toEntry(t) }, 'k', s)).toBe(substitute(t, s));
      }),
    );
  });
});

describe('mergeFragments', () => {
  const a = frag('src/a/messages.json', { aOne: 'one $1', aTwo: 'two' }, { aOne: 'un $1', aTwo: 'deux' });
  const b = frag('src/b/x.messages.json', { bKey: 'bee' }, { bKey: 'bé' });

  it('merges every key of every fragment, in path order then file order, whatever the input order', () => {
    const merged = mergeFragments([b, a]);
    expect(Object.keys(merged.en)).toEqual(['aOne', 'aTwo', 'bKey']);
    expect(merged.fr.aOne).toEqual(toEntry('un $1'));
    expect(JSON.stringify(mergeFragments([a, b]))).toBe(JSON.stringify(merged));
    expect(localeFiles(merged).map((f) => f.fileName)).toEqual([
      '_locales/en/messages.json',
      '_locales/fr/messages.json',
    ]);
    expect(JSON.parse(localeFiles(merged)[1]!.source)).toEqual(merged.fr);
  });

  it('refuses a key defined in two fragments', () => {
    expect(problems(a, frag('src/c/messages.json', { aTwo: 'again' }))).toEqual([
      'aTwo is defined twice: src/a/messages.json and src/c/messages.json',
    ]);
  });

  it('refuses a key missing in one language, or with other substitutions', () => {
    expect(problems(frag('src/m.messages.json', { x: 'x', y: 'y $1' }, { y: 'y', z: 'z' }))).toEqual([
      'src/m.messages.json: x is in "en" but not in "fr"',
      'src/m.messages.json: y has other substitutions in "fr" than in "en"',
      'src/m.messages.json: z is in "fr" but not in "en"',
    ]);
  });

  it('refuses what is not a fragment, listing every problem at once', () => {
    expect(
      problems(
        { path: 'src/list/messages.json', data: [] },
        { path: 'src/de/messages.json', data: { en: {}, fr: {}, de: {} } },
        { path: 'src/half/messages.json', data: { en: {} } },
        frag('src/bad/messages.json', {
          'no-dash': 'a',
          empty: ' ',
          dollar: 'US$',
          zero: 'a $0',
          num: 3 as unknown as string,
        }),
      ),
    ).toEqual([
      'src/bad/messages.json: en.no-dash: not a valid message name',
      'src/bad/messages.json: en.empty: not a non-empty string',
      'src/bad/messages.json: en.dollar: a $ that is not $1…$9',
      'src/bad/messages.json: en.zero: a $ that is not $1…$9',
      'src/bad/messages.json: en.num: not a non-empty string',
      'src/bad/messages.json: fr.no-dash: not a valid message name',
      'src/bad/messages.json: fr.empty: not a non-empty string',
      'src/bad/messages.json: fr.dollar: a $ that is not $1…$9',
      'src/bad/messages.json: fr.zero: a $ that is not $1…$9',
      'src/bad/messages.json: fr.num: not a non-empty string',
      'src/de/messages.json: unknown language "de"',
      'src/half/messages.json: no "fr" object',
      'src/list/messages.json: not an object of languages',
    ]);
  });
});

describe('this repository’s fragments', () => {
  it('are found beside the code, the observe explanations’ fragment included', () => {
    const paths = readFragments().map((f) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['src/core/messages.json', 'src/popup/messages.json']));
    expect(paths.some((p) => p.startsWith('src/core/observe/') && p.endsWith('messages.json'))).toBe(true);
    expect(paths.some((p) => p.includes('__fixtures__'))).toBe(false);
  });

  it('merge without a problem, every key of every fragment in both languages', () => {
    const keys = readFragments().flatMap((f) => Object.keys((f.data as { en: object }).en));
    const { en, fr } = locales();
    expect(keys.length).toBeGreaterThan(300);
    expect(Object.keys(en).sort()).toEqual([...keys].sort());
    expect(Object.keys(fr).sort()).toEqual([...keys].sort());
  });

  it('are what the build plugin emits, and what it watches', () => {
    const plugin = localesPlugin(ROOT);
    const watched: string[] = [];
    const emitted: unknown[] = [];
    const context = {
      addWatchFile: (path: string) => watched.push(path),
      emitFile: (file: unknown) => emitted.push(file),
    };
    (plugin.buildStart as unknown as (this: typeof context) => void).call(context);
    (plugin.generateBundle as unknown as (this: typeof context) => void).call(context);
    expect(watched).toEqual(fragmentPaths(ROOT));
    expect(emitted).toEqual(localeFiles(locales()).map((f) => ({ type: 'asset', ...f })));
  });
});
