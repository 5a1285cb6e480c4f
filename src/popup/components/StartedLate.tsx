import { useStrings } from '../i18n.ts';
import type { PageReload } from '../use-page.ts';
import { BusyAction } from './BusyAction.tsx';
import { StateMessage } from './StateMessage.tsx';

/**
 * The page was loaded before Faultline was listening (after an install, an update or a browser
 * start): say so — nothing of it seen, or only its later requests (`partial`, shown above what
 * was seen) — and offer to load it again (focus stays on the button meanwhile). The result
 * replaces this when it arrives.
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
      <BusyAction
        label={t('reload')}
        busyLabel={t('reloading')}
        busy={reload.busy}
        failed={reload.failed ? t('reloadFailed') : undefined}
        testId="reload"
        failedTestId="reload-failed"
        onAction={onReload}
      />
    </StateMessage>
  );
}
