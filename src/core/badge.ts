import type { Translate } from './i18n.ts';
import type { Signal } from './observe/signal.ts';
import type { PageView } from './page/view.ts';
import { SEVERITY } from './status/model.ts';
import type { PageStatus } from './status/relevance.ts';

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

/** i18n key of each level's words (shared by the badge title and the popup). */
export const LEVEL_KEYS = {
  operational: 'levelOperational',
  maintenance: 'levelMaintenance',
  degraded: 'levelDegraded',
  partial_outage: 'levelPartialOutage',
  major_outage: 'levelMajorOutage',
  unknown: 'levelUnknown',
} as const;

/** What was observed, as the badge needs it: the cross-site signal (observe/signal.ts). */
export type ObservedSignal = Pick<Signal, 'local' | 'perProvider'>;

/**
 * The badge is a pure function of the page state, of what the providers' live status means for
 * this page and of what this browser observed. Red `!`: a provider the page needs has a partial
 * or major outage, or is failing here (several of its sites failing for this browser while other
 * traffic works), whatever its status page says. Amber `!`: degraded performance or a minor
 * incident, or the user's own connection failing (then no provider is blamed for what is
 * observed). Otherwise the neutral count of providers.
 */
export function badgeFor(
  view: PageView | undefined,
  t: Translate,
  statuses: readonly PageStatus[] = [],
  observed?: ObservedSignal,
  /** The options page's "badge count" setting: off leaves the calm badge empty (warnings stay). */
  showCount = true,
): Badge {
  const name = t('extensionName');
  if (!view || view.providers.length === 0) {
    return { text: '', color: NEUTRAL_BADGE_COLOR, title: name };
  }
  const used = new Set(view.providers.map((p) => p.id));
  const names = new Map(view.providers.map((p) => [p.id, p.name]));
  const affected = statuses
    .filter((s) => used.has(s.providerId) && SEVERITY[s.level] >= SEVERITY.degraded)
    .sort((a, b) => SEVERITY[b.level] - SEVERITY[a.level]);
  const connection = observed?.local === 'connection_problem';
  // With the connection at fault, signal.ts already judges no provider; the check is explicit.
  const failing = connection
    ? []
    : view.providers.flatMap((p) => {
        const s =
          observed && Object.hasOwn(observed.perProvider, p.id) ? observed.perProvider[p.id] : undefined;
        return s?.state === 'failing_here' ? [{ name: p.name, s }] : [];
      });
  const observedLines = [
    ...(connection ? [t('localConnectionProblem')] : []),
    ...failing.map(({ name: who, s }) =>
      t('badgeTitleFailingHere', [
        who,
        String(s.failed),
        String(s.requests),
        String(s.windowMinutes),
        String(s.failingSites),
      ]),
    ),
  ];
  const top = affected[0];
  if (!top && observedLines.length === 0) {
    const list = view.providers.map((p) => p.name).join(', ');
    return {
      text: showCount ? String(view.providers.length) : '',
      color: NEUTRAL_BADGE_COLOR,
      title: t('badgeTitleProviders', [name, list]),
    };
  }
  const lines = affected.map((s) => {
    const incident = s.incidents[0]?.event.title ?? s.products[0]?.name ?? '';
    const state = t(LEVEL_KEYS[s.level]);
    const who = names.get(s.providerId) ?? s.providerId;
    return incident ? t('badgeTitleIncident', [who, state, incident]) : t('badgeTitleState', [who, state]);
  });
  const red = failing.length > 0 || (top !== undefined && SEVERITY[top.level] >= SEVERITY.partial_outage);
  return {
    text: '!',
    color: red ? RED_BADGE_COLOR : AMBER_BADGE_COLOR,
    title: [name, ...observedLines, ...lines].join('\n'),
  };
}
