import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/core/catalog/index.ts';
import { README_BEGIN, README_END, statusSection } from './readme-table.ts';

describe('README live-status section', () => {
  it('is up to date with the catalog (run `npm run readme`)', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf(README_BEGIN);
    const end = readme.indexOf(README_END) + README_END.length;
    expect(start).toBeGreaterThan(0);
    expect(readme.slice(start, end)).toBe(statusSection(CATALOG));
  });

  it('names Cloudflare with its Statuspage feed and lists providers without status', () => {
    const section = statusSection(CATALOG);
    expect(section).toMatch(/\| [^|]*Cloudflare[^|]* \| https:\/\/www\.cloudflarestatus\.com \| Statuspage/);
    expect(section).toMatch(/No public machine-readable status .*Okta/);
    expect(section).toContain('\n- Okta: Salesforce-hosted HTML; /api/v2 answers 401.\n');
  });
});
