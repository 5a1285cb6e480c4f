import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { FEEDS, FRONT_HOST, SCENARIOS } from './lab/index.ts';
import { story } from './lib/demo.ts';
import { browsersUnderTest } from './lib/expect.ts';
import { type ExtensionHarness, launch, type SiteTab, until } from './lib/index.ts';
import { labFailures, labStatus, setLabScenario } from './lib/lab-client.ts';
import { SHOTS, STORE_SIZE, storeShots } from './lib/store-shots.ts';

/**
 * The demo as a newcomer meets it. With a display, the lab's front page has a button per scenario
 * and Reset: each one, pressed in the browser (a real form post), switches the lab's status pages
 * and sites together, as e2e/lab/scenarios.ts says. Headless, `npm start` tells the outage story
 * (e2e/lib/demo.ts): here it runs against the shared lab and must give its three numbered
 * pictures and, step by step, a calm verdict, Cloudflare failing with one notification, then
 * calm again with the notification of the end.
 */

const { hostnames, port } = inject('lab');

/** PNG width and height, from its header. */
function pngSize(file: string): { width: number; height: number } {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

describe.each(browsersUnderTest())('%s: the demo', (browserName) => {
  let h: ExtensionHarness;
  let out: string;

  beforeAll(async () => {
    await setLabScenario('reset', port);
    h = await launch(browserName, { hostnames, labPort: port });
    out = mkdtempSync(join(tmpdir(), `faultline-demo-${browserName}-`));
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    await setLabScenario('reset', port);
    if (out) rmSync(out, { recursive: true, force: true });
  });

  test('each scenario button of the front page switches the lab, and Reset puts it back', async () => {
    const front: SiteTab = await h.open(`https://${FRONT_HOST}/`);
    const buttons = () =>
      front
        .evaluate<string[]>(
          `document.readyState === 'complete' ? [...document.querySelectorAll('button[data-scenario]')].map((b) => b.dataset.scenario) : []`,
        )
        .catch(() => [] as string[]);
    const wanted = [...SCENARIOS.map((s) => s.id), 'reset'];
    expect(await until('the front page', buttons, (b) => b.length > 0)).toEqual(wanted);
    try {
      for (const id of wanted) {
        const scenario = SCENARIOS.find((s) => s.id === id);
        const expected = {
          mode: scenario?.failures ?? 'none',
          status: Object.fromEntries(FEEDS.map((f) => [f.id, scenario?.status[f.id] ?? 'operational'])),
        };
        const now = async () => {
          const [failures, status] = await Promise.all([labFailures(port), labStatus(port)]);
          return {
            mode: failures.mode,
            status: Object.fromEntries(Object.entries(status).map(([feed, s]) => [feed, s.state])),
          };
        };
        // Every step changes something (the list ends on "offline", then Reset).
        expect(await now()).not.toEqual(expected);
        await front.evaluate<boolean>(
          `(() => { document.querySelector('button[data-scenario="${id}"]').click(); return true; })()`,
        );
        expect(
          await until(`the ${id} scenario`, now, (s) => JSON.stringify(s) === JSON.stringify(expected)),
        ).toEqual(expected);
        // The form comes back to the front page, ready for the next button.
        await until('the front page again', buttons, (b) => b.length === wanted.length);
      }
    } finally {
      await front.close();
    }
  }, 60_000);

  test('the headless story: three numbered pictures, the outage told in its verdicts and notifications', async () => {
    const steps = await story(h, browserName, { port, out });
    for (const step of steps) console.log(`[demo] ${browserName}: ${step.line}`);
    expect(readdirSync(out).sort()).toEqual(
      ['1-calm', '2-outage', '3-recovery'].map((s) => `${browserName}-${s}.png`),
    );
    for (const step of steps) {
      const size = pngSize(step.picture);
      // The popup at its size beside the toolbar buttons.
      expect(size.height).toBe(600);
      expect(size.width).toBeGreaterThan(400);
    }
    expect(steps.map((s) => s.outcome)).toEqual(['all_good', 'provider_failing', 'all_good']);
    expect(steps.map((s) => s.notifications)).toEqual([[], ['start cloudflare'], ['end cloudflare']]);
    // The open popup learns the incident started (a moment after the status did) and says since when.
    expect(steps.map((s) => s.since)).toEqual([false, true, false]);
    // The shop's badge turns red with the outage and back; the newspaper's stays calm.
    const [calm, outage, recovery] = steps.map((s) => s.badges.map((b) => b.badge.text));
    expect(outage![0]).toBe('!');
    expect(calm![0]).not.toBe('!');
    expect(recovery![0]).not.toBe('!');
    expect(outage![1]).not.toBe('!');
  }, 120_000);

  test('the store screenshots: one 1280×800 picture per shot, each staged and checked on the way', async () => {
    // storeShots waits for what each picture must show (the outage verdict, the DNS providers, the
    // recovery) and throws if it does not come.
    const files = await storeShots(h, { port, out: join(out, 'store') });
    expect(readdirSync(join(out, 'store')).sort()).toEqual(SHOTS.map((s, i) => `${i + 1}-${s.id}.png`));
    expect(files.map((f) => f.split('/').pop())).toEqual(SHOTS.map((s, i) => `${i + 1}-${s.id}.png`));
    for (const file of files) expect(pngSize(file), file).toEqual(STORE_SIZE);
  }, 180_000);
});
