import { networkFailure } from './errors.ts';

/** The fields of a `webRequest.onErrorOccurred` event the rule reads. */
export interface RequestError {
  /** `main_frame` for a tab's top-level document. */
  readonly type: string;
  /** The browser's error string (`net::ERR_CONNECTION_REFUSED`, `NS_ERROR_UNKNOWN_HOST`…). */
  readonly error: string;
}

/**
 * Whether a request error means the tab's page itself failed: its top-level document got no
 * response at all (refused, reset, timed out, DNS, TLS, offline). The tab then shows the browser's
 * error page for that URL, and the page's record says so instead of showing the previous page.
 * Cancelled or blocked navigations are not failures, and a document whose response did start
 * (`answered`: its body failed later) is on screen.
 */
export function documentFailed(event: RequestError, answered: boolean): boolean {
  if (event.type !== 'main_frame' || answered) return false;
  return networkFailure(event.error) !== undefined;
}
