import { useStrings } from '../i18n.ts';
import { StateMessage } from './StateMessage.tsx';

/** Browser pages, extension stores, file: — the browser hides their requests from extensions. */
export function Restricted() {
  const { t } = useStrings();
  return (
    <StateMessage title={t('restrictedTitle')} testId="restricted">
      <p>{t('restrictedBody')}</p>
    </StateMessage>
  );
}
