import { useStrings } from '../i18n.ts';
import type { StatusCheck } from '../use-page.ts';
import { BusyAction } from './BusyAction.tsx';

/** "Check now": re-checks the live status of the page's providers. */
export function CheckNow({ check, onCheck }: { check: StatusCheck; onCheck: () => void }) {
  const { t } = useStrings();
  return (
    <div class="check-now">
      <BusyAction
        label={t('checkStatus')}
        busyLabel={t('checkingStatus')}
        busy={check.busy}
        failed={check.failed ? t('checkFailed') : undefined}
        testId="check-status"
        failedTestId="check-failed"
        onAction={onCheck}
      />
    </div>
  );
}
