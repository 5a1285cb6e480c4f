/**
 * PoP code → place. Keys are IATA airport codes (as Cloudflare, Fastly and CloudFront use them).
 * Data only: `[city, ISO 3166-1 alpha-2 country]`.
 */
export const PLACES: Readonly<Record<string, readonly [string, string]>> = {
  AMS: ['Amsterdam', 'NL'],
  ARN: ['Stockholm', 'SE'],
  ATL: ['Atlanta', 'US'],
  BOM: ['Mumbai', 'IN'],
  CDG: ['Paris', 'FR'],
  DEL: ['Delhi', 'IN'],
  DFW: ['Dallas', 'US'],
  EWR: ['Newark', 'US'],
  FRA: ['Frankfurt', 'DE'],
  GRU: ['São Paulo', 'BR'],
  HKG: ['Hong Kong', 'HK'],
  IAD: ['Ashburn', 'US'],
  JFK: ['New York', 'US'],
  LAX: ['Los Angeles', 'US'],
  LHR: ['London', 'GB'],
  MAD: ['Madrid', 'ES'],
  MRS: ['Marseille', 'FR'],
  MUC: ['Munich', 'DE'],
  NRT: ['Tokyo', 'JP'],
  ORD: ['Chicago', 'US'],
  SEA: ['Seattle', 'US'],
  SIN: ['Singapore', 'SG'],
  SJC: ['San Jose', 'US'],
  SYD: ['Sydney', 'AU'],
};

export interface Place {
  readonly code: string;
  readonly city?: string;
  readonly country?: string;
}

export function placeOf(code: string): Place {
  const upper = code.toUpperCase();
  const hit = PLACES[upper.slice(0, 3)];
  return hit ? { code: upper, city: hit[0], country: hit[1] } : { code: upper };
}
