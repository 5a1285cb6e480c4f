import { describe, expect, it } from 'vitest';
import { isCountryCode } from './jurisdictions.ts';
import { PLACES, placeOf, REGIONS } from './places.ts';

describe('PLACES', () => {
  it('is a large table of upper-case IATA codes with ISO country codes', () => {
    const codes = Object.keys(PLACES);
    expect(codes.length).toBeGreaterThanOrEqual(500);
    for (const code of codes) {
      expect(code, code).toMatch(/^[A-Z]{3}$/);
      const [city, country] = PLACES[code]!;
      expect(city.trim(), code).toBe(city);
      expect(city.length, code).toBeGreaterThan(1);
      expect(isCountryCode(country), `${code}: ${country}`).toBe(true);
    }
  });

  it('gives every cloud region an assigned country code', () => {
    for (const [region, [name, country]] of Object.entries(REGIONS)) {
      expect(region, region).toMatch(/^[a-z]{2}(?:-gov)?-[a-z]+-\d$/);
      expect(name.length, region).toBeGreaterThan(1);
      expect(isCountryCode(country), `${region}: ${country}`).toBe(true);
    }
  });

  it('covers every continent', () => {
    const countries = new Set(Object.values(PLACES).map(([, c]) => c));
    for (const c of [
      'US',
      'CA',
      'MX',
      'BR',
      'AR',
      'GB',
      'DE',
      'FR',
      'RU',
      'TR',
      'AE',
      'IL',
      'ZA',
      'NG',
      'KE',
      'EG',
    ]) {
      expect(countries.has(c), c).toBe(true);
    }
    for (const c of ['JP', 'CN', 'KR', 'IN', 'SG', 'ID', 'AU', 'NZ', 'HK', 'TW'])
      expect(countries.has(c), c).toBe(true);
  });
});

describe('placeOf', () => {
  const known: Record<string, [string, string]> = {
    // Cloudflare cf-ray colos
    SJC: ['San Jose', 'US'],
    EWR: ['Newark', 'US'],
    HKG: ['Hong Kong', 'HK'],
    AMS: ['Amsterdam', 'NL'],
    DFW: ['Dallas', 'US'],
    CDG: ['Paris', 'FR'],
    JNB: ['Johannesburg', 'ZA'],
    GRU: ['São Paulo', 'BR'],
    ZDM: ['Ramallah', 'PS'],
    KIV: ['Chișinău', 'MD'],
    // Fastly x-served-by
    BMA: ['Stockholm', 'SE'],
    QPG: ['Singapore', 'SG'],
    PAO: ['Palo Alto', 'US'],
    LCY: ['London', 'GB'],
    FJR: ['Fujairah', 'AE'],
    ITM: ['Osaka', 'JP'],
    // CloudFront x-amz-cf-pop prefixes
    HIO: ['Hillsboro', 'US'],
    PNQ: ['Pune', 'IN'],
    PMO: ['Palermo', 'IT'],
    ZAG: ['Zagreb', 'HR'],
    EZE: ['Buenos Aires', 'AR'],
    KUL: ['Kuala Lumpur', 'MY'],
    HEL: ['Helsinki', 'FI'],
    BOM: ['Mumbai', 'IN'],
    DEL: ['Delhi', 'IN'],
    TLV: ['Tel Aviv', 'IL'],
    AKL: ['Auckland', 'NZ'],
    NBO: ['Nairobi', 'KE'],
    LOS: ['Lagos', 'NG'],
    IAD: ['Ashburn', 'US'],
    YUL: ['Montreal', 'CA'],
    QRO: ['Querétaro', 'MX'],
  };

  it('maps known codes to city and country', () => {
    for (const [code, [city, country]] of Object.entries(known)) {
      expect(placeOf(code), code).toEqual({ code, city, country });
    }
  });

  it('reads the first three letters of longer codes, upper-cased', () => {
    expect(placeOf('FRA56-P5')).toEqual({ code: 'FRA56-P5', city: 'Frankfurt', country: 'DE' });
    expect(placeOf('sin5-c1')).toEqual({ code: 'SIN5-C1', city: 'Singapore', country: 'SG' });
  });

  it('maps lowercase Vercel and Fly.io region codes', () => {
    expect(placeOf('fra1')).toEqual({ code: 'FRA1', city: 'Frankfurt', country: 'DE' });
    expect(placeOf('hnd1')).toEqual({ code: 'HND1', city: 'Tokyo', country: 'JP' });
    expect(placeOf('cle1')).toEqual({ code: 'CLE1', city: 'Cleveland', country: 'US' });
    expect(placeOf('cpt1')).toEqual({ code: 'CPT1', city: 'Cape Town', country: 'ZA' });
    expect(placeOf('cdg')).toEqual({ code: 'CDG', city: 'Paris', country: 'FR' });
    expect(placeOf('gdl')).toEqual({ code: 'GDL', city: 'Guadalajara', country: 'MX' });
    expect(placeOf('otp')).toEqual({ code: 'OTP', city: 'Bucharest', country: 'RO' });
  });

  it('places AWS regions, whatever their case', () => {
    expect(placeOf('eu-west-3')).toEqual({ code: 'EU-WEST-3', city: 'Paris', country: 'FR' });
    expect(placeOf('US-EAST-1')).toEqual({ code: 'US-EAST-1', city: 'N. Virginia', country: 'US' });
    expect(placeOf('eu-west-9')).toEqual({ code: 'EU-WEST-9' });
  });

  it("reads the country of Medianova's country-node codes", () => {
    expect(placeOf('SG-378')).toEqual({ code: 'SG-378', country: 'SG' });
    expect(placeOf('tr-12')).toEqual({ code: 'TR-12', country: 'TR' });
  });

  it('returns the code only for unknown or non-IATA codes', () => {
    expect(placeOf('XXX')).toEqual({ code: 'XXX' });
    expect(placeOf('dev1')).toEqual({ code: 'DEV1' });
    expect(placeOf('DE1')).toEqual({ code: 'DE1' });
    // CDN77-style city names are not IATA codes, even when their first letters look like one.
    expect(placeOf('losangelesUSCA')).toEqual({ code: 'LOSANGELESUSCA' });
    expect(placeOf('')).toEqual({ code: '' });
  });
});
