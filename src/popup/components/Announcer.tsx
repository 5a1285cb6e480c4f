import { useStrings } from '../i18n.ts';

/**
 * Polite live region, present from the first render so that later changes are announced: the
 * provider count after each update.
 */
export function Announcer({ providers }: { providers: number | undefined }) {
  const s = useStrings();
  let text = '';
  if (providers !== undefined)
    text = providers > 0 ? s.count('announceProviders', providers) : s.t('announceNone');
  return (
    <p class="visually-hidden" aria-live="polite" data-testid="announcer">
      {text}
    </p>
  );
}
