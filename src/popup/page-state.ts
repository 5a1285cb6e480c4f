import type { PageState } from '../messages.ts';

/** The states the popup shows, exposed as `data-state` on its root for end-to-end tests. */
export type ShownState =
  | 'loading'
  | 'restricted'
  | 'off'
  | 'no-access'
  | 'empty'
  | 'late'
  | 'none'
  | 'page'
  | 'error';

export function shownState(state: PageState): ShownState {
  // "Faultline started after this page loaded", nothing seen of it (a page seen in part is a page).
  if (state.kind === 'empty' && state.late) return 'late';
  if (state.kind !== 'page') return state.kind;
  return state.page.providers.length > 0 ? 'page' : 'none';
}

/** Host name of a URL for the header, or undefined when it has none. */
export function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const host = new URL(url).hostname;
    return host === '' ? undefined : host;
  } catch {
    return undefined;
  }
}
