import { useId } from 'preact/hooks';
import type { PageView } from '../../core/page/view.ts';
import { useStrings } from '../i18n.ts';
import { HostList } from './HostList.tsx';
import { StateMessage } from './StateMessage.tsx';
import { UnknownCount } from './UnknownCount.tsx';

/**
 * Requests were recorded but none matched a known provider: say so, name the server the page came
 * from, and show what was seen.
 */
export function NoProviders({ page }: { page: PageView }) {
  const { t } = useStrings();
  const hostsId = useId();
  return (
    <StateMessage title={t('noneTitle')} testId="none">
      <p>{t('noneBody')}</p>
      {page.host && page.documentIps.length > 0 ? (
        <p data-testid="none-server">{t('noneServer', [page.host, page.documentIps.join(', ')])}</p>
      ) : null}
      {page.unattributedHosts.length > 0 ? (
        <>
          <h3 id={hostsId}>{t('unattributedTitle')}</h3>
          <HostList hosts={page.unattributedHosts} labelledBy={hostsId} />
        </>
      ) : null}
      <UnknownCount count={page.unknownRequests} />
    </StateMessage>
  );
}
