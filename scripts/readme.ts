/**
 * `npm run readme`: regenerates the generated sections of README.md (live-status sources) from
 * the catalog. A unit test fails when README.md is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG } from '../src/core/catalog/index.ts';
import { README_BEGIN, README_END, statusSection } from './lib/readme-table.ts';

const path = join(import.meta.dirname, '..', 'README.md');
const text = readFileSync(path, 'utf8');
const start = text.indexOf(README_BEGIN);
const end = text.indexOf(README_END);
if (start < 0 || end < 0) {
  process.stderr.write('readme: markers not found in README.md\n');
  process.exit(2);
}
const next = text.slice(0, start) + statusSection(CATALOG) + text.slice(end + README_END.length);
writeFileSync(path, next);
