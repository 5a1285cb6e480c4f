import { useId } from 'preact/hooks';
import type { Connector } from '../connector.ts';
import { useStrings } from '../i18n.ts';
import { useResilience } from '../use-resilience.ts';
import { CannotKnow } from './CannotKnow.tsx';
import { DnsProviders } from './DnsProviders.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { ImpactList } from './ImpactList.tsx';
import { Sovereignty } from './Sovereignty.tsx';
import { SpofList } from './SpofList.tsx';

export type ResilienceShown = 'loading' | 'ready' | 'none' | 'error';

/**
 * The resilience tab: what breaks if each provider fails, who runs the DNS and how fast the site
 * could switch, whose law the page runs under and where it was served from, the single points of
 * failure, and the export (Markdown, the continuity checklist, JSON). Asked for once the page is shown (its tab need not be open), since
 * DNS look-ups take a while.
 */
export function ResilienceSection({
  connector,
  tabId,
  page,
  version,
}: {
  connector: Connector;
  tabId: number | undefined;
  /** The page's URL: another page starts over. */
  page: string;
  /** Changes when the page's record grows: the report is asked for again. */
  version: string;
}) {
  const s = useStrings();
  const id = useId();
  const { load, retry } = useResilience(connector, tabId, page, version);
  const shown: ResilienceShown =
    load.status === 'ready' ? (load.state.kind === 'resilience' ? 'ready' : 'none') : load.status;

  let body = null;
  if (load.status === 'loading') {
    body = (
      <p class="loading" data-testid="resilience-loading">
        <span class="spinner" aria-hidden="true" />
        {s.t('resilienceLoading')}
      </p>
    );
  } else if (load.status === 'error') {
    body = (
      <div class="resilience-error">
        <p>{s.t('resilienceError')}</p>
        <button type="button" data-testid="resilience-retry" onClick={retry}>
          {s.t('retry')}
        </button>
      </div>
    );
  } else if (load.state.kind === 'none') {
    body = <p class="none">{s.t('resilienceNone')}</p>;
  } else {
    const { report, markdown, checklist, dnsLookedUp, dnsNames, words } = load.state;
    const onConsent = async (agreed: boolean) => {
      await connector.setDnsConsent(agreed);
      retry();
    };
    body = (
      <>
        <ImpactList impact={report.impact} />
        <DnsProviders
          dns={report.dns}
          lookedUp={dnsLookedUp}
          names={dnsNames}
          failover={words.failover}
          onConsent={onConsent}
        />
        <Sovereignty summary={words.sovereignty} jurisdictions={report.jurisdictions} />
        <SpofList spofs={report.singlePointsOfFailure} />
        <CannotKnow notes={report.cannotKnow} />
        <ExportButtons report={report} markdown={markdown} checklist={checklist} connector={connector} />
      </>
    );
  }

  return (
    <section
      class="resilience"
      aria-labelledby={id}
      aria-busy={shown === 'loading'}
      data-testid="resilience"
      data-state={shown}
    >
      {/* The tab says it; the heading names the region for assistive technology. */}
      <h2 id={id} class="visually-hidden">
        {s.t('resilienceTitle')}
      </h2>
      {body}
    </section>
  );
}
