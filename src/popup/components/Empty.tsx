import { useStrings } from '../i18n.ts';
import { StateMessage } from './StateMessage.tsx';

/** Nothing recorded for this tab (opened before the extension started): ask for a reload. */
export function Empty() {
  const { t } = useStrings();
  return (
    <StateMessage title={t('emptyTitle')} testId="empty">
      <p>{t('emptyBody')}</p>
    </StateMessage>
  );
}
