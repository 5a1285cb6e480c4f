import type { PageView } from '../../core/page/view.ts';
import { useStrings } from '../i18n.ts';
import { HostList } from './HostList.tsx';
import { UnknownCount } from './UnknownCount.tsx';

/** Below the providers: what could not be attributed, so the list does not look complete. */
export function Unattributed({ page }: { page: PageView }) {
  const s = useStrings();
  const hosts = page.unattributedHosts;
  if (hosts.length === 0 && page.unknownRequests === 0) return null;
  return (
    <div class="unattributed">
      {hosts.length > 0 ? (
        <details>
          <summary>{s.count('unattributedSummary', hosts.length)}</summary>
          <HostList hosts={hosts} />
        </details>
      ) : null}
      <UnknownCount count={page.unknownRequests} />
    </div>
  );
}
