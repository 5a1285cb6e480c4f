import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { ObservedPage } from '../core/observe/page.ts';
import type { PageView } from '../core/page/view.ts';
import type { PageStatus } from '../core/status/relevance.ts';
import { verdictSentence } from '../core/verdict/index.ts';
import type { PageState } from '../messages.ts';
import { Announcer } from './components/Announcer.tsx';
import { Empty } from './components/Empty.tsx';
import { ErrorState } from './components/ErrorState.tsx';
import { HostAccess } from './components/HostAccess.tsx';
import { Loading } from './components/Loading.tsx';
import { NoProviders } from './components/NoProviders.tsx';
import { PageErrors } from './components/PageErrors.tsx';
import { PageHeader } from './components/PageHeader.tsx';
import { ProviderList } from './components/ProviderList.tsx';
import { ResilienceSection } from './components/ResilienceSection.tsx';
import { Restricted } from './components/Restricted.tsx';
import { SiteOff } from './components/SiteOff.tsx';
import { SiteSwitch } from './components/SiteSwitch.tsx';
import { SiteWatch } from './components/SiteWatch.tsx';
import { StartedLate } from './components/StartedLate.tsx';
import { Tabs } from './components/Tabs.tsx';
import { Unattributed } from './components/Unattributed.tsx';
import { Unsaved } from './components/Unsaved.tsx';
import { Verdict } from './components/Verdict.tsx';
import type { Connector } from './connector.ts';
import { I18n, type Strings, strings, useStrings } from './i18n.ts';
import { hostOf, type ShownState, shownState } from './page-state.ts';
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

interface Live {
  readonly statuses: readonly PageStatus[];
  readonly observed: ObservedPage | undefined;
  readonly now: number;
  readonly check: StatusCheck;
  readonly checkNow: () => void;
}

/** What the resilience section needs to ask for the tab's report. */
interface ResilienceAccess {
  readonly connector: Connector;
  readonly tabId: number | undefined;
}

/** "Reload" for a page loaded before Faultline listened. */
interface Reload {
  readonly state: PageReload;
  readonly start: () => void;
}

function PageBody({
  state,
  live,
  resilience,
  reload,
}: {
  state: Extract<PageState, { kind: 'page' }>;
  live: Live;
  resilience: ResilienceAccess;
  reload: Reload;
}) {
  const s = useStrings();
  const page = state.page;
  const providers =
    page.providers.length === 0 ? (
      page.documentError === undefined ? (
        <NoProviders page={page} />
      ) : null
    ) : (
      <>
        <ProviderList
          providers={page.providers}
          statuses={live.statuses}
          observed={live.observed}
          now={live.now}
        />
        <Unattributed page={page} />
      </>
    );
  return (
    <>
      <Unsaved page={page} />
      {state.late ? <StartedLate partial reload={reload.state} onReload={reload.start} /> : null}
      <Verdict
        verdict={state.verdict}
        check={live.statuses.length > 0 ? live.check : undefined}
        onCheck={live.checkNow}
      />
      <SiteWatch
        connector={resilience.connector}
        tabId={resilience.tabId}
        providerId={state.verdict.providerId}
        version={`${state.verdict.outcome}|${state.verdict.providerId ?? ''}|${page.requests}`}
      />
      <Tabs
        label={s.t('tabsLabel')}
        tabs={[
          {
            id: 'providers',
            label:
              page.providers.length > 0
                ? s.count('tabProviders', page.providers.length)
                : s.t('tabProvidersNone'),
            panel: (
              <>
                {providers}
                <PageErrors errors={orphanErrors(page, live.observed)} />
              </>
            ),
          },
          {
            id: 'resilience',
            label: s.t('resilienceTitle'),
            panel: (
              <ResilienceSection
                connector={resilience.connector}
                tabId={resilience.tabId}
                page={page.url}
                version={`${page.requests}|${page.hostCount}`}
              />
            ),
          },
        ]}
      />
    </>
  );
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
  if (state.kind === 'off') return <SiteOff host={state.host} />;
  if (state.kind === 'empty') {
    return state.late ? (
      <StartedLate partial={false} reload={reload.state} onReload={reload.start} />
    ) : (
      <Empty />
    );
  }
  return <PageBody state={state} live={live} resilience={resilience} reload={reload} />;
}

/** What the live region says once the page is known: its verdict. */
function statusAnnouncement(s: Strings, state: PageState | undefined): string {
  return state?.kind === 'page' ? verdictSentence(s.t, state.verdict) : '';
}

export function App({ connector }: { connector: Connector }) {
  const s = useMemo(() => strings(connector.t), [connector]);
  const { load, retry, check, checkNow, tabId, reloading, reload } = usePage(connector);
  // Whether the browser lets Faultline see websites' requests (Firefox users may withhold it).
  const [access, setAccess] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    let live = true;
    connector.hostAccess().then(
      (granted) => live && setAccess(granted),
      () => live && setAccess(true),
    );
    return () => {
      live = false;
    };
  }, [connector]);
  const granted = useCallback(() => {
    setAccess(true);
    retry();
  }, [retry]);
  const openOptions = useCallback(() => {
    connector.openOptions().catch(() => undefined);
  }, [connector]);
  useTick(TICK_MS);
  const now = connector.now();
  const noAccess = access === false;
  const state = noAccess ? 'no-access' : stateOf(load);
  const ready = load.status === 'ready' && !noAccess ? load.state : undefined;
  const page = ready?.kind === 'page' ? ready.page : undefined;
  const host = ready?.kind === 'empty' ? hostOf(ready.url) : ready?.kind === 'off' ? ready.host : undefined;
  const site = ready?.kind === 'off' ? ready.host : page ? hostOf(page.url) : host;
  const onSwitch = (h: string, off: boolean) => connector.setSiteOff(h, off);
  const live: Live = {
    statuses: liveStatuses(page, ready?.kind === 'page' ? ready.statuses : undefined),
    observed: ready?.kind === 'page' ? ready.observed : undefined,
    now,
    check,
    checkNow,
  };
  return (
    <I18n.Provider value={s}>
      <main data-state={state} aria-busy={state === 'loading'}>
        <PageHeader
          host={host}
          page={page}
          onOpenOptions={openOptions}
          siteSwitch={
            site ? <SiteSwitch host={site} off={ready?.kind === 'off'} onSwitch={onSwitch} /> : undefined
          }
        />
        {noAccess ? (
          <HostAccess request={connector.requestHostAccess} onGranted={granted} />
        ) : (
          <Body
            load={load}
            retry={retry}
            live={live}
            resilience={{ connector, tabId }}
            reload={{ state: reloading, start: reload }}
          />
        )}
        <Announcer
          providers={page?.providers.length}
          status={statusAnnouncement(s, ready)}
          checking={check.busy}
        />
      </main>
    </I18n.Provider>
  );
}
