import { describe, expect, it } from 'vitest';
import { CATALOG, STATUS_SOURCES, statusRelevanceOf } from './index.ts';
import { FEED_KINDS } from './types.ts';

describe('status sources of the catalog entries', () => {
  const entries = Object.entries(STATUS_SOURCES);

  it('has https URLs without a trailing slash and known kinds', () => {
    for (const [id, source] of entries) {
      expect(FEED_KINDS, id).toContain(source.kind);
      expect(source.url, id).toMatch(/^https:\/\/[a-z0-9.-]+(\/[^\s]*)?$/);
      expect(source.url.endsWith('/'), id).toBe(false);
      if (source.api !== undefined) expect(source.api, id).toMatch(/^https:\/\//);
    }
  });
});

describe('providers without live status', () => {
  it('say why, and carry no source', () => {
    const none = CATALOG.flatMap((p) => (p.status && 'none' in p.status ? [p] : []));
    for (const p of none) {
      expect(STATUS_SOURCES[p.id], p.id).toBeUndefined();
      if (p.status && 'none' in p.status) expect(p.status.none.length, p.id).toBeGreaterThan(5);
    }
    expect(none.map((p) => p.id)).toContain('okta');
    expect(none.map((p) => p.id)).toContain('stackpath');
  });
});

describe('status relevance', () => {
  const withRelevance = CATALOG.flatMap((p) => {
    const rel = statusRelevanceOf(p.id);
    return rel ? [[p.id, rel] as const] : [];
  });

  it('is data of entries with a live source; the others fall back to the default (every component counts)', () => {
    for (const [id] of withRelevance) expect(STATUS_SOURCES[id], id).toBeDefined();
    expect(statusRelevanceOf('bunny')).toBeUndefined();
    expect(statusRelevanceOf('no-such-provider')).toBeUndefined();
    expect(statusRelevanceOf('cloudflare')?.products?.test('CDN/Cache')).toBe(true);
  });

  it('uses stateless patterns only (a `g` or `y` flag would make `test` remember its last match)', () => {
    const patterns = withRelevance.flatMap(([id, rel]) =>
      [
        rel.products,
        rel.unrelated,
        rel.unrelatedTitles,
        rel.locations?.component,
        rel.locations?.groups,
        rel.locations?.title,
        rel.locations?.global,
        rel.locations?.host,
        rel.locations?.pops || undefined,
        ...(rel.byHost ?? []).flatMap((h) => [h.host, h.products ?? undefined]),
      ].flatMap((re) => (re ? [[id, re] as const] : [])),
    );
    expect(patterns.length).toBeGreaterThan(40);
    for (const [id, re] of patterns) expect(re.flags, `${id} ${re}`).not.toMatch(/[gy]/);
  });

  it('place patterns capture a code: the places of a page are compared code to code', () => {
    for (const [id, rel] of withRelevance) {
      for (const re of [rel.locations?.component, rel.locations?.title, rel.locations?.host]) {
        if (!re) continue;
        // One capturing group, or none (then the whole match is the code).
        const groups = new RegExp(`${re.source}|`).exec('')!.length - 1;
        expect(groups, `${id} ${re}`).toBeLessThanOrEqual(1);
      }
    }
  });
});
