import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { fragmentPaths, ROOT, readFragments } from './locales-fragments.ts';
import { isFragmentName, localeFiles, mergeFragments } from './locales-merge.ts';

/**
 * The Vite plugin that ships `_locales/<lang>/messages.json`, merged from the message fragments
 * under `<root>/src`: emitted into each build, written into the dev output (crxjs's dev file
 * writer runs only its own plugins) and rewritten there when a fragment changes. A broken
 * fragment fails the build with every problem listed.
 */
export function localesPlugin(root: string = ROOT): Plugin {
  const merge = () => localeFiles(mergeFragments(readFragments(root)));
  return {
    name: 'faultline:locales',
    buildStart() {
      for (const path of fragmentPaths(root)) this.addWatchFile(path);
      merge();
    },
    generateBundle() {
      for (const file of merge()) this.emitFile({ type: 'asset', ...file });
    },
    configureServer(server) {
      const outDir = resolve(server.config.root, server.config.build.outDir);
      const write = () => {
        for (const { fileName, source } of merge()) {
          mkdirSync(dirname(join(outDir, fileName)), { recursive: true });
          writeFileSync(join(outDir, fileName), source);
        }
      };
      server.httpServer?.once('listening', write);
      server.watcher.on('change', (path) => {
        if (!isFragmentName(basename(path))) return;
        try {
          write();
        } catch (e) {
          server.config.logger.error(e instanceof Error ? e.message : String(e));
        }
      });
    },
  };
}
