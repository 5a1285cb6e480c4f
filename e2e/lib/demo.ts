import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { escapeHtml } from '../lab/content.ts';
import { SITES } from '../lab/index.ts';
import type { ExtensionHarness } from './harness.ts';
import { POPUP_SIZE } from './harness.ts';
import { setLabScenario } from './lab-client.ts';
import { DIST_CHROME } from './paths.ts';
import type { Badge, BrowserName } from './types.ts';

/**
 * The demo's story of a provider outage, told headless by `npm start` (and checked by
 * e2e/demo.e2e.ts): calm browsing of a Cloudflare shop and a Fastly newspaper → a Cloudflare
 * incident (the lab's "Cloudflare outage" scenario: its status page critical, its sites answering
 * 5xx, the other CDNs working) → recovery. Notifications are switched on first, as a person
 * would in the options. At each step it saves one picture of what a person sees — each tab's
 * toolbar button (the badge as the browser holds it, and its tooltip) beside the popup at its
 * real size — and says in one line the verdict, the badges and the notifications of the step.
 */

export const STEPS = [
  { id: 'calm', scenario: 'reset', line: 'Calm browsing: a Cloudflare shop and a Fastly newspaper.' },
  {
    id: 'outage',
    scenario: 'cloudflare_outage',
    line: 'Cloudflare incident: its status page goes critical, its sites answer 5xx.',
  },
  { id: 'recovery', scenario: 'reset', line: 'Recovery: Cloudflare is back.' },
] as const;

export interface StepResult {
  readonly id: (typeof STEPS)[number]['id'];
  /** `<out>/<browser>-<n>-<id>.png`: the toolbar badges beside the popup. */
  readonly picture: string;
  /** The verdict's outcome and sentence in the popup of the shop. */
  readonly outcome: string;
  readonly verdict: string;
  /** The popup says since when the problem lasts (its "since" line). */
  readonly since: boolean;
  readonly badges: readonly { readonly site: string; readonly badge: Badge }[];
  /** Notifications sent during the step (`start cloudflare`, `end cloudflare`…). */
  readonly notifications: readonly string[];
  /** The narration line. */
  readonly line: string;
}

interface Sent {
  readonly id: string;
  readonly kind: string;
  readonly providerId: string;
}

const STRIP = { width: POPUP_SIZE.width + 340, height: POPUP_SIZE.height } as const;

/** A PNG file as a data: URL, for the pictures' HTML. */
export const dataUrl = (file: string): string =>
  `data:image/png;base64,${readFileSync(file).toString('base64')}`;

/** The picture of one step: a toolbar button per tab (icon, badge, tooltip), then the popup. */
function stripHtml(title: string, popupPng: string, badges: StepResult['badges']): string {
  const icon = dataUrl(join(DIST_CHROME, 'icons', 'icon-32.png'));
  const rows = badges
    .map(({ site, badge }) => {
      const [r = 0, g = 0, b = 0, a = 255] = badge.color;
      const chip = badge.text
        ? `<span class="badge" style="background: rgba(${r}, ${g}, ${b}, ${a / 255})">${escapeHtml(badge.text)}</span>`
        : '';
      return `<li><p class="tab">${escapeHtml(site)}</p><p class="button"><img src="${icon}" alt="">${chip}</p><p class="tip">${escapeHtml(badge.title)}</p></li>`;
    })
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>
body { margin: 0; display: flex; font: 13px system-ui, sans-serif; background: #e8eaed; color: #202124; }
aside { width: 316px; padding: 12px; }
h1 { font-size: 14px; margin: 0 0 12px; }
ul { list-style: none; margin: 0; padding: 0; }
li { background: #fff; border-radius: 8px; padding: 8px 10px; margin-bottom: 10px; }
.tab { margin: 0 0 6px; font-weight: 600; }
.button { position: relative; display: inline-block; margin: 0; width: 32px; height: 32px; }
.button img { width: 32px; height: 32px; }
.badge { position: absolute; right: -10px; bottom: -4px; min-width: 14px; padding: 0 4px; border-radius: 8px;
  color: #fff; font: bold 11px/16px system-ui, sans-serif; text-align: center; }
.tip { margin: 8px 0 0; color: #5f6368; white-space: pre-line; }
main img { display: block; width: ${POPUP_SIZE.width}px; height: ${POPUP_SIZE.height}px; }
</style></head><body><aside><h1>${escapeHtml(title)}</h1><ul>${rows}</ul></aside><main><img src="${dataUrl(popupPng)}" alt=""></main></body></html>`;
}

/** Tells the story in `h` against the lab on `port`; the pictures go to `out`. */
export async function story(
  h: ExtensionHarness,
  name: BrowserName,
  { port, out }: { port: number; out: string },
): Promise<StepResult[]> {
  mkdirSync(out, { recursive: true });
  const api = name === 'firefox' ? 'browser' : 'chrome';
  // As a person would in the options page: notifications on (off by default).
  await h.extensionEval(
    `${api}.runtime.sendMessage({ type: 'setSettings', settings: { notifications: true } })`,
  );
  const sent = () =>
    h.extensionEval<Sent[]>(
      `${api}.storage.local.get('faultline:incidents:v1').then((s) => s['faultline:incidents:v1']?.notify?.sent ?? [])`,
    );
  const shop = SITES.find((s) => s.id === 'maple-shop')!;
  const ledger = SITES.find((s) => s.id === 'daily-ledger')!;
  const sites = [shop, ledger];
  await setLabScenario('reset', port);
  const tabs = [await h.open(shop.url), await h.open(ledger.url)];
  for (const tab of tabs) await h.settle(tab.tabId);
  const results: StepResult[] = [];
  let before = (await sent()).length;
  try {
    for (const [i, step] of STEPS.entries()) {
      await setLabScenario(step.scenario, port);
      for (const tab of tabs) {
        await tab.evaluate('location.reload()').catch(() => undefined);
        await h.settle(tab.tabId);
      }
      const popup = await h.openPopup(tabs[0]!.tabId);
      const popupPng = join(out, `.${name}-${i + 1}-${step.id}-popup.png`);
      let verdict: { outcome: string; text: string } | null;
      let since: boolean;
      try {
        // What a person does on a page that fails: ask again.
        await popup.checkNow().catch(() => undefined);
        await new Promise((ok) => setTimeout(ok, 1_500));
        await popup.screenshot(popupPng, true);
        verdict = (await popup.read()).verdict;
        since = await popup.evaluate<boolean>(`!!document.querySelector('[data-testid="since"]')`);
      } finally {
        await popup.close();
      }
      const badges = [];
      for (const [j, tab] of tabs.entries())
        badges.push({ site: sites[j]!.name, badge: await h.badge(tab.tabId) });
      const all = await sent();
      const notifications = all.slice(before).map((n) => `${n.kind} ${n.providerId}`);
      before = all.length;
      const picture = join(out, `${name}-${i + 1}-${step.id}.png`);
      const html = join(out, `.${name}-${i + 1}-${step.id}.html`);
      writeFileSync(html, stripHtml(`${i + 1}. ${step.line}`, popupPng, badges));
      await h.picture(pathToFileURL(html).href, picture, STRIP);
      rmSync(html);
      rmSync(popupPng);
      const line = `${i + 1}. ${step.line} Verdict: ${verdict?.outcome ?? '—'} (“${verdict?.text ?? ''}”) · badges: ${badges.map((b) => `${b.site} "${b.badge.text}"`).join(', ')} · notification: ${notifications.join(', ') || 'none'} · ${picture}`;
      results.push({
        id: step.id,
        picture,
        outcome: verdict?.outcome ?? 'none',
        verdict: verdict?.text ?? '',
        since,
        badges,
        notifications,
        line,
      });
    }
  } finally {
    await setLabScenario('reset', port);
    for (const tab of tabs) await tab.close().catch(() => undefined);
  }
  return results;
}
