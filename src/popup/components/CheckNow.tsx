import { useStrings } from '../i18n.ts';
import type { StatusCheck } from '../use-page.ts';

/**
 * "Check now": re-checks the live status of the page's providers; busy while it runs. It stays
 * focusable while busy (aria-disabled, not disabled), so keyboard focus is still on it when the
 * fresh state arrives.
 */
export function CheckNow({ check, onCheck }: { check: StatusCheck; onCheck: () => void }) {
  const { t } = useStrings();
  return (
    <div class="check-now">
      <button
        type="button"
        data-testid="check-status"
        onClick={() => {
          if (!check.busy) onCheck();
        }}
        aria-disabled={check.busy}
        aria-busy={check.busy}
      >
        {check.busy ? t('checkingStatus') : t('checkStatus')}
      </button>
      {check.failed ? (
        <p class="check-failed" role="alert" data-testid="check-failed">
          {t('checkFailed')}
        </p>
      ) : null}
    </div>
  );
}
