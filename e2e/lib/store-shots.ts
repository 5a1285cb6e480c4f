import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeHtml } from '../lab/content.ts';
import { SITES } from '../lab/index.ts';
import { dataUrl } from './demo.ts';
import type { ExtensionHarness } from './harness.ts';
import { POPUP_SIZE } from './harness.ts';
import { setLabScenario } from './lab-client.ts';
import { DIST_CHROME } from './paths.ts';
import type { PopupPage } from './types.ts';
import { until } from './wait.ts';

/**
 * The store's screenshots (Chrome Web Store, Edge Add-ons and AMO take 1280×800), made by the
 * demo (`npm start`, headless) from the built extension against the lab — never drawn by hand,
 * so they show what this version does. Each picture: a caption on the left; on the right what a
 * person sees — the lab's Maple Shop with the popup open over it at its real size, or the
 * History page. `npm start -- --store` writes them to store/screenshots/, where they are kept.
 */

export const STORE_SIZE = { width: 1280, height: 800 } as const;
/** The caption's column; the scene takes the rest. */
const CAPTION_WIDTH = 400;
const SCENE = { width: STORE_SIZE.width - CAPTION_WIDTH, height: STORE_SIZE.height } as const;

export const SHOTS = [
  {
    id: 'providers',
    title: 'Which infrastructure does this page stand on?',
    text: 'Every CDN, cloud and third-party service the page uses, with the evidence: response headers, server addresses, host names, the place that served it.',
  },
  {
    id: 'outage',
    title: 'Is it them or the site?',
    text: 'When a provider fails, Faultline says so: from its status page and from what your own browser saw, with the failing requests as proof.',
  },
  {
    id: 'resilience',
    title: 'What would take this site down?',
    text: 'Single points of failure, the DNS providers (looked up only with your consent), whose law each company is under, and a report to export.',
  },
  {
    id: 'history',
    title: 'Told when it matters',
    text: 'Opt-in notifications, thirty days of history kept in your browser, and sites you watch without keeping a tab open.',
  },
] as const;

export type ShotId = (typeof SHOTS)[number]['id'];

/** One store picture: the caption column, then the scene (and the popup over it, top right). */
function shotHtml(shot: (typeof SHOTS)[number], scenePng: string, popupPng: string | null): string {
  const icon = dataUrl(join(DIST_CHROME, 'icons', 'icon-128.png'));
  const popup = popupPng ? `<img class="popup" src="${dataUrl(popupPng)}" alt="">` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(shot.title)}</title><style>
html, body { margin: 0; width: ${STORE_SIZE.width}px; height: ${STORE_SIZE.height}px; overflow: hidden; }
body { display: flex; font-family: system-ui, sans-serif; background: #1f2a44; }
aside { box-sizing: border-box; width: ${CAPTION_WIDTH}px; padding: 64px 40px; color: #fff; }
aside img { width: 72px; height: 72px; }
aside p.name { margin: 12px 0 56px; font-size: 20px; font-weight: 600; letter-spacing: 0.02em; opacity: 0.85; }
h1 { margin: 0 0 24px; font-size: 34px; line-height: 1.2; }
aside p.text { margin: 0; font-size: 19px; line-height: 1.5; color: #d7def0; }
main { position: relative; width: ${SCENE.width}px; height: ${SCENE.height}px; overflow: hidden; background: #fff; }
main .scene { display: block; width: ${SCENE.width}px; height: ${SCENE.height}px; }
main .popup { position: absolute; top: 16px; right: 24px; width: ${POPUP_SIZE.width}px; height: ${POPUP_SIZE.height}px;
  border-radius: 8px; box-shadow: 0 8px 32px rgba(0, 0, 0, 0.35), 0 0 0 1px rgba(0, 0, 0, 0.15); }
</style></head><body><aside><img src="${icon}" alt=""><p class="name">Faultline</p><h1>${escapeHtml(shot.title)}</h1><p class="text">${escapeHtml(shot.text)}</p></aside><main><img class="scene" src="${dataUrl(scenePng)}" alt="">${popup}</main></body></html>`;
}

/**
 * Stages each shot in the lab on `port`, in `h`, and writes `<out>/<n>-<id>.png` (1280×800).
 * Ends with the lab reset; DNS look-ups are agreed to on the way (for the DNS providers).
 */
export async function storeShots(
  h: ExtensionHarness,
  { port, out }: { port: number; out: string },
): Promise<string[]> {
  mkdirSync(out, { recursive: true });
  const shop = SITES.find((s) => s.id === 'maple-shop')!;
  const files: string[] = [];
  const tmp = (name: string) => join(out, `.store-${name}`);
  const write = async (shot: (typeof SHOTS)[number], scenePng: string, popupPng: string | null) => {
    const n = SHOTS.indexOf(shot) + 1;
    const html = tmp(`${shot.id}.html`);
    const file = join(out, `${n}-${shot.id}.png`);
    writeFileSync(html, shotHtml(shot, scenePng, popupPng));
    await h.picture(pathToFileURL(html).href, file, STORE_SIZE);
    for (const f of [html, scenePng, popupPng]) if (f) rmSync(f, { force: true });
    files.push(file);
  };
  const shotOf = (id: ShotId) => SHOTS.find((s) => s.id === id)!;

  /** The shop as loaded now (the scene) and its popup, `prepare`d, at the popup's size. */
  const popupShot = async (
    id: ShotId,
    prepare: (popup: Awaited<ReturnType<ExtensionHarness['openPopup']>>) => Promise<void>,
  ) => {
    const tab = await h.open(shop.url);
    try {
      await h.settle(tab.tabId);
      const scenePng = tmp(`${id}-scene.png`);
      await h.picture(shop.url, scenePng, SCENE);
      const popup = await h.openPopup(tab.tabId);
      const popupPng = tmp(`${id}-popup.png`);
      try {
        await prepare(popup);
        await popup.screenshot(popupPng, true);
      } finally {
        await popup.close();
      }
      await write(shotOf(id), scenePng, popupPng);
    } finally {
      await tab.close().catch(() => undefined);
    }
  };

  const report = (popup: PopupPage) =>
    popup.evaluate<string>(
      `(() => { const r = document.querySelector('[data-testid="resilience"]'); if (!r || r.dataset.state !== 'ready') return 'loading'; if (document.querySelector('[data-testid="dns-agree"]')) return 'ask'; return document.querySelector('[data-testid="dns-lookup"]') ? 'looked-up' : 'waiting'; })()`,
    );
  const verdictOf = async (popup: PopupPage) => (await popup.read()).verdict?.outcome ?? null;

  try {
    await setLabScenario('reset', port);
    await popupShot('providers', async () => undefined);
    await popupShot('resilience', async (popup) => {
      await popup.click('[role="tab"][data-tab="resilience"]');
      // As a person would: agree to the DNS question (once), then the DNS providers are there.
      if (
        (await until(
          'the resilience report',
          () => report(popup),
          (r) => r !== 'loading',
        )) === 'ask'
      )
        await popup.click('[data-testid="dns-agree"]');
      await until(
        'the DNS providers',
        () => report(popup),
        (r) => r === 'looked-up',
        { timeout: 20_000 },
      );
    });
    await setLabScenario('cloudflare_outage', port);
    await popupShot('outage', async (popup) => {
      // What a person does on a page that fails: ask again; then the verdict names Cloudflare.
      await popup.checkNow();
      await until(
        'the verdict of the outage',
        () => verdictOf(popup),
        (o) => o === 'provider_failing',
        {
          timeout: 20_000,
        },
      );
    });
    // Recovery, as the status page says it (checked now rather than at the next poll).
    await setLabScenario('reset', port);
    const tab = await h.open(shop.url);
    try {
      await h.settle(tab.tabId);
      const popup = await h.openPopup(tab.tabId);
      try {
        await popup.checkNow();
        await until(
          'the recovery',
          () => verdictOf(popup),
          (o) => o === 'all_good',
          { timeout: 20_000 },
        );
      } finally {
        await popup.close();
      }
    } finally {
      await tab.close().catch(() => undefined);
    }
    const historyPng = tmp('history-scene.png');
    await h.picture(h.extensionUrl('src/history/index.html'), historyPng, SCENE);
    await write(shotOf('history'), historyPng, null);
  } finally {
    await setLabScenario('reset', port);
  }
  return files.sort();
}
