import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { PageState } from '../messages.ts';
import type { ErrorReason } from './components/ErrorState.tsx';
import type { Connector } from './connector.ts';

export type PageLoad =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly state: PageState }
  | { readonly status: 'error'; readonly reason: ErrorReason };

/** Where "Check now" stands: running, or failed the last time (what is shown is kept). */
export interface StatusCheck {
  readonly busy: boolean;
  readonly failed: boolean;
}

const IDLE: StatusCheck = { busy: false, failed: false };

/** Where "Reload" stands: reloading until the tab's new page arrives, or failed to reload. */
export type PageReload = StatusCheck;

/**
 * A reload that brings no new page within this long gives the button back (a page that never
 * answers still ends in a state of its own: a failed document is recorded).
 */
export const RELOAD_TIMEOUT_MS = 30_000;

/**
 * The shown tab's page state: loading until the background answers, then re-fetched on every
 * `pageChanged` of that tab. A failed re-fetch keeps what is shown; only a first load that never
 * gets an answer becomes an error (with a retry). `checkNow` asks the background to re-check the
 * live statuses of the tab's providers and shows the fresh state it answers.
 */
export function usePage(connector: Connector): {
  load: PageLoad;
  retry: () => void;
  check: StatusCheck;
  checkNow: () => void;
  /** The tab of the current round, once known (for the requests that follow the page state). */
  tabId: number | undefined;
  /** "Reload" of a page loaded before Faultline listened: where it stands, and the action. */
  reloading: PageReload;
  reload: () => void;
} {
  const [load, setLoad] = useState<PageLoad>({ status: 'loading' });
  const [shownTab, setShownTab] = useState<number | undefined>(undefined);
  const [round, setRound] = useState(0);
  const [check, setCheck] = useState<StatusCheck>(IDLE);
  /** The tab of the current round, once known. */
  const tab = useRef<number | undefined>(undefined);
  /** Bumped when a round ends (retry, unmount): answers of an older round are dropped. */
  const generation = useRef(0);
  /** Sequence of the newest answer wanted: an older getPage answer never replaces a newer one. */
  const latest = useRef(0);
  const checking = useRef(false);
  const [reloading, setReloading] = useState<PageReload>(IDLE);
  /** The reload under way (its timeout), if any. */
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const reloadDone = useCallback((failed: boolean) => {
    clearTimeout(reloadTimer.current);
    reloadTimer.current = undefined;
    setReloading(failed ? { busy: false, failed: true } : IDLE);
  }, []);

  useEffect(() => {
    // `round` restarts everything (the retry button).
    void round;
    let alive = true;
    let unsubscribe = () => {};

    const fetchPage = async (tabId: number) => {
      const mine = ++latest.current;
      try {
        const state = await connector.getPage(tabId);
        if (alive && mine === latest.current) {
          setLoad({ status: 'ready', state });
          // The reloaded page arrived (its document seen): the reload is over.
          if (
            reloadTimer.current !== undefined &&
            !(state.kind !== 'restricted' && state.kind !== 'off' && state.late)
          )
            reloadDone(false);
        }
      } catch {
        if (alive && mine === latest.current)
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
      tab.current = id;
      setShownTab(id);
      // Subscribe before the first fetch so that no change is missed in between.
      unsubscribe = connector.onPageChanged(id, () => void fetchPage(id));
      await fetchPage(id);
    })();

    return () => {
      alive = false;
      generation.current++;
      tab.current = undefined;
      checking.current = false;
      clearTimeout(reloadTimer.current);
      reloadTimer.current = undefined;
      unsubscribe();
    };
  }, [connector, round, reloadDone]);

  const retry = useCallback(() => {
    setLoad({ status: 'loading' });
    setCheck(IDLE);
    setReloading(IDLE);
    setRound((n) => n + 1);
  }, []);

  const checkNow = useCallback(() => {
    const tabId = tab.current;
    if (tabId === undefined || checking.current) return;
    const mine = generation.current;
    checking.current = true;
    setCheck({ busy: true, failed: false });
    connector.refreshStatus(tabId).then(
      (state) => {
        if (mine !== generation.current) return;
        checking.current = false;
        // Fresher than any getPage still on its way: those answers are dropped.
        latest.current++;
        setLoad({ status: 'ready', state });
        setCheck(IDLE);
      },
      () => {
        if (mine !== generation.current) return;
        checking.current = false;
        setCheck({ busy: false, failed: true });
      },
    );
  }, [connector]);

  const reload = useCallback(() => {
    const tabId = tab.current;
    if (tabId === undefined || reloadTimer.current !== undefined) return;
    const mine = generation.current;
    setReloading({ busy: true, failed: false });
    reloadTimer.current = setTimeout(() => {
      if (mine === generation.current) reloadDone(false);
    }, RELOAD_TIMEOUT_MS);
    connector.reloadTab(tabId).catch(() => {
      if (mine === generation.current) reloadDone(true);
    });
  }, [connector, reloadDone]);

  return { load, retry, check, checkNow, tabId: shownTab, reloading, reload };
}
