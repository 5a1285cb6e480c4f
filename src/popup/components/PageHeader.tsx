import type { PageView } from '../../core/page/view.ts';
import { useStrings } from '../i18n.ts';

/** The page host and how much was seen; the brand alone while nothing is known. */
export function PageHeader({ host, page }: { host?: string | undefined; page?: PageView | undefined }) {
  const s = useStrings();
  const name = page ? page.host || s.t('thisPage') : host;
  const detailedHosts = page ? page.hostCount - page.moreHosts : 0;
  return (
    <header class="page-header">
      {name ? <p class="brand">{s.t('extensionName')}</p> : null}
      <h1 data-testid="page-host">{name ?? s.t('extensionName')}</h1>
      {page ? (
        <p class="page-stats" data-testid="page-stats">
          {s.count('requests', page.requests)} · {s.count('hosts', detailedHosts)}
          {page.moreHosts > 0 ? ` ${s.count('moreHosts', page.moreHosts)}` : null}
        </p>
      ) : null}
    </header>
  );
}
