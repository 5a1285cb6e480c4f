import type { PageView } from './page/view.ts';

/** What the toolbar button shows for one tab. */
export interface Badge {
  readonly text: string;
  /** CSS colour of the badge background. */
  readonly color: string;
  readonly title: string;
}

/** Translator shaped like the i18n API's getMessage, so this stays a pure function. */
export type Translate = (key: string, substitutions?: string | string[]) => string;

export const NEUTRAL_BADGE_COLOR = '#5f6368';

/**
 * The badge is a pure function of the page state. Later work (live status, observed failures)
 * extends its inputs; the shell only applies the result.
 */
export function badgeFor(view: PageView | undefined, t: Translate): Badge {
  const name = t('extensionName');
  if (!view || view.providers.length === 0) {
    return { text: '', color: NEUTRAL_BADGE_COLOR, title: name };
  }
  const names = view.providers.map((p) => p.name).join(', ');
  return {
    text: String(view.providers.length),
    color: NEUTRAL_BADGE_COLOR,
    title: t('badgeTitleProviders', [name, names]),
  };
}
