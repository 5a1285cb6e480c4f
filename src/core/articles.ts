/**
 * The little word before a provider's name, which depends on how the name sounds: English "a
 * Cloudflare outage" but "an Akamai outage", "an AWS outage" (ay-double-you-ess), "a OneTrust
 * banner"; French "de Cloudflare" but "d’Akamai". Spelling decides for most names; names read
 * letter by letter (initialisms) take the sound of their first letter's name; a short list holds
 * the names that sound otherwise.
 */

/** Letters whose English name starts with a vowel sound: "an F5", "an NS1", "an HTTP", "a UPYUN". */
const VOWEL_LETTER_NAMES = new Set('AEFHILMNORSX');
/** The same in French: "d’F5", "d’UPYUN"; H ("ache") keeps its "de", as in "de HTTP". */
const FRENCH_VOWEL_LETTER_NAMES = new Set('AEFILMNORSUXY');

/** Names (or their first words) that do not sound as they are spelt. */
const ENGLISH_SOUND: Readonly<Record<string, 'vowel' | 'consonant'>> = {
  // A word, not an initialism: "a HUMAN".
  HUMAN: 'consonant',
  // "won": "a OneTrust banner", "a one-off".
  One: 'consonant',
  OneTrust: 'consonant',
  // "you": "a unique", "a Unicode", "a European".
  Uni: 'consonant',
  Use: 'consonant',
  Eu: 'consonant',
  // Silent h.
  Hour: 'vowel',
  Honest: 'vowel',
};

const FRENCH_ELIDES: Readonly<Record<string, boolean>> = {
  // "de OneTrust", "de HUMAN", "de YouTube": no elision before these sounds.
  OneTrust: false,
  HUMAN: false,
};

/** The name is read letter by letter: "AWS", "OVHcloud", "CDN77", "F5", "MTCaptcha", "hCaptcha". */
function initialOf(name: string): string | undefined {
  if (/^[A-Z]{2}/.test(name) || /^[A-Z]\d/.test(name)) return name.charAt(0);
  // A lower-case letter before a capital: "hCaptcha" (aitch-captcha), "jQuery" (jay-query).
  if (/^[a-z][A-Z]/.test(name)) return name.charAt(0).toUpperCase();
  return undefined;
}

function lookUp<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  const word = name.split(/[\s(/.]/)[0] ?? name;
  if (Object.hasOwn(table, word)) return table[word];
  for (const [prefix, value] of Object.entries(table)) if (word.startsWith(prefix)) return value;
  return undefined;
}

/** Whether an English name starts with a vowel sound ("an …"). */
export function startsWithVowelSound(name: string): boolean {
  const known = lookUp(ENGLISH_SOUND, name.trim());
  if (known) return known === 'vowel';
  const initial = initialOf(name.trim());
  if (initial) return VOWEL_LETTER_NAMES.has(initial);
  return /^[aeiou]/i.test(name.trim());
}

/** Whether French elides "de" before the name ("d’Akamai"). H and Y names keep it ("de Heroku"). */
export function frenchElides(name: string): boolean {
  const known = lookUp(FRENCH_ELIDES, name.trim());
  if (known !== undefined) return known;
  const initial = initialOf(name.trim());
  if (initial) return FRENCH_VOWEL_LETTER_NAMES.has(initial);
  return /^[aeiouàâéèêîôû]/i.test(name.trim());
}

/**
 * The name with the word a sentence of the language needs before it: English "a Cloudflare",
 * "an Akamai"; French "de Cloudflare", "d’Akamai". Other languages get the name alone.
 */
export function articled(locale: string, name: string): string {
  if (locale.startsWith('fr')) return frenchElides(name) ? `d’${name}` : `de ${name}`;
  if (locale.startsWith('en')) return `${startsWithVowelSound(name) ? 'an' : 'a'} ${name}`;
  return name;
}
