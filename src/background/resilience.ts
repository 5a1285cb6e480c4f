import { providerById } from '../core/catalog/index.ts';
import { IP_RANGES } from '../core/detect/index.ts';
import type { Translate } from '../core/i18n.ts';
import type { PageView } from '../core/page/view.ts';
import { buildReport } from '../core/report/report.ts';
import { rankImpact } from '../core/resilience/impact.ts';
import { reportMarkdown } from '../core/resilience/markdown.ts';
import messages from '../core/resilience/messages.json' with { type: 'json' };
import type { Settings } from '../core/settings.ts';
import type { ResilienceState } from '../messages.ts';
import type { DnsLookups } from './dns.ts';
import type { LocalArea } from './local-area.ts';
import { loadSettings, saveSettings } from './settings.ts';

/**
 * The popup's resilience requests and the options page's settings requests, answered from the
 * tab's page record: the v2 report (with DNS when allowed) and its Markdown in the browser's
 * language. Everything it reaches outside is injected, so tests drive it without a browser.
 */

export type ResilienceRequest =
  | { readonly type: 'getResilience'; readonly tabId: number }
  | { readonly type: 'getSettings' }
  | { readonly type: 'setSettings'; readonly settings: unknown };

export interface ResilienceDeps {
  /** The tab's current page, when it has recorded responses. */
  readonly page: (tabId: number) => Promise<PageView | undefined>;
  readonly dns: DnsLookups;
  readonly local: LocalArea;
  /** `browser.i18n.getMessage`: '' for a key the locale files do not have. */
  readonly getMessage: (key: string, subs: string[]) => string;
  /** `browser.i18n.getUILanguage()`. */
  readonly uiLanguage: () => string;
  readonly now?: () => number;
}

type Lang = keyof typeof messages;

const TABLES: Readonly<Record<Lang, Readonly<Record<string, string>>>> = messages;

/** The messages.json language for a UI language tag (`fr-CA` → fr); English otherwise. */
export function languageOf(uiLanguage: string): Lang {
  const primary = uiLanguage.split(/[-_]/)[0]?.toLowerCase() ?? '';
  return primary === 'fr' ? 'fr' : 'en';
}

function substitute(text: string, subs: readonly string[]): string {
  return text.replace(/\$(\$|[1-9])/g, (_, w: string) => (w === '$' ? '$' : (subs[Number(w) - 1] ?? '')));
}

/**
 * The Markdown translator: the extension's locale files first (`getMessage`), then
 * src/resilience/messages.json in the UI language until its keys are merged into the locales.
 */
export function markdownTranslator(
  getMessage: (key: string, subs: string[]) => string,
  uiLanguage: string,
): { t: Translate; locale: Lang } {
  const locale = languageOf(uiLanguage);
  const table = TABLES[locale];
  const t: Translate = (key, subs = []) => {
    let text = '';
    try {
      text = getMessage(key, [...subs]);
    } catch {
      // A key the API refuses (or no API): the fallback table.
    }
    if (text) return text;
    const own = Object.hasOwn(table, key) ? table[key] : TABLES.en[key];
    return own === undefined ? key : substitute(own, subs);
  };
  return { t, locale };
}

export class Resilience {
  constructor(private readonly deps: ResilienceDeps) {}

  /** Answers one request; the response type is `ResponseMap[request.type]`. */
  answer(request: ResilienceRequest): Promise<ResilienceState | Settings> {
    switch (request.type) {
      case 'getResilience':
        return this.state(request.tabId);
      case 'getSettings':
        return loadSettings(this.deps.local);
      case 'setSettings':
        return saveSettings(this.deps.local, request.settings);
    }
  }

  /** The tab's resilience report; DNS looked up (or read from the cache) when the setting allows. */
  async state(tabId: number): Promise<ResilienceState> {
    const view = await this.deps.page(tabId);
    if (!view) return { kind: 'none' };
    const impacts = rankImpact(view, providerById);
    const dns = await this.deps.dns.lookupDns(view, impacts);
    const findings = dns.results.map((r) => r.finding);
    // Off, or a look-up that could not even start: "not looked up". Nothing to look up: none.
    const looked = dns.lookedUp === 'skipped' || findings.length > 0 ? findings : undefined;
    const now = (this.deps.now ?? Date.now)();
    const report = buildReport(view, providerById, {
      generatedAt: new Date(now).toISOString(),
      ipRanges: IP_RANGES.generated,
      source: { kind: 'extension' },
      impacts,
      ...(looked ? { dns: looked } : {}),
    });
    const { t, locale } = markdownTranslator(this.deps.getMessage, this.deps.uiLanguage());
    const markdown = reportMarkdown({ view, impacts, ...(looked ? { dns: looked } : {}), locale }, t);
    return { kind: 'resilience', report, markdown, dnsLookedUp: dns.lookedUp };
  }
}
