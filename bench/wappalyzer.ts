/**
 * The yardstick of `npm run bench`: wappalyzer-core, the engine of the Wappalyzer extension, on
 * the same responses as our classifier. Bench only (devDependencies, GPL-3.0, never bundled).
 *
 * - Engine: wappalyzer-core 6.10.66, the last release that holds it (7.x is an empty stub).
 * - Rules: Wappalyzer's own technologies and categories of that era (the last open release),
 *   as the wapalyzer-core 6.11.0 package ships them in one file. Its engine is the same code
 *   (formatting aside); only its data is used here. The 6.10.66 `wappalyzer` package has the
 *   same rules split per letter, but it drags puppeteer along.
 *
 * Each response goes in as `analyze` expects it: `url`, and `headers` as lower-case name → list
 * of values (repeated headers kept). A detection is `analyze` then `resolve` (confidence,
 * excludes, implies): the complete answer, as `classify` gives ours. Two rule sets: all of them,
 * as the extension runs them, and only the technologies with header or URL rules, the ones that
 * can read what a response gives (the harder comparison, and the one the target is set on).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ResponseInput } from '../src/core/detect/index.ts';

interface WappalyzerInput {
  readonly url: string;
  readonly headers: Record<string, string[]>;
}

interface Technology {
  readonly headers?: Readonly<Record<string, unknown>>;
  readonly url?: readonly unknown[];
}

interface WappalyzerEngine {
  setTechnologies(data: unknown): void;
  setCategories(data: unknown): void;
  analyze(items: WappalyzerInput, technologies?: readonly Technology[]): unknown[];
  resolve(detections: unknown[]): unknown[];
  technologies: readonly Technology[];
}

const require = createRequire(import.meta.url);

export interface Yardstick {
  /** What the report prints about the versions and data used. */
  readonly label: string;
  /** The response in wappalyzer's shape (made outside the timed call, as our fresh copies are). */
  input(response: ResponseInput): WappalyzerInput;
  /** One detection with every rule: analyze + resolve. Returns the number of technologies found. */
  detectAll(input: WappalyzerInput): number;
  /** The same with only the technologies that have header or URL rules. */
  detectReadable(input: WappalyzerInput): number;
  /** The names of the technologies one detection with every rule finds. */
  names(input: WappalyzerInput): string[];
}

/** The engine loaded with the rules, or a reason why it could not be. */
export function loadWappalyzer(): Yardstick | string {
  try {
    const engine = require('wappalyzer-core') as WappalyzerEngine;
    const data = require('wapalyzer-core') as { technologies: unknown; categories: unknown };
    // Read beside the entry point: wapalyzer-core's `exports` do not list its package.json.
    const version = (name: string): string =>
      (
        JSON.parse(readFileSync(join(dirname(require.resolve(name)), 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    engine.setTechnologies(data.technologies);
    engine.setCategories(data.categories);
    const all = engine.technologies;
    const readable = all.filter((t) => Object.keys(t.headers ?? {}).length > 0 || (t.url ?? []).length > 0);
    return {
      label: `wappalyzer-core ${version('wappalyzer-core')}, Wappalyzer's rules from wapalyzer-core ${version('wapalyzer-core')}: ${all.length} technologies, ${readable.length} with header or URL rules`,
      input(response) {
        const headers: Record<string, string[]> = {};
        for (const h of response.headers) {
          const name = h.name.toLowerCase();
          headers[name] = [...(headers[name] ?? []), h.value ?? ''];
        }
        return { url: response.url, headers };
      },
      detectAll: (input) => engine.resolve(engine.analyze(input, all)).length,
      detectReadable: (input) => engine.resolve(engine.analyze(input, readable)).length,
      names: (input) =>
        engine
          .resolve(engine.analyze(input, all))
          .map((d) => (typeof d === 'object' && d !== null ? String((d as { name?: unknown }).name) : '')),
    };
  } catch (e) {
    return `wappalyzer-core could not be loaded (npm ci?): ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`;
  }
}
