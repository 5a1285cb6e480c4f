import type { ProviderSignal } from '../../core/observe/signal.ts';
import { useStrings } from '../i18n.ts';
import { observedText } from '../observed-text.ts';

/**
 * What this browser saw of a provider across sites in the last minutes, next to what its status
 * page reports: "Observed here: 14 of 20 requests to Cloudflare-served sites failed…".
 */
export function ObservedStatus({ signal, name }: { signal: ProviderSignal; name: string }) {
  const s = useStrings();
  return (
    <p
      class={`observed observed-${signal.state}`}
      data-observed={signal.state}
      data-reason={signal.reason}
      data-testid="observed"
    >
      {observedText(s, signal, name)}
    </p>
  );
}
