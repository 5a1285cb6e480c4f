import { useStrings } from '../i18n.ts';
import type { PageReload } from '../use-page.ts';
import { StateMessage } from './StateMessage.tsx';

/**
 * The page was loaded before Faultline was listening (after an install, an update or a browser
 * start): say so — nothing of it seen, or only its later requests (`partial`, shown above what
 * was seen) — and offer to load it again. The result replaces this when it arrives.
 */
export function StartedLate({
  partial,
  reload,
  onReload,
}: {
  partial: boolean;
  reload: PageReload;
  onReload: () => void;
}) {
  const { t } = useStrings();
  return (
    <StateMessage title={t('lateTitle')} testId="started-late">
      <p>{t(partial ? 'latePartialBody' : 'lateBody')}</p>
      <button
        type="button"
        data-testid="reload"
        onClick={onReload}
        disabled={reload.busy}
        aria-busy={reload.busy}
      >
        {reload.busy ? t('reloading') : t('reload')}
      </button>
      {reload.failed ? (
        <p class="check-failed" role="alert" data-testid="reload-failed">
          {t('reloadFailed')}
        </p>
      ) : null}
    </StateMessage>
  );
}
