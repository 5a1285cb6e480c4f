import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOG, providerById } from '../catalog/index.ts';
import type { PopRule, Provider } from '../catalog/types.ts';
import { stubIpMatcher } from './__fixtures__/harness.ts';
import { compile } from './classify.ts';
import type { HeaderLike, ResponseInput } from './types.ts';

const classifier = compile(CATALOG, stubIpMatcher);

/** Header names the catalog knows, so generated lists actually exercise the rules. */
const knownNames = [
  ...new Set(CATALOG.flatMap((p) => (p.headers ?? []).map((r) => r.name)).concat(['x-cache', 'age'])),
];

const headerName = fc.oneof(
  fc.constantFrom(...knownNames),
  fc.constantFrom(...knownNames).map((n) => n.toUpperCase()),
  fc.string({ maxLength: 40 }),
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(
    'cloudflare',
    '8a1b2c3d4e5f6789-CDG',
    'cache-fra-etou8220141-FRA, cache-ams1-AMS',
    'S1.2,VS0,VE3',
    'FRA56-P5',
    'BunnyCDN-DE1-865',
    'fra1::abcde-1-abc',
    '',
  ),
  fc.constant(undefined),
);
const header: fc.Arbitrary<HeaderLike> = fc.record({ name: headerName, value: headerValue });
/** Anything at all in the list: nulls, numbers, objects with wrong field types. */
const malformed = fc.anything() as fc.Arbitrary<unknown> as fc.Arbitrary<HeaderLike>;
const url = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.string({ maxLength: 100 }),
);
const ip = fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ maxLength: 50 }), fc.constant(undefined));

function check(input: ResponseInput): void {
  const out = classifier.classify(input);
  // Every detection is a catalog provider, once, with a valid role; at most one edge.
  const ids = out.map((d) => d.providerId);
  expect(new Set(ids).size).toBe(ids.length);
  for (const d of out) {
    const p = providerById.get(d.providerId);
    expect(p).toBeDefined();
    expect(d.role === 'service').toBe(p?.role === 'service');
    if (d.pop !== undefined) expect(d.pop).toBe(d.pop.toUpperCase());
    expect(d.evidence.length).toBeGreaterThan(0);
  }
  expect(out.filter((d) => d.role === 'edge').length).toBeLessThanOrEqual(1);
  // Something edge-capable was detected → exactly one edge.
  if (out.some((d) => d.role !== 'service')) expect(out.filter((d) => d.role === 'edge').length).toBe(1);
}

describe('classify properties', () => {
  it('never throws on arbitrary well-typed header lists, URLs and IPs', () => {
    fc.assert(
      fc.property(fc.array(header, { maxLength: 40 }), url, ip, (headers, u, i) => {
        check(i === undefined ? { url: u, headers } : { url: u, headers, ip: i });
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on malformed header lists', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(header, malformed), { maxLength: 20 }), url, (headers, u) => {
        check({ url: u, headers });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws when the input itself is malformed', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), fc.anything(), (u, h, i) => {
        const out = classifier.classify({ url: u, headers: h, ip: i } as unknown as ResponseInput);
        expect(Array.isArray(out)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('does not depend on header-name case', () => {
    fc.assert(
      fc.property(fc.array(header, { maxLength: 15 }), (headers) => {
        const upper = headers.map((h) => ({ ...h, name: h.name.toUpperCase() }));
        const a = classifier.classify({ url: 'https://x.example/', headers });
        const b = classifier.classify({ url: 'https://x.example/', headers: upper });
        expect(b.map((d) => [d.providerId, d.role, d.pop])).toEqual(
          a.map((d) => [d.providerId, d.role, d.pop]),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('detects nothing from generic headers alone (arbitrary and typical values)', () => {
    const generic = fc.record({
      name: fc.constantFrom(
        'x-cache',
        'age',
        'x-request-id',
        'x-edge-location',
        'cache-status',
        'x-served-by',
      ),
      value: fc.oneof(
        fc.string({ maxLength: 60 }),
        fc.constantFrom('HIT', 'MISS from cacheserv2', 'substack', 'web-02', 'TCP_HIT', 'cache-fra1229'),
      ),
    });
    fc.assert(
      fc.property(fc.array(generic, { maxLength: 12 }), (headers) => {
        expect(classifier.classify({ url: 'https://www.example.com/', headers })).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('answers each response as a fresh classifier would, whatever came before (no state leaks)', () => {
    // Values drawn from a small set, so the same value comes back, on names with value rules.
    const valued = [
      ...new Set(CATALOG.flatMap((p) => (p.headers ?? []).filter((r) => r.value).map((r) => r.name))),
    ];
    const value = fc.constantFrom(
      'nginx',
      'cloudflare',
      'AkamaiGHost',
      '1.1 varnish',
      '1.1 google',
      'HIT',
      'Hit from cloudfront',
      'Accept-Encoding',
      'Accept-Encoding, Fastly-SSL',
      'cache-fra1-FRA',
      'substack',
      'Express',
      'WP Engine',
      '',
      // Same slot keys (length, first and last character) as some of the above.
      'nginy',
      'Hix',
      'cloudflarf',
    );
    const response = fc.record({
      url: fc.constantFrom('https://www.example.org/', 'https://cdnjs.cloudflare.com/a.js'),
      headers: fc.array(fc.record({ name: fc.constantFrom(...valued), value }), { maxLength: 6 }),
    });
    const longLived = compile(CATALOG, stubIpMatcher);
    fc.assert(
      fc.property(fc.array(response, { minLength: 1, maxLength: 30 }), (responses) => {
        for (const r of responses) {
          expect(longLived.classify(r)).toEqual(compile(CATALOG, stubIpMatcher).classify(r));
        }
      }),
      { numRuns: 150 },
    );
    // It compiles a fresh classifier for every response it checks: a few seconds, more when the
    // machine is shared.
  }, 30_000);

  it('classifies a response with 100 kB of headers quickly', () => {
    const headers: HeaderLike[] = [];
    for (let i = 0; i < 800; i++) headers.push({ name: `x-custom-${i}`, value: 'v'.repeat(100) });
    for (const name of knownNames) headers.push({ name, value: 'cache-fra1-FRA, '.repeat(20) });
    headers.push({ name: 'server', value: 'x'.repeat(20_000) });
    const size = headers.reduce((n, h) => n + h.name.length + (h.value?.length ?? 0), 0);
    expect(size).toBeGreaterThan(100_000);
    classifier.classify({ url: 'https://a.example/', headers }); // warm-up
    // The fastest of three runs: a loaded machine's pauses land in some runs, a quadratic reading
    // of the headers would be slow in all of them.
    let ms = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const out = classifier.classify({ url: 'https://www.example.com/', headers, ip: '104.16.0.1' });
      ms = Math.min(ms, performance.now() - t0);
      expect(out.find((d) => d.role === 'edge')?.providerId).toBe('cloudflare');
    }
    expect(ms).toBeLessThan(50);
  });
});

/**
 * The catalog read rule by rule, without any index: which providers a response names, before
 * roles and PoPs. What the compiled indexes must agree with.
 */
function plainReading(headers: readonly HeaderLike[], host: string, path: string): string[] {
  const found = new Set<string>();
  for (const p of CATALOG) {
    const weak = new Set<number>();
    let strong = false;
    p.headers?.forEach((rule, r) => {
      for (const h of headers) {
        const name = h.name.toLowerCase();
        const named = rule.prefix
          ? name.length > rule.name.length && name.startsWith(rule.name)
          : name === rule.name;
        if (!named || (rule.value && !rule.value.test((h.value ?? '').slice(0, 2048)))) continue;
        if (rule.strength === 'strong') strong = true;
        else weak.add(r);
      }
    });
    if (strong || weak.size >= 2) found.add(p.id);
  }
  // For each role, the longest hostname suffix (on a label boundary) with a rule whose path also
  // matches.
  const byHost = CATALOG.flatMap((p) =>
    (p.hosts ?? [])
      .filter((h) => (host === h.suffix || host.endsWith(`.${h.suffix}`)) && path.startsWith(h.path ?? ''))
      .map((h) => ({ id: p.id, role: p.role, length: h.suffix.length })),
  );
  for (const role of ['edge', 'origin', 'service']) {
    const ofRole = byHost.filter((h) => h.role === role);
    const longest = Math.max(0, ...ofRole.map((h) => h.length));
    for (const h of ofRole) if (h.length === longest) found.add(h.id);
  }
  const dropped = new Set([...found].flatMap((id) => providerById.get(id)?.excludes ?? []));
  return [...found].filter((id) => !dropped.has(id)).sort();
}

const ids = (input: ResponseInput): string[] =>
  classifier
    .classify(input)
    .map((d) => d.providerId)
    .sort();

/** Per header name: values that some rule of it matches (a few patterns fast-check cannot invert are left out). */
const matching = new Map<string, fc.Arbitrary<string>[]>();
for (const p of CATALOG) {
  for (const rule of p.headers ?? []) {
    if (!rule.value) continue;
    try {
      const values = fc.stringMatching(new RegExp(rule.value.source, rule.value.flags.replace('i', '')));
      matching.set(rule.name, [...(matching.get(rule.name) ?? []), values]);
    } catch {
      // lookbehind and the like
    }
  }
}

describe('the compiled indexes agree with a plain reading of the catalog', () => {
  it('on header names in any case, prefixed names and values some rule matches', () => {
    const named = fc.oneof(
      fc.constantFrom(...knownNames),
      fc
        .constantFrom('x-akamai-', 'x-ccdn-', 'x-beluga-', 'x-upyun-')
        .chain((p) => fc.string({ maxLength: 8 }).map((rest) => p + rest)),
      fc.string({ maxLength: 20 }),
    );
    const oneHeader = named.chain((name) =>
      fc.record({
        name: fc.constantFrom(
          name,
          name.toUpperCase(),
          name.replace(/\b\w/g, (c) => c.toUpperCase()),
        ),
        value: fc
          .oneof(
            headerValue.map((v) => v ?? ''),
            ...(matching.get(name.toLowerCase()) ?? []),
          )
          .chain((v) => fc.constantFrom(v, v.toLowerCase(), v.toUpperCase())),
      }),
    );
    fc.assert(
      fc.property(fc.array(oneHeader, { maxLength: 6 }), (headers) => {
        expect(ids({ url: '', headers })).toEqual(plainReading(headers, '', ''));
      }),
      { numRuns: 1000 },
    );
  });

  it('on hostnames: any case, user info, port, trailing dot, a thousand labels in front', () => {
    const rules = CATALOG.flatMap((p) => (p.hosts ?? []).map((h) => h.suffix + (h.path ?? '/')));
    const host = fc
      .tuple(
        fc.array(fc.stringMatching(/^[a-z0-9-]{0,8}$/), { maxLength: 4 }),
        fc.oneof(
          fc.constantFrom(...rules),
          fc.domain().map((d) => `${d}/`),
        ),
        fc.constantFrom('', 'x', 'a.js'),
        fc.boolean(),
        fc.constantFrom(0, 0, 1000),
      )
      .map(([labels, rule, file, rulePath, many]) => {
        const front = [...labels, ...Array.from({ length: many }, (_, i) => `l${i}`)];
        const slash = rule.indexOf('/');
        return {
          host: [...front, rule.slice(0, slash)].join('.'),
          path: (rulePath ? rule.slice(slash) : '/') + file,
        };
      });
    const dress = fc.record({
      upper: fc.boolean(),
      user: fc.constantFrom('', 'user@', 'u:p@'),
      port: fc.constantFrom('', ':443', ':8443'),
      dot: fc.boolean(),
    });
    fc.assert(
      fc.property(host, dress, ({ host, path }, d) => {
        const h = d.upper ? host.toUpperCase() : host;
        const url = `https://${d.user}${h}${d.dot ? '.' : ''}${d.port}${path}`;
        expect(ids({ url, headers: [] })).toEqual(plainReading([], host, path));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('PoP reading (property)', () => {
  /** The plain reading of the rule, list by list: what readPop must agree with. */
  function reference(rule: PopRule, headers: readonly HeaderLike[]): string | undefined {
    const values = headers
      .filter((h) => h.name.toLowerCase() === rule.header)
      .map((h) => (h.value ?? '').slice(0, 2048));
    if (values.length === 0) return undefined;
    const entries = rule.splitComma ? values.flatMap((v) => v.split(',').map((p) => p.trim())) : values;
    const order = rule.pick === 'last' ? [...entries].reverse() : entries;
    for (const entry of order) {
      if (entry.trim() === '') continue;
      const code = rule.pattern.exec(entry.trim())?.[1];
      return code ? (rule.take ? code.slice(0, rule.take) : code).toUpperCase() : undefined;
    }
    return undefined;
  }

  const base: Provider = {
    id: 'p',
    name: 'P',
    company: 'p',
    category: 'cdn',
    role: 'edge',
    homepage: '',
    description: '',
  };

  it('reads the first or last entry of repeated, comma-separated, padded values like the plain reading', () => {
    const piece = fc.constantFrom(
      'cache-fra1-FRA',
      'cache-ams2-AMS',
      'web-1',
      '',
      ' ',
      '\u00a0',
      '\t',
      ',',
      'x',
    );
    const value = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    const rule = fc.record({
      pick: fc.constantFrom<'first' | 'last'>('first', 'last'),
      splitComma: fc.boolean(),
      take: fc.constantFrom(undefined, 2),
    });
    fc.assert(
      fc.property(
        rule,
        fc.array(fc.tuple(fc.constantFrom('x-pop', 'X-Pop', 'other'), value), { maxLength: 4 }),
        (r, pairs) => {
          const pop: PopRule = {
            header: 'x-pop',
            pattern: /^cache-[a-z0-9]+-([A-Z]{3})$/,
            pick: r.pick,
            ...(r.take ? { take: r.take } : {}),
            ...(r.splitComma ? { splitComma: true } : {}),
          };
          const c = compile([{ ...base, headers: [{ name: 'x-pop', strength: 'strong' }], pop: [pop] }]);
          const headers = pairs.map(([name, v]) => ({ name, value: v }));
          const got = c.classify({ url: '', headers })[0]?.pop;
          const present = headers.some((h) => h.name.toLowerCase() === 'x-pop');
          expect(got).toBe(present ? reference(pop, headers) : undefined);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
