import type { PageState } from '../messages.ts';

/** The states the popup shows, exposed as `data-state` on its root for end-to-end tests. */
export type ShownState = 'loading' | 'restricted' | 'empty' | 'none' | 'page' | 'error';

/** Checks an answer from the background before trusting it (an absent listener answers undefined). */
export function isPageState(value: unknown): value is PageState {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { kind?: unknown; url?: unknown; page?: unknown; statuses?: unknown };
  switch (v.kind) {
    case 'restricted':
      return typeof v.url === 'string';
    case 'empty':
      return v.url === undefined || typeof v.url === 'string';
    case 'page': {
      if (typeof v.page !== 'object' || v.page === null) return false;
      const p = v.page as { host?: unknown; providers?: unknown; unattributedHosts?: unknown };
      return (
        typeof p.host === 'string' &&
        Array.isArray(p.providers) &&
        Array.isArray(p.unattributedHosts) &&
        (v.statuses === undefined || Array.isArray(v.statuses))
      );
    }
    default:
      return false;
  }
}

export function shownState(state: PageState): ShownState {
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
