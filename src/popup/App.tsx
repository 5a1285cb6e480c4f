import { useMemo } from 'preact/hooks';
import type { PageView } from '../page/view.ts';
import type { PageStatus } from '../status/relevance.ts';
import { Announcer } from './components/Announcer.tsx';
import { CheckNow } from './components/CheckNow.tsx';
import { Empty } from './components/Empty.tsx';
import { ErrorState } from './components/ErrorState.tsx';
import { Loading } from './components/Loading.tsx';
import { NoProviders } from './components/NoProviders.tsx';
import { PageHeader } from './components/PageHeader.tsx';
import { ProviderList } from './components/ProviderList.tsx';
import { Restricted } from './components/Restricted.tsx';
import { StatusSummary } from './components/StatusSummary.tsx';
import { Unattributed } from './components/Unattributed.tsx';
import type { Connector } from './connector.ts';
import { I18n, type Strings, strings } from './i18n.ts';
import { hostOf, type ShownState, shownState } from './page-state.ts';
import { type SummaryLine, summaryLines } from './status-text.ts';
import { type PageLoad, type StatusCheck, usePage } from './use-page.ts';
import { useTick } from './use-tick.ts';

/** Ages ("checked 1 min ago") are re-read this often while the popup stays open. */
const TICK_MS = 30_000;

function stateOf(load: PageLoad): ShownState {
  if (load.status === 'loading') return 'loading';
  if (load.status === 'error') return 'error';
  return shownState(load.state);
}

/** The live statuses of providers this page uses (a status of another provider is ignored). */
function liveStatuses(page: PageView | undefined, statuses: readonly PageStatus[] | undefined): PageStatus[] {
  if (!page || !statuses) return [];
  const used = new Set(page.providers.map((p) => p.id));
  return statuses.filter((st) => used.has(st.providerId));
}

interface Live {
  readonly statuses: readonly PageStatus[];
  readonly lines: readonly SummaryLine[];
  readonly now: number;
  readonly check: StatusCheck;
  readonly checkNow: () => void;
}

function Body({ load, retry, live }: { load: PageLoad; retry: () => void; live: Live }) {
  if (load.status === 'loading') return <Loading />;
  if (load.status === 'error') return <ErrorState reason={load.reason} onRetry={retry} />;
  const state = load.state;
  if (state.kind === 'restricted') return <Restricted />;
  if (state.kind === 'empty') return <Empty />;
  const page = state.page;
  if (page.providers.length === 0) return <NoProviders page={page} />;
  return (
    <>
      {live.statuses.length > 0 ? (
        <div class="status-bar">
          <StatusSummary lines={live.lines} />
          <CheckNow check={live.check} onCheck={live.checkNow} />
        </div>
      ) : null}
      <ProviderList providers={page.providers} statuses={live.statuses} now={live.now} />
      <Unattributed page={page} />
    </>
  );
}

/** What the live region says about the statuses: the summary, or that nothing is reported. */
function statusAnnouncement(s: Strings, live: Live): string {
  if (live.statuses.length === 0) return '';
  if (live.lines.length === 0) return s.t('announceStatusOk');
  return live.lines.map((l) => l.text).join('; ');
}

export function App({ connector }: { connector: Connector }) {
  const s = useMemo(() => strings(connector.t), [connector]);
  const { load, retry, check, checkNow } = usePage(connector);
  useTick(TICK_MS);
  const now = connector.now();
  const state = stateOf(load);
  const ready = load.status === 'ready' ? load.state : undefined;
  const page = ready?.kind === 'page' ? ready.page : undefined;
  const host = ready?.kind === 'empty' ? hostOf(ready.url) : undefined;
  const statuses = liveStatuses(page, ready?.kind === 'page' ? ready.statuses : undefined);
  const live: Live = {
    statuses,
    lines: page ? summaryLines(s, statuses, page.providers, now) : [],
    now,
    check,
    checkNow,
  };
  return (
    <I18n.Provider value={s}>
      <main data-state={state} aria-busy={state === 'loading'}>
        <PageHeader host={host} page={page} />
        <Body load={load} retry={retry} live={live} />
        <Announcer
          providers={page?.providers.length}
          status={statusAnnouncement(s, live)}
          checking={check.busy}
        />
      </main>
    </I18n.Provider>
  );
}
