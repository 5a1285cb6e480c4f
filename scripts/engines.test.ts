import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * `engines` is true: every package the lockfile installs (dependencies and dev dependencies)
 * accepts the oldest Node the project declares, so `npm ci` on Node 20 prints no EBADENGINE.
 * (@rgrove/parse-xml 5 asks for Node ≥ 22.12; 4.2 reads the same feeds on Node ≥ 14.)
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Lock {
  packages: Record<string, { engines?: unknown; version?: string }>;
}

describe('engines', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
  const oldest = semver.minVersion(pkg.engines.node);

  it('declares a Node 20 minimum', () => {
    expect(oldest?.major).toBe(20);
  });

  it('every locked package accepts the oldest declared Node', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
    const refused: string[] = [];
    for (const [path, entry] of Object.entries(lock.packages)) {
      const engines = entry.engines;
      const range =
        typeof engines === 'object' && engines !== null && 'node' in engines ? engines.node : undefined;
      if (typeof range !== 'string' || path === '') continue;
      if (!semver.satisfies(oldest!, range)) refused.push(`${path}@${entry.version}: node ${range}`);
    }
    expect(refused).toEqual([]);
  });
});
