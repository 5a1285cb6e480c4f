import { crx, type ManifestV3Export } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { localesPlugin } from './scripts/lib/locales-plugin.ts';

/**
 * One source, two unpacked extensions: `vite build --mode chrome` → dist/chrome (MV3 service
 * worker), `vite build --mode firefox` → dist/firefox (MV3 background.scripts event page). Both
 * ship `_locales/`, merged from the message fragments beside the code (scripts/lib/locales-*.ts).
 * The version has one home, package.json (the store packages are named after it too).
 */
type Target = 'chrome' | 'firefox';

function manifestFor(target: Target): ManifestV3Export {
  const { background, browser_specific_settings, ...common } = manifest;
  const rest = { ...common, version: pkg.version };
  if (target === 'firefox') {
    return {
      ...rest,
      background: { scripts: background.scripts, type: 'module' },
      browser_specific_settings,
    } as ManifestV3Export;
  }
  return {
    ...rest,
    background: { service_worker: background.service_worker, type: 'module' },
  } as ManifestV3Export;
}

export default defineConfig(({ mode }) => {
  const target: Target = mode === 'firefox' ? 'firefox' : 'chrome';
  return {
    plugins: [preact(), crx({ manifest: manifestFor(target), browser: target }), localesPlugin()],
    build: {
      outDir: `dist/${target}`,
      emptyOutDir: true,
      target: 'es2022',
      sourcemap: false,
      // The History page is not named by the manifest: an input of its own.
      rollupOptions: { input: { history: 'src/history/index.html' } },
    },
    server: { port: 5173, strictPort: true, hmr: { port: 5173 } },
  };
});
