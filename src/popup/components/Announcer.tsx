import { useStrings } from '../i18n.ts';

/**
 * Polite live region, present from the first render so that later changes are announced: the
 * provider count after each update, then what the live status says (or that it is being checked).
 */
export function Announcer({
  providers,
  status,
  checking = false,
}: {
  providers: number | undefined;
  /** The live status in words; empty when the page has no provider with a status feed. */
  status?: string | undefined;
  checking?: boolean;
}) {
  const s = useStrings();
  let text = '';
  if (checking) text = s.t('announceChecking');
  else if (providers !== undefined) {
    const found = providers > 0 ? s.count('announceProviders', providers) : s.t('announceNone');
    text = status ? s.t('announceStatus', [found, status]) : found;
  }
  return (
    <p class="visually-hidden" aria-live="polite" data-testid="announcer">
      {text}
    </p>
  );
}
