import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startLab } from './lab/index.ts';
import { DIST_CHROME, DIST_FIREFOX } from './lib/paths.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    lab: { port: number; hostnames: string[] };
  }
}

/** Starts the lab once for every spec; specs read its tallies over HTTPS (lab-client.ts). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  for (const dir of [DIST_CHROME, DIST_FIREFOX]) {
    if (!existsSync(join(dir, 'manifest.json'))) {
      throw new Error(`No extension build in ${dir}: run \`npm run build\` first.`);
    }
  }
  const lab = await startLab();
  project.provide('lab', { port: lab.port, hostnames: [...lab.hostnames] });
  return () => lab.stop();
}
