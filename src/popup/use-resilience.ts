import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { ResilienceState } from '../messages.ts';
import type { Connector } from './connector.ts';

export type ResilienceLoad =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly state: ResilienceState }
  | { readonly status: 'error' };

/**
 * An answer read from the DNS cache right after this popup looked the same page up counts as
 * looked up now: the look-up the user is told about happened while the popup was open.
 */
function merge(prev: ResilienceLoad, next: ResilienceState): ResilienceState {
  if (prev.status !== 'ready' || prev.state.kind !== 'resilience' || next.kind !== 'resilience') return next;
  if (
    prev.state.dnsLookedUp === 'now' &&
    next.dnsLookedUp === 'cache' &&
    prev.state.report.page === next.report.page
  )
    return { ...next, dnsLookedUp: 'now' };
  return next;
}

/**
 * The tab's resilience report, asked for once the page state is shown (it can take seconds while
 * DNS is looked up). A new `page` (navigation) starts over with "loading"; a new `version` of the
 * same page (more responses) asks again without hiding what is shown. At most one request is on
 * its way: changes meanwhile are folded into one more request after it. A failed first request
 * is an error with a retry; a failed later one keeps what is shown.
 */
export function useResilience(
  connector: Connector,
  tabId: number | undefined,
  page: string,
  version: string,
): { load: ResilienceLoad; retry: () => void } {
  const [load, setLoad] = useState<ResilienceLoad>({ status: 'loading' });
  const [round, setRound] = useState(0);
  /** Bumped when the tab, the page or the round changes: older answers are dropped. */
  const generation = useRef(0);
  const inFlight = useRef(false);
  const pending = useRef(false);

  useEffect(() => {
    void page;
    void round;
    setLoad({ status: 'loading' });
    return () => {
      generation.current++;
      inFlight.current = false;
      pending.current = false;
    };
  }, [connector, tabId, page, round]);

  useEffect(() => {
    void version;
    if (tabId === undefined) return;
    const id = tabId;
    const mine = generation.current;
    const ask = () => {
      if (inFlight.current) {
        pending.current = true;
        return;
      }
      inFlight.current = true;
      const settle = () => {
        if (mine !== generation.current) return;
        inFlight.current = false;
        if (pending.current) {
          pending.current = false;
          ask();
        }
      };
      connector.getResilience(id).then(
        (state) => {
          if (mine !== generation.current) return;
          setLoad((prev) => ({ status: 'ready', state: merge(prev, state) }));
          settle();
        },
        () => {
          if (mine !== generation.current) return;
          setLoad((prev) => (prev.status === 'ready' ? prev : { status: 'error' }));
          settle();
        },
      );
    };
    ask();
  }, [connector, tabId, page, version, round]);

  const retry = useCallback(() => setRound((n) => n + 1), []);
  return { load, retry };
}
