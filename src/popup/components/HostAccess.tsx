import { useState } from 'preact/hooks';
import { useStrings } from '../i18n.ts';
import { StateMessage } from './StateMessage.tsx';

/**
 * The browser has not given Faultline access to websites (Firefox lets users withhold it): it
 * sees no request at all. The button asks for it, straight from the click (Firefox grants only
 * on a user gesture).
 */
export function HostAccess({
  request,
  onGranted,
}: {
  request: () => Promise<boolean>;
  onGranted: () => void;
}) {
  const { t } = useStrings();
  const [refused, setRefused] = useState(false);
  return (
    <StateMessage title={t('hostAccessTitle')} testId="host-access">
      <p>{t('hostAccessBody')}</p>
      <p>
        <button
          type="button"
          data-testid="host-access-request"
          onClick={() => {
            request().then(
              (granted) => (granted ? onGranted() : setRefused(true)),
              () => setRefused(true),
            );
          }}
        >
          {t('hostAccessButton')}
        </button>
      </p>
      {refused ? (
        <p role="alert" data-testid="host-access-refused">
          {t('hostAccessRefused')}
        </p>
      ) : null}
    </StateMessage>
  );
}
