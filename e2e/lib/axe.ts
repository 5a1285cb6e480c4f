import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PopupPage } from './types.ts';

/** axe-core itself (the real engine), injected into the built extension pages. */
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Runs axe on a page as it is now (the popup, the History page…); the violations, each with a few of its nodes. */
export async function axe(popup: Pick<PopupPage, 'evaluate'>): Promise<Violation[]> {
  const loaded = await popup.evaluate<boolean>('typeof window.axe !== "undefined"');
  if (!loaded)
    await popup.evaluate<boolean>(`(() => { ${AXE}\n; return typeof window.axe !== 'undefined'; })()`);
  return popup.evaluate<Violation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`);
}
