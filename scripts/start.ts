/**
 * `npm start [-- --firefox]`: build the extension, start the lab (local stand-ins for real sites,
 * on 127.0.0.1:443) and open a browser with the extension loaded.
 *
 * With a display: a real window on the lab's front page (a button per scenario); closing it (or
 * Ctrl-C) stops everything. Without one: tells the story of a Cloudflare outage (e2e/lib/demo.ts:
 * one picture per step, demo-output/<browser>-<n>-<step>.png, and one line), then visits every
 * lab site, saves the popup of each to demo-output/<browser>-<site>.png, prints what it shows,
 * makes the store's 1280×800 screenshots (e2e/lib/store-shots.ts) in demo-output/store-<browser>/,
 * exits. `--store` writes those to store/screenshots/ instead (Chromium's are the ones kept).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Lab, SITES, startLab } from '../e2e/lab/index.ts';
import { story } from '../e2e/lib/demo.ts';
import { type BrowserName, type ExtensionHarness, launch, type PopupSnapshot } from '../e2e/lib/index.ts';
import { ROOT } from '../e2e/lib/paths.ts';
import { storeShots } from '../e2e/lib/store-shots.ts';

const OUT = join(ROOT, 'demo-output');

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

async function build(): Promise<void> {
  console.error('Building the extension…');
  const child = spawn('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((ok) => child.on('close', ok));
  if (code !== 0) {
    process.stderr.write(output);
    fail('the build failed.');
  }
}

function describePopup(snapshot: PopupSnapshot): string[] {
  if (snapshot.state !== 'page')
    return [`  popup: ${snapshot.state}${snapshot.state === 'none' ? ' (no provider detected)' : ''}`];
  return snapshot.providers.map((p) => {
    const flags = [p.role, p.document ? 'main document' : ''].filter(Boolean).join(', ');
    const pops = p.popLabels.length > 0 ? p.popLabels.map((l) => l.text || l.code).join('; ') : 'no PoP';
    return `  - ${p.id} [${flags}] PoPs: ${pops}\n      ${p.text}`;
  });
}

async function tour(h: ExtensionHarness, name: BrowserName): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  for (const site of SITES) {
    const tab = await h.open(site.url);
    try {
      await h.settle(tab.tabId);
      const badge = await h.badge(tab.tabId);
      const file = join(OUT, `${name}-${site.id}.png`);
      const popup = await h.readPopup(tab.tabId, { screenshot: file });
      console.log(`${name} · ${site.name} <${site.url}> · badge "${badge.text}" · ${badge.title}`);
      for (const line of describePopup(popup)) console.log(line);
      console.log(`  screenshot: ${file}`);
    } finally {
      await tab.close();
    }
  }
}

async function main(): Promise<void> {
  const name: BrowserName = process.argv.includes('--firefox') ? 'firefox' : 'chromium';
  const headless = !process.env.DISPLAY;

  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    fail('the lab listens on 127.0.0.1:443, which needs root (run it as root, e.g. `sudo npm start`).');
  }
  // A fresh machine may lack the browser: install it (Debian, root) or say what is missing.
  const ensured = spawnSync(process.execPath, [join(ROOT, 'scripts', 'ensure-browsers.mjs'), name], {
    stdio: 'inherit',
  });
  if (ensured.status !== 0) process.exit(1);
  let lab: Lab;
  try {
    lab = await startLab();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  let launching: Promise<ExtensionHarness> | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const h = await launching?.catch(() => undefined);
      await h?.close();
      await lab.stop();
    })();
    return stopping;
  };
  // The browser libraries' own handlers are off (they exit the process before cleanup ends).
  process.on('SIGINT', () => void stop().then(() => process.exit(130)));
  process.on('SIGTERM', () => void stop().then(() => process.exit(143)));

  try {
    await build();
    if (stopping) return;
    launching = launch(name, { headless, hostnames: lab.hostnames, labPort: lab.port, handleSignals: false });
    const h = await launching;
    if (headless) {
      for (const step of await story(h, name, { port: lab.port, out: OUT })) console.log(step.line);
      await tour(h, name);
      const storeOut = process.argv.includes('--store')
        ? join(ROOT, 'store', 'screenshots')
        : join(OUT, `store-${name}`);
      for (const file of await storeShots(h, { port: lab.port, out: storeOut }))
        console.log(`store screenshot (1280×800): ${file}`);
    } else {
      await h.show(lab.frontPage);
      console.error(
        `Faultline lab: ${name} is open on ${lab.frontPage}. Close the browser or press Ctrl-C to stop.`,
      );
      await h.closed;
    }
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => fail(error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
