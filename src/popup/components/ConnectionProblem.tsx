import { useStrings } from '../i18n.ts';

/** Shown once, at the top: the user's own connection, not any provider, looks like the cause. */
export function ConnectionProblem() {
  const { t } = useStrings();
  return (
    <p class="connection-problem level-partial_outage" data-testid="connection-problem" role="alert">
      {t('localConnectionProblem')}
    </p>
  );
}
