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

  it('names each provider with the feed that reports it and how it is read, or why it has none', () => {
    const section = statusSection(CATALOG);
    expect(section).toContain(
      "| Cloudflare | https://www.cloudflarestatus.com | Statuspage v2; stale after 365 d unchanged | its products, not the unrelated ones, by host, not control-plane titles | the page's PoP, listed places are examples | severe only |",
    );
    expect(section).toContain(
      '| Amazon S3 | https://health.aws.amazon.com/health/status | AWS Health currentevents | its products, not the unrelated ones | regions the feed states, region from hosts | severe only |',
    );
    expect(section).toMatch(
      /\| Azure Front Door \| [^|]+ \| RSS\/Atom feed; current issues only; stale after 6 h unchanged \|/,
    );
    expect(section).toMatch(
      /\| Google Maps Platform \| https:\/\/status\.cloud\.google\.com\/maps-platform \| Google Cloud incidents\.json \| every component \(default\) \|/,
    );
    expect(section).toContain(
      '| Stripe | https://status.stripe.com | Stripe /current; stale after 30 d unchanged |',
    );
    expect(section).toContain('\n- Okta: Salesforce-hosted HTML; /api/v2 answers 401.\n');
    expect(section).toMatch(/\n- Google Fonts: no public status: /);
    expect(section).toMatch(/Not looked into \(no status source known\): .*Klarna/);
  });
});
