import { useStrings } from '../i18n.ts';
import { StateMessage } from './StateMessage.tsx';

export type ErrorReason = 'noAnswer' | 'noTab';

/** The background never answered (after retries), or there is no tab to describe. */
export function ErrorState({ reason, onRetry }: { reason: ErrorReason; onRetry: () => void }) {
  const { t } = useStrings();
  if (reason === 'noTab') {
    return (
      <StateMessage title={t('errorNoTab')} testId="error">
        {null}
      </StateMessage>
    );
  }
  return (
    <StateMessage title={t('errorNoAnswerTitle')} testId="error">
      <p>{t('errorNoAnswerBody')}</p>
      <button type="button" onClick={onRetry}>
        {t('retry')}
      </button>
    </StateMessage>
  );
}
