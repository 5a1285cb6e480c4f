import { Fragment } from 'preact';
import { useId } from 'preact/hooks';
import type { ReportDns, ReportDnsFound } from '../../core/report/report.ts';
import type { Text } from '../../core/resilience/spof.ts';
import type { ResilienceState } from '../../messages.ts';
import { useStrings } from '../i18n.ts';
import { dnsReasonText } from '../resilience-text.ts';
import { DnsConsent, DnsNames } from './DnsConsent.tsx';
import { Message } from './Message.tsx';

type DnsLookedUp = Extract<ResilienceState, { kind: 'resilience' }>['dnsLookedUp'];

/** Who the one operator of a domain without secondary DNS is. */
function soleOperator(d: ReportDnsFound): string {
  return d.providers[0]?.name ?? d.unknownOperators[0] ?? d.nameservers[0] ?? '';
}

function Found({ dns }: { dns: ReportDnsFound }) {
  const s = useStrings();
  return (
    <>
      {dns.providers.length === 0 && dns.unknownNameservers.length === 0 ? (
        <p class="dns-none">{s.t('dnsNoNameserver')}</p>
      ) : (
        <ul class="dns-operators">
          {dns.providers.map((p) => (
            <li key={p.id ?? p.name} data-dns-provider={p.id ?? p.name}>
              <strong>{p.name}</strong>
              {p.nameservers.length > 0 ? (
                <>
                  {' '}
                  <span class="nameservers">
                    {p.nameservers.map((n, i) => (
                      <Fragment key={n}>
                        {i > 0 ? ', ' : null}
                        <code>{n}</code>
                      </Fragment>
                    ))}
                  </span>
                </>
              ) : null}
            </li>
          ))}
          {dns.unknownNameservers.map((n) => (
            <li key={n} data-dns-unknown-ns={n}>
              <Message id="dnsUnknownOperator" parts={[<code key="n">{n}</code>]} />
            </li>
          ))}
        </ul>
      )}
      {dns.singleProvider ? (
        <p class="dns-single" data-testid="dns-single">
          {s.t('dnsSingle', [soleOperator(dns)])}
        </p>
      ) : dns.source === 'soa' ? (
        <p class="dns-soa" data-testid="dns-soa">
          {s.t('dnsSoa')}
        </p>
      ) : dns.operators > 0 ? (
        <p class="dns-operators-count" data-testid="dns-operators">
          {s.count('dnsOperators', dns.operators)}
        </p>
      ) : null}
    </>
  );
}

function Domain({ domain, dns }: { domain: string; dns: ReportDns }) {
  const s = useStrings();
  const unknown = 'unknown' in dns;
  return (
    <li
      class="dns-domain"
      data-dns-domain={domain}
      data-dns-state={unknown ? 'unknown' : 'known'}
      data-dns-single={unknown ? undefined : String(dns.singleProvider)}
      data-dns-reason={unknown ? dns.unknown : undefined}
    >
      <code class="domain">{domain}</code>
      {unknown ? (
        <p class="dns-unknown" data-testid="dns-unknown">
          {s.t('dnsUnknown', [dnsReasonText(s, dns)])}
        </p>
      ) : (
        <Found dns={dns} />
      )}
    </li>
  );
}

/** Whether a look-up happened, when, and how (before consent: `DnsConsent` says it). */
function LookupLine({
  lookedUp,
  domains,
}: {
  lookedUp: 'now' | 'cache' | 'skipped' | 'failed';
  domains: readonly string[];
}) {
  const s = useStrings();
  const names = s.list(domains);
  let text: string;
  switch (lookedUp) {
    case 'now':
      text = s.t('dnsNow', [names]);
      break;
    case 'cache':
      text = s.t('dnsCache', [names]);
      break;
    case 'skipped':
      text = s.t('dnsSkipped');
      break;
    case 'failed':
      text = domains.length > 0 ? s.t('dnsFailed', [names]) : s.t('dnsFailedNothing');
      break;
  }
  return (
    <p class="dns-lookup" data-testid="dns-lookup" data-looked-up={lookedUp}>
      <span>{text}</span>
    </p>
  );
}

/** The DNS providers of the domains looked up (the page's first), and how they were found. */
export function DnsProviders({
  dns,
  lookedUp,
  names,
  failover = [],
  onConsent,
}: {
  /** Domain → its DNS; undefined when DNS was not looked up. */
  dns: Readonly<Record<string, ReportDns>> | undefined;
  lookedUp: DnsLookedUp;
  /** The names sent to the resolver, or that would be with consent. */
  names: readonly string[];
  /** How fast a switch of CDN or DNS provider reaches users, from the TTLs (browser's language). */
  failover?: readonly Text[];
  /** Records the answer to the consent question. */
  onConsent: (agreed: boolean) => Promise<void>;
}) {
  const s = useStrings();
  const id = useId();
  const entries = Object.entries(dns ?? {});
  return (
    <section class="dns" aria-labelledby={id} data-testid="dns">
      <h3 id={id}>{s.t('resMdDns')}</h3>
      {lookedUp === 'ask' || lookedUp === 'off' ? (
        <DnsConsent lookedUp={lookedUp} names={names} onAnswer={onConsent} />
      ) : (
        <>
          <LookupLine lookedUp={lookedUp} domains={entries.map(([d]) => d)} />
          <DnsNames names={names} lookedUp={lookedUp} />
        </>
      )}
      {entries.length > 0 ? (
        <ul class="dns-domains">
          {entries.map(([domain, d]) => (
            <Domain key={domain} domain={domain} dns={d} />
          ))}
        </ul>
      ) : null}
      {failover.length > 0 ? (
        <ul class="failover" data-testid="failover">
          {failover.map((x) => (
            <li key={x.key} data-failover={x.key}>
              {s.t(x.key, x.subs)}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
