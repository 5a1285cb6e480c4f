import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMessage, type MessageFile } from '../../scripts/lib/get-message.ts';
import { providerById } from '../../src/core/catalog/index.ts';
import { placeOf } from '../../src/core/catalog/places.ts';
import type { ExpectedProvider } from '../lab/types.ts';
import { DIST_CHROME } from './paths.ts';
import type { BrowserName } from './types.ts';

/** Browsers to run, all by default; `E2E_BROWSERS=chromium` narrows it while developing. */
export function browsersUnderTest(): BrowserName[] {
  const all: BrowserName[] = ['chromium', 'firefox'];
  const wanted = process.env.E2E_BROWSERS?.split(',').map((s) => s.trim());
  return wanted ? all.filter((b) => wanted.includes(b)) : all;
}

export function providerName(id: string): string {
  const provider = providerById.get(id);
  if (!provider) throw new Error(`Lab expects "${id}", which is not in the catalog`);
  return provider.name;
}

/** The city a PoP code stands for (from the catalog's place table). */
export function cityOf(code: string): string | undefined {
  return placeOf(code).city;
}

/** What the toolbar title must say for these providers (in any order after the dash). */
export function expectedTitleNames(expected: readonly ExpectedProvider[]): string[] {
  return expected.map((p) => providerName(p.id)).sort();
}

export const sorted = (xs: readonly string[]): string[] => [...xs].sort();

let shipped: MessageFile | undefined;

/** The English locale of the build under test (`npm run build` merged it from the fragments). */
function englishLocale(): MessageFile {
  shipped ??= JSON.parse(
    readFileSync(join(DIST_CHROME, '_locales', 'en', 'messages.json'), 'utf8'),
  ) as MessageFile;
  return shipped;
}

/** A message of the English locale, substituted as the browsers do (the browsers run in English). */
export function en(key: string, substitutions?: string | readonly string[]): string {
  const text = getMessage(englishLocale(), key, substitutions);
  if (text === undefined) throw new Error(`No "${key}" in the en locale`);
  return text;
}

/** `#c5221f` → [197, 34, 31, 255], as getBadgeBackgroundColor answers. */
export function rgba(hex: string): number[] {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [Number.parseInt(m[1]!, 16), Number.parseInt(m[2]!, 16), Number.parseInt(m[3]!, 16), 255];
}
