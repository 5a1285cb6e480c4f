import { useCallback, useEffect, useState } from 'preact/hooks';
import type { PageState } from '../messages.ts';
import type { ErrorReason } from './components/ErrorState.tsx';
import type { Connector } from './connector.ts';

export type PageLoad =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly state: PageState }
  | { readonly status: 'error'; readonly reason: ErrorReason };

/**
 * The shown tab's page state: loading until the background answers, then re-fetched on every
 * `pageChanged` of that tab. A failed re-fetch keeps what is shown; only a first load that never
 * gets an answer becomes an error (with a retry).
 */
export function usePage(connector: Connector): { load: PageLoad; retry: () => void } {
  const [load, setLoad] = useState<PageLoad>({ status: 'loading' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    // `round` restarts everything (the retry button).
    void round;
    let alive = true;
    let latest = 0;
    let unsubscribe = () => {};

    const fetchPage = async (tabId: number) => {
      const mine = ++latest;
      try {
        const state = await connector.getPage(tabId);
        if (alive && mine === latest) setLoad({ status: 'ready', state });
      } catch {
        if (alive && mine === latest)
          setLoad((prev) => (prev.status === 'ready' ? prev : { status: 'error', reason: 'noAnswer' }));
      }
    };

    void (async () => {
      let tabId: number | undefined;
      try {
        tabId = await connector.tabId();
      } catch {
        tabId = undefined;
      }
      if (!alive) return;
      if (tabId === undefined) {
        setLoad({ status: 'error', reason: 'noTab' });
        return;
      }
      const id = tabId;
      // Subscribe before the first fetch so that no change is missed in between.
      unsubscribe = connector.onPageChanged(id, () => void fetchPage(id));
      await fetchPage(id);
    })();

    return () => {
      alive = false;
      unsubscribe();
    };
  }, [connector, round]);

  const retry = useCallback(() => {
    setLoad({ status: 'loading' });
    setRound((n) => n + 1);
  }, []);

  return { load, retry };
}
