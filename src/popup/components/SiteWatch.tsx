import { useEffect, useState } from 'preact/hooks';
import { durationText } from '../../core/notify/text.ts';
import type { TabHistory } from '../../messages.ts';
import type { Connector } from '../connector.ts';
import { useStrings } from '../i18n.ts';

/**
 * Under the verdict: since when the problem it names lasts (the incident's start in the history),
 * "Watch this site" (a toggle: its providers are then polled with no tab open) and the way to the
 * History page.
 */
export function SiteWatch({
  connector,
  tabId,
  providerId,
  version,
}: {
  connector: Connector;
  tabId: number | undefined;
  /** The provider the verdict names, if any. */
  providerId?: string | undefined;
  /** Changes when the tab's page state changes (the history is read again). */
  version: string;
}) {
  const s = useStrings();
  const [tab, setTab] = useState<TabHistory | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (tabId === undefined) return;
    let live = true;
    const read = () =>
      connector.getTabHistory(tabId).then(
        (h) => live && setTab(h),
        () => undefined,
      );
    read();
    // An incident starts a moment after the status change that caused it: read again when told.
    const stop = connector.onPageChanged(tabId, read);
    return () => {
      live = false;
      stop();
    };
  }, [connector, tabId, version]);

  const since = providerId ? tab?.ongoing.find((o) => o.providerId === providerId)?.since : undefined;
  const toggle = () => {
    if (tabId === undefined || !tab?.host || busy) return;
    setBusy(true);
    const done = tab.watched
      ? connector.unwatchSite(tab.host).then(() => connector.getTabHistory(tabId))
      : connector.watchSite(tabId);
    done.then(setTab, () => undefined).finally(() => setBusy(false));
  };
  const time =
    since === undefined ? '' : new Intl.DateTimeFormat(s.locale, { timeStyle: 'short' }).format(since);
  return (
    <div class="site-watch">
      {since !== undefined && (
        <p class="since" data-testid="since" data-since={since}>
          <time dateTime={new Date(since).toISOString()}>
            {s.t('popSince', [time, durationText(s.t, connector.now() - since)])}
          </time>
        </p>
      )}
      <div class="site-watch-actions">
        {tab?.host && (
          <button
            type="button"
            data-testid="watch"
            aria-pressed={tab.watched}
            aria-busy={busy}
            onClick={toggle}
          >
            {s.t('popWatch')}
          </button>
        )}
        <button
          type="button"
          class="link"
          data-testid="open-history"
          onClick={() => void connector.openHistory()}
        >
          {s.t('popHistory')}
        </button>
      </div>
    </div>
  );
}
