import { useStrings } from '../i18n.ts';
import { StateMessage } from './StateMessage.tsx';

/** The user switched Faultline off for this site: nothing is recorded, looked up or shown. */
export function SiteOff({ host }: { host: string }) {
  const { t } = useStrings();
  return (
    <StateMessage title={t('siteOffTitle')} testId="site-off">
      <p>{t('siteOffBody', [host])}</p>
    </StateMessage>
  );
}
