import { describe, expect, it } from 'vitest';
import { EU_MEMBERS, inEu, isCountryCode, regimeOf } from './jurisdictions.ts';

describe('jurisdictions', () => {
  it('knows the 27 EU member states, and that the UK left', () => {
    expect(EU_MEMBERS.size).toBe(27);
    for (const c of ['FR', 'DE', 'IE', 'SI', 'LU', 'BG', 'CY', 'HR']) expect(inEu(c), c).toBe(true);
    for (const c of ['GB', 'CH', 'NO', 'US', 'TR', 'IS']) expect(inEu(c), c).toBe(false);
    expect(inEu('fr')).toBe(true);
  });

  it('reads the regime from the country', () => {
    expect(regimeOf('US')).toBe('us');
    expect(regimeOf('FR')).toBe('eu');
    expect(regimeOf('si')).toBe('eu');
    expect(regimeOf('CN')).toBe('cn');
    expect(regimeOf('RU')).toBe('ru');
    expect(regimeOf('GB')).toBe('national');
    expect(regimeOf('CH')).toBe('national');
    // Hong Kong has its own ISO code and its own law.
    expect(regimeOf('HK')).toBe('national');
  });

  it('tells assigned ISO 3166-1 codes from reserved, user-assigned and invented ones', () => {
    for (const c of ['US', 'FR', 'GB', 'XK', 'HK', 'TW', 'PS']) expect(isCountryCode(c), c).toBe(true);
    for (const c of ['UK', 'EU', 'ZZ', 'XX', 'QQ', 'AA', 'fr', 'FRA', '', 'F1'])
      expect(isCountryCode(c), c).toBe(false);
    expect(isCountryCode(undefined)).toBe(false);
    expect(isCountryCode(42)).toBe(false);
  });
});
