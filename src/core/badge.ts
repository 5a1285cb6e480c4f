import type { Translate } from './i18n.ts';
import type { PageView } from './page/view.ts';
import { evidenceText, type Outcome, type Verdict, verdictSentence } from './verdict/index.ts';

export { LEVEL_KEYS } from './levels.ts';

/** What the toolbar button shows for one tab. */
export interface Badge {
  readonly text: string;
  /** CSS colour of the badge background. */
  readonly color: string;
  readonly title: string;
}

export const NEUTRAL_BADGE_COLOR = '#5f6368';
export const RED_BADGE_COLOR = '#c5221f';
export const AMBER_BADGE_COLOR = '#b06000';

/**
 * The badge of each verdict (core/verdict): red `!` for a provider of the page failing (declared
 * or seen here); amber `!` when the page has a problem that is not a provider failing — the site's
 * own server, the user's own connection, or a provider reporting a problem that may touch the page;
 * `?` when the page failed and there is not enough to tell why; otherwise the neutral count of
 * providers. Colour is never the only sign: the text differs, and the title says it in words.
 */
export const BADGE_OF: Readonly<
  Record<Outcome, { readonly text: '!' | '?' | 'count'; readonly color: string }>
> = {
  provider_failing: { text: '!', color: RED_BADGE_COLOR },
  provider_reports_problem: { text: '!', color: AMBER_BADGE_COLOR },
  site_down: { text: '!', color: AMBER_BADGE_COLOR },
  own_connection: { text: '!', color: AMBER_BADGE_COLOR },
  unknown: { text: '?', color: NEUTRAL_BADGE_COLOR },
  all_good: { text: 'count', color: NEUTRAL_BADGE_COLOR },
};

/**
 * The badge is a pure function of the page's verdict. Its title is the verdict's sentence and the
 * evidence behind it, one per line; a calm page's title lists its providers.
 */
export function badgeFor(
  view: PageView | undefined,
  verdict: Verdict | undefined,
  t: Translate,
  /** The options page's "badge count" setting: off leaves the calm badge empty (warnings stay). */
  showCount = true,
): Badge {
  const name = t('extensionName');
  if (!view || !verdict || (view.providers.length === 0 && verdict.outcome === 'all_good')) {
    return { text: '', color: NEUTRAL_BADGE_COLOR, title: name };
  }
  const look = BADGE_OF[verdict.outcome];
  if (look.text === 'count') {
    const list = view.providers.map((p) => p.name).join(', ');
    return {
      text: showCount ? String(view.providers.length) : '',
      color: look.color,
      title: t('badgeTitleProviders', [name, list]),
    };
  }
  const lines = [verdictSentence(t, verdict), ...verdict.evidence.map((e) => evidenceText(t, e))];
  return { text: look.text, color: look.color, title: [name, ...lines].join('\n') };
}
