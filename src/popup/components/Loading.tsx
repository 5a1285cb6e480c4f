import { useStrings } from '../i18n.ts';

export function Loading() {
  const { t } = useStrings();
  return (
    <p class="state loading" data-testid="loading">
      <span class="spinner" aria-hidden="true" />
      {t('stateLoading')}
    </p>
  );
}
