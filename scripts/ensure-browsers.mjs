#!/usr/bin/env node
// Makes sure the browsers the demo and the end-to-end tests drive are installed:
// Debian's `chromium` and `firefox-esr` with their French language packs (and `openssl` for the
// lab's certificate).
// On a Debian machine as root it installs what is missing with apt-get (as .ci/run does);
// elsewhere it says what to install and exits 1. Usage: node scripts/ensure-browsers.mjs [chromium|firefox]...
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The French language packs: the end-to-end tests check the popup in French too.
const PACKAGES = {
  chromium: [
    { bin: '/usr/bin/chromium', pkg: 'chromium' },
    { bin: '/usr/lib/chromium/locales/fr.pak', pkg: 'chromium-l10n' },
  ],
  firefox: [
    { bin: '/usr/bin/firefox-esr', pkg: 'firefox-esr' },
    {
      bin: '/usr/lib/firefox-esr/browser/extensions/langpack-fr@firefox-esr.mozilla.org.xpi',
      pkg: 'firefox-esr-l10n-fr',
    },
  ],
  openssl: [{ bin: '/usr/bin/openssl', pkg: 'openssl' }],
};

const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['chromium', 'firefox'];
const missing = [...wanted, 'openssl']
  .flatMap((name) => PACKAGES[name] ?? [])
  .filter((p) => !existsSync(p.bin))
  .map((p) => p.pkg);
if (missing.length === 0) process.exit(0);

const canApt = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (!canApt) {
  process.stderr.write(
    `Missing: ${missing.join(', ')}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}) and run again.\n`,
  );
  process.exit(1);
}
process.stdout.write(`Installing ${missing.join(', ')} with apt-get…\n`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
  stdio: 'inherit',
  env,
});
process.exit(r.status ?? 1);
