import { useMemo } from 'preact/hooks';
import { Announcer } from './components/Announcer.tsx';
import { Empty } from './components/Empty.tsx';
import { ErrorState } from './components/ErrorState.tsx';
import { Loading } from './components/Loading.tsx';
import { NoProviders } from './components/NoProviders.tsx';
import { PageHeader } from './components/PageHeader.tsx';
import { ProviderList } from './components/ProviderList.tsx';
import { Restricted } from './components/Restricted.tsx';
import { Unattributed } from './components/Unattributed.tsx';
import type { Connector } from './connector.ts';
import { I18n, strings } from './i18n.ts';
import { hostOf, type ShownState, shownState } from './page-state.ts';
import { type PageLoad, usePage } from './use-page.ts';

function stateOf(load: PageLoad): ShownState {
  if (load.status === 'loading') return 'loading';
  if (load.status === 'error') return 'error';
  return shownState(load.state);
}

function Body({ load, retry }: { load: PageLoad; retry: () => void }) {
  if (load.status === 'loading') return <Loading />;
  if (load.status === 'error') return <ErrorState reason={load.reason} onRetry={retry} />;
  const state = load.state;
  if (state.kind === 'restricted') return <Restricted />;
  if (state.kind === 'empty') return <Empty />;
  const page = state.page;
  if (page.providers.length === 0) return <NoProviders page={page} />;
  return (
    <>
      <ProviderList providers={page.providers} />
      <Unattributed page={page} />
    </>
  );
}

export function App({ connector }: { connector: Connector }) {
  const s = useMemo(() => strings(connector.t), [connector]);
  const { load, retry } = usePage(connector);
  const state = stateOf(load);
  const page = load.status === 'ready' && load.state.kind === 'page' ? load.state.page : undefined;
  const host = load.status === 'ready' && load.state.kind === 'empty' ? hostOf(load.state.url) : undefined;
  return (
    <I18n.Provider value={s}>
      <main data-state={state} aria-busy={state === 'loading'}>
        <PageHeader host={host} page={page} />
        <Body load={load} retry={retry} />
        <Announcer providers={page?.providers.length} />
      </main>
    </I18n.Provider>
  );
}
