import { useCallback, useMemo } from 'preact/hooks';
import type { ObservedPage } from '../core/observe/page.ts';
import type { PageView } from '../core/page/view.ts';
import { SEVERITY } from '../core/status/model.ts';
import type { PageStatus } from '../core/status/relevance.ts';
import { Announcer } from './components/Announcer.tsx';
import { CheckNow } from './components/CheckNow.tsx';
import { ConnectionProblem } from './components/ConnectionProblem.tsx';
import { DocumentFailed } from './components/DocumentFailed.tsx';
import { Empty } from './components/Empty.tsx';
import { ErrorState } from './components/ErrorState.tsx';
import { Loading } from './components/Loading.tsx';
import { NoProviders } from './components/NoProviders.tsx';
import { PageErrors } from './components/PageErrors.tsx';
import { PageHeader } from './components/PageHeader.tsx';
import { ProviderList } from './components/ProviderList.tsx';
import { ResilienceSection } from './components/ResilienceSection.tsx';
import { Restricted } from './components/Restricted.tsx';
import { SettingsLink } from './components/SettingsLink.tsx';
import { StartedLate } from './components/StartedLate.tsx';
import { StatusSummary } from './components/StatusSummary.tsx';
import { Unattributed } from './components/Unattributed.tsx';
import type { Connector } from './connector.ts';
import { I18n, type Strings, strings } from './i18n.ts';
import { observedLines } from './observed-text.ts';
import { hostOf, type ShownState, shownState } from './page-state.ts';
import { type SummaryLine, summaryLines } from './status-text.ts';
import { type PageLoad, type PageReload, type StatusCheck, usePage } from './use-page.ts';
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

/** Errors of the page under no provider of its list: shown on their own. */
function orphanErrors(page: PageView, observed: ObservedPage | undefined) {
  const ids = new Set(page.providers.map((p) => p.id));
  return (observed?.errors ?? []).filter((e) => e.providerId === undefined || !ids.has(e.providerId));
}

/**
 * Reported lines (status pages) and observed ones (failing here), worst first; a provider failing
 * here counts as a partial outage, and among equals reported lines come first.
 */
function allLines(reported: readonly SummaryLine[], observed: readonly SummaryLine[]): SummaryLine[] {
  return [...reported, ...observed]
    .map((line, i) => ({ line, i }))
    .sort((a, b) => SEVERITY[b.line.level] - SEVERITY[a.line.level] || a.i - b.i)
    .map(({ line }) => line);
}

interface Live {
  readonly statuses: readonly PageStatus[];
  readonly observed: ObservedPage | undefined;
  readonly lines: readonly SummaryLine[];
  readonly now: number;
  readonly check: StatusCheck;
  readonly checkNow: () => void;
}

/** What the resilience section needs to ask for the tab's report. */
interface ResilienceAccess {
  readonly connector: Connector;
  readonly tabId: number | undefined;
  readonly openOptions: () => void;
}

/** "Reload" for a page loaded before Faultline listened. */
interface Reload {
  readonly state: PageReload;
  readonly start: () => void;
}

function Body({
  load,
  retry,
  live,
  resilience,
  reload,
}: {
  load: PageLoad;
  retry: () => void;
  live: Live;
  resilience: ResilienceAccess;
  reload: Reload;
}) {
  if (load.status === 'loading') return <Loading />;
  if (load.status === 'error') return <ErrorState reason={load.reason} onRetry={retry} />;
  const state = load.state;
  if (state.kind === 'restricted') return <Restricted />;
  if (state.kind === 'empty') {
    return state.late ? (
      <StartedLate partial={false} reload={reload.state} onReload={reload.start} />
    ) : (
      <Empty />
    );
  }
  const page = state.page;
  const connection = live.observed?.local === 'connection_problem' ? <ConnectionProblem /> : null;
  const late = state.late ? <StartedLate partial reload={reload.state} onReload={reload.start} /> : null;
  if (page.providers.length === 0) {
    return (
      <>
        {late}
        {connection}
        <DocumentFailed page={page} />
        {page.documentError === undefined ? <NoProviders page={page} /> : null}
        <PageErrors errors={orphanErrors(page, live.observed)} />
      </>
    );
  }
  return (
    <>
      {late}
      {connection}
      {live.statuses.length > 0 || live.lines.length > 0 ? (
        <div class="status-bar">
          <StatusSummary lines={live.lines} />
          {live.statuses.length > 0 ? <CheckNow check={live.check} onCheck={live.checkNow} /> : null}
        </div>
      ) : null}
      <ProviderList
        providers={page.providers}
        statuses={live.statuses}
        observed={live.observed}
        now={live.now}
      />
      <PageErrors errors={orphanErrors(page, live.observed)} />
      <Unattributed page={page} />
      <ResilienceSection
        connector={resilience.connector}
        tabId={resilience.tabId}
        page={page.url}
        version={`${page.requests}|${page.hostCount}`}
        onOpenOptions={resilience.openOptions}
      />
    </>
  );
}

/** What the live region says about the statuses: the summary, or that nothing is reported. */
function statusAnnouncement(s: Strings, live: Live): string {
  if (live.observed?.local === 'connection_problem') return s.t('localConnectionProblem');
  if (live.statuses.length === 0 && live.lines.length === 0) return '';
  if (live.lines.length === 0) return s.t('announceStatusOk');
  return live.lines.map((l) => l.text).join('; ');
}

export function App({ connector }: { connector: Connector }) {
  const s = useMemo(() => strings(connector.t), [connector]);
  const { load, retry, check, checkNow, tabId, reloading, reload } = usePage(connector);
  const openOptions = useCallback(() => {
    connector.openOptions().catch(() => undefined);
  }, [connector]);
  useTick(TICK_MS);
  const now = connector.now();
  const state = stateOf(load);
  const ready = load.status === 'ready' ? load.state : undefined;
  const page = ready?.kind === 'page' ? ready.page : undefined;
  const host = ready?.kind === 'empty' ? hostOf(ready.url) : undefined;
  const statuses = liveStatuses(page, ready?.kind === 'page' ? ready.statuses : undefined);
  const observed = ready?.kind === 'page' ? ready.observed : undefined;
  const live: Live = {
    statuses,
    observed,
    lines: page
      ? allLines(summaryLines(s, statuses, page.providers, now), observedLines(s, observed, page.providers))
      : [],
    now,
    check,
    checkNow,
  };
  return (
    <I18n.Provider value={s}>
      <main data-state={state} aria-busy={state === 'loading'}>
        <PageHeader host={host} page={page} />
        <Body
          load={load}
          retry={retry}
          live={live}
          resilience={{ connector, tabId, openOptions }}
          reload={{ state: reloading, start: reload }}
        />
        <Announcer
          providers={page?.providers.length}
          status={statusAnnouncement(s, live)}
          checking={check.busy}
        />
      </main>
      <SettingsLink onOpen={openOptions} />
    </I18n.Provider>
  );
}
