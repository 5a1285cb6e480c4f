import { describe, expect, it } from 'vitest';
import { translator } from './__fixtures__/mock-connector.ts';
import { kindPhrases, placeText } from './describe.ts';
import { documentLang, strings } from './i18n.ts';

describe('strings', () => {
  const en = strings(translator('en'));
  const fr = strings(translator('fr'));

  it('picks singular and plural by the messages language (French 0 is singular)', () => {
    expect(en.count('kindScript', 1)).toBe('1 script');
    expect(en.count('kindScript', 0)).toBe('0 scripts');
    expect(fr.count('kindScript', 0)).toBe('0 script');
    expect(fr.count('kindStylesheet', 2)).toBe('2 feuilles de style');
    expect(fr.count('requests', 1_000_000)).toBe('1\u202f000\u202f000 requêtes');
  });

  it('puts kinds into words in a fixed order', () => {
    expect(en.list(kindPhrases(en, { xhr: 2, document: 1, image: 1, font: 0 }))).toBe(
      '1 document, 2 API calls, and 1 image',
    );
    expect(fr.list(kindPhrases(fr, { subframe: 1, media: 3 }))).toBe('3 fichiers multimédias et 1 cadre');
  });

  it('formats places', () => {
    expect(placeText(en, { code: 'CDG', city: 'Paris', country: 'FR' })).toBe('CDG · Paris');
    expect(placeText(en, { code: 'QPG' })).toBe('QPG');
  });
});

describe('documentLang', () => {
  it('uses the UI language when the messages are in it, else the messages language', () => {
    expect(documentLang('fr-CA', 'fr')).toBe('fr-CA');
    expect(documentLang('fr', 'fr')).toBe('fr');
    expect(documentLang('de', 'en')).toBe('en');
    expect(documentLang('en_GB', 'en')).toBe('en-GB');
    expect(documentLang('', 'en')).toBe('en');
  });
});
