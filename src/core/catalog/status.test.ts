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
  it('narrows Cloudflare’s page to the delivery path; other providers count every component', () => {
    expect(statusRelevanceOf('cloudflare')?.relevant?.test('CDN/Cache')).toBe(true);
    expect(statusRelevanceOf('cloudflare')?.unrelated?.test('Cloudflare Tunnel')).toBe(true);
    expect(statusRelevanceOf('fastly')).toBeUndefined();
    expect(statusRelevanceOf('no-such-provider')).toBeUndefined();
  });
});
