import { describe, expect, it } from 'vitest';
import { COMPANIES } from './catalog/companies.ts';
import { CATALOG, companyOf, providerById, STATUS_SOURCES } from './catalog/index.ts';
import { isCountryCode, REGIME_SOURCES, REGIMES } from './catalog/jurisdictions.ts';
import catalogMessages from './catalog/messages.json' with { type: 'json' };
import { FEED_KINDS, SERVICE_FUNCTIONS } from './catalog/types.ts';
import { EXPLANATIONS } from './observe/explanations.ts';
import { parseFeed } from './status/parsers/index.ts';

/*
 * The catalog is the one home of a provider: every id named anywhere must be a catalog id, and
 * every vocabulary entry (feed kind, company, error message) must be used by a provider. Dead or
 * dangling data fails here, not in a user's popup.
 */

const ctx = { pageUrl: 'https://status.example.com', now: 0 };

describe('registry: the catalog and what names it', () => {
  it('every feed kind has a parser and is read by at least one provider', () => {
    const used = new Set(Object.values(STATUS_SOURCES).map((s) => s.kind));
    for (const kind of FEED_KINDS) {
      expect(used.has(kind), `${kind} is used by no provider`).toBe(true);
      const r = parseFeed(kind, '{}', ctx);
      expect(!r.ok && r.detail.startsWith('unknown feed kind'), `${kind} has no parser`).toBe(false);
    }
  });

  it('every entry names a company of the table, and every company runs a provider', () => {
    for (const p of CATALOG) {
      expect(Object.hasOwn(COMPANIES, p.company), `${p.id} → ${p.company}`).toBe(true);
      expect(companyOf(p.id)?.name.length, p.id).toBeGreaterThan(0);
    }
    const used = new Set(CATALOG.map((p) => p.company));
    for (const id of Object.keys(COMPANIES)) expect(used.has(id), `${id} runs no provider`).toBe(true);
  });

  it('every company says where it is headquartered, with a source, or why that is unknown', () => {
    for (const [id, c] of Object.entries(COMPANIES)) {
      if ('unknown' in c.hq) {
        expect(c.hq.unknown.trim().length, `${id}: why unknown`).toBeGreaterThan(20);
        continue;
      }
      expect(isCountryCode(c.hq.country), `${id}: ${c.hq.country}`).toBe(true);
      expect(new URL(c.hq.source).protocol, `${id}: ${c.hq.source}`).toBe('https:');
      if (c.hq.note !== undefined) expect(c.hq.note.trim().length, id).toBeGreaterThan(3);
    }
    // Every provider therefore has a company with a jurisdiction or a stated unknown.
    for (const p of CATALOG) expect(companyOf(p.id)?.hq, p.id).toBeDefined();
  });

  it('every legal regime names the law it stands for', () => {
    for (const r of REGIMES) expect(new URL(REGIME_SOURCES[r]).protocol, r).toBe('https:');
  });

  it('every function is one the impact rules know', () => {
    for (const p of CATALOG) if (p.function) expect(SERVICE_FUNCTIONS, p.id).toContain(p.function);
    // Every function the rules tell apart is some provider's.
    const used = new Set(CATALOG.flatMap((p) => (p.function ? [p.function] : [])));
    for (const fn of SERVICE_FUNCTIONS) expect(used.has(fn), fn).toBe(true);
  });

  it('every id an entry names is a catalog id', () => {
    for (const p of CATALOG) {
      for (const x of p.excludes ?? []) expect(providerById.has(x), `${p.id} excludes ${x}`).toBe(true);
      if (p.deliveredBy) {
        expect(providerById.get(p.deliveredBy)?.category, `${p.id} → ${p.deliveredBy}`).toBe('cdn');
      }
    }
  });

  it('every error row belongs to a catalog provider (or is generic) and has its message', () => {
    const en = catalogMessages.en as Record<string, string>;
    const fr = catalogMessages.fr as Record<string, string>;
    for (const row of EXPLANATIONS) {
      if (row.provider === '*') continue;
      const own = providerById.get(row.provider)?.errors ?? [];
      expect(
        own.some((r) => r.id === row.id && r.key === row.key),
        row.id,
      ).toBe(true);
      expect(en[row.key], row.id).toBeTruthy();
      expect(fr[row.key], row.id).toBeTruthy();
    }
    // No message beside the catalog that no provider's row uses.
    const keys = new Set(CATALOG.flatMap((p) => (p.errors ?? []).map((r) => r.key)));
    for (const key of Object.keys(en)) expect(keys.has(key), `${key} is used by no row`).toBe(true);
  });

  it('one nameserver suffix belongs to one entry, written in lower case', () => {
    const owner = new Map<string, string>();
    for (const p of CATALOG) {
      for (const s of p.nameservers ?? []) {
        expect(s, p.id).toBe(s.toLowerCase());
        expect(s.length, p.id).toBeGreaterThan(0);
        expect(owner.get(s), `${s}: ${owner.get(s)} and ${p.id}`).toBeUndefined();
        owner.set(s, p.id);
      }
    }
  });

  it('a provider with live status reads a source, one without says why', () => {
    for (const p of CATALOG) {
      if (!p.status) continue;
      if ('source' in p.status) expect(STATUS_SOURCES[p.id], p.id).toBe(p.status.source);
      else expect(p.status.none.trim().length, p.id).toBeGreaterThan(5);
    }
  });
});
