/**
 * `npm start [-- --firefox]`: build the extension, start the lab (local stand-ins for real sites,
 * on 127.0.0.1:443) and open a browser with the extension loaded.
 *
 * With a display: a real window on the lab's front page; closing it (or Ctrl-C) stops everything.
 * Without one: visits every lab site headless, saves the popup of each to
 * demo-output/<browser>-<site>.png, prints what the popup shows, exits.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Lab, SITES, startLab } from '../e2e/lab/index.ts';
import { type BrowserName, type ExtensionHarness, launch, type PopupSnapshot } from '../e2e/lib/index.ts';
import { setLabScenario } from '../e2e/lib/lab-client.ts';
import { ROOT } from '../e2e/lib/paths.ts';

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

/** The story of a provider outage, told headless: each step's popup (as shown) and every tab's badge. */
const STEPS = [
  { id: 'calm', scenario: 'reset', line: 'Calm browsing: a Cloudflare shop and a Fastly newspaper.' },
  {
    id: 'outage',
    scenario: 'cloudflare_outage',
    line: 'Cloudflare incident: its status page goes critical, its sites answer 5xx.',
  },
  { id: 'recovery', scenario: 'reset', line: 'Recovery: Cloudflare is back.' },
] as const;

async function story(h: ExtensionHarness, name: BrowserName, port: number): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const api = name === 'firefox' ? 'browser' : 'chrome';
  await h.extensionEval(
    `${api}.storage.local.set({ 'faultline:settings:v1': { dnsLookups: true, badgeCount: true, notifications: true } })`,
  );
  const shop = SITES.find((s) => s.id === 'maple-shop')!;
  const ledger = SITES.find((s) => s.id === 'daily-ledger')!;
  const tabs = [await h.open(shop.url), await h.open(ledger.url)];
  for (const tab of tabs) await h.settle(tab.tabId);
  for (const [i, step] of STEPS.entries()) {
    await setLabScenario(step.scenario, port);
    for (const tab of tabs) {
      await tab.evaluate('location.reload()').catch(() => undefined);
      await h.settle(tab.tabId);
    }
    const popup = await h.openPopup(tabs[0]!.tabId);
    await popup.checkNow().catch(() => undefined);
    await new Promise((ok) => setTimeout(ok, 1500));
    const file = join(OUT, `${name}-${i + 1}-${step.id}.png`);
    await popup.screenshot(file, true);
    const verdict = (await popup.read()).verdict;
    await popup.close();
    const badges = [];
    for (const [j, tab] of tabs.entries()) {
      const b = await h.badge(tab.tabId);
      badges.push(`${[shop, ledger][j]!.name} "${b.text}"`);
    }
    const sent = await h.extensionEval<{ kind: string; providerId: string }[]>(
      `${api}.storage.local.get('faultline:incidents:v1').then((s) => s['faultline:incidents:v1']?.notify?.sent ?? [])`,
    );
    const notes = sent.map((n) => `${n.kind} ${n.providerId}`).join(', ') || 'none';
    console.log(
      `${i + 1}. ${step.line} Verdict: ${verdict?.outcome ?? '—'} · badges: ${badges.join(', ')} · notifications so far: ${notes} · ${file}`,
    );
  }
  await setLabScenario('reset', port);
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
      await story(h, name, lab.port);
      await tour(h, name);
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
