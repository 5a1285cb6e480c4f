import { useState } from 'preact/hooks';
import type { ResilienceState } from '../../messages.ts';
import { BrowserRefused } from '../connector.ts';
import { useStrings } from '../i18n.ts';

type DnsLookedUp = Extract<ResilienceState, { kind: 'resilience' }>['dnsLookedUp'];

/** The exact names sent to the resolver (or that would be): one `<code>` each. */
export function DnsNames({ names, lookedUp }: { names: readonly string[]; lookedUp: DnsLookedUp }) {
  const s = useStrings();
  if (names.length === 0) return null;
  const sent = lookedUp === 'now' || lookedUp === 'cache' || lookedUp === 'failed';
  return (
    <div class="dns-names" data-testid="dns-names" data-sent={String(sent)}>
      <p>{s.t(sent ? 'dnsSentTo' : 'dnsWouldSend')}</p>
      <ul>
        {names.map((n) => (
          <li key={n}>
            <code>{n}</code>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * DNS look-ups before the user agreed: nothing was sent. Never asked: the question, with
 * "Agree and look up" and "Not now". Declined: says so, with a way to agree after all.
 */
export function DnsConsent({
  lookedUp,
  names,
  onAnswer,
}: {
  lookedUp: 'ask' | 'off';
  names: readonly string[];
  /** Records the answer; the report is asked for again after it. */
  onAnswer: (agreed: boolean) => Promise<void>;
}) {
  const s = useStrings();
  const [busy, setBusy] = useState(false);
  /** Why the last answer was not recorded: the browser said no, or something failed. */
  const [failed, setFailed] = useState<'refused' | 'error' | undefined>(undefined);
  const answer = (agreed: boolean) => {
    setBusy(true);
    setFailed(undefined);
    onAnswer(agreed).then(
      () => setBusy(false),
      (error: unknown) => {
        setBusy(false);
        setFailed(error instanceof BrowserRefused ? 'refused' : 'error');
      },
    );
  };
  return (
    <div class="dns-consent" data-testid="dns-consent" data-consent={lookedUp}>
      <p>{s.t(lookedUp === 'ask' ? 'dnsAsk' : 'dnsDeclined')}</p>
      <DnsNames names={names} lookedUp={lookedUp} />
      <p class="dns-consent-actions">
        <button type="button" data-testid="dns-agree" disabled={busy} onClick={() => answer(true)}>
          {s.t('dnsAgree')}
        </button>
        {lookedUp === 'ask' ? (
          <button type="button" data-testid="dns-not-now" disabled={busy} onClick={() => answer(false)}>
            {s.t('dnsNotNow')}
          </button>
        ) : null}
      </p>
      {failed ? (
        <p class="error" role="alert">
          {s.t(failed === 'refused' ? 'dnsBrowserRefused' : 'dnsConsentFailed')}
        </p>
      ) : null}
    </div>
  );
}
