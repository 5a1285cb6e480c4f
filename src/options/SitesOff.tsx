import { useEffect, useState } from 'preact/hooks';
import type { OptionsConnector } from './connector.ts';

/** The sites Faultline is off for (switched off from the popup), each with a way back on. */
export function SitesOff({ connector, version }: { connector: OptionsConnector; version: number }) {
  const { t } = connector;
  const [sites, setSites] = useState<readonly string[] | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    connector.getSitesOff().then(
      (list) => live && setSites(list),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [connector, version]);
  const turnOn = (host: string) => {
    setFailed(false);
    connector.setSiteOff(host, false).then(setSites, () => setFailed(true));
  };
  return (
    <section aria-labelledby="sites-heading" data-testid="sites-off">
      <h2 id="sites-heading">{t('optSitesHeading')}</h2>
      {sites && sites.length === 0 ? <p class="muted">{t('optSitesNone')}</p> : null}
      {sites && sites.length > 0 ? (
        <ul class="sites">
          {sites.map((host) => (
            <li key={host} data-site={host}>
              <code>{host}</code>{' '}
              <button
                type="button"
                aria-label={t('optSiteTurnOn', [host])}
                data-testid="site-on"
                onClick={() => turnOn(host)}
              >
                {t('optSiteRemove')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {failed ? (
        <p class="error" role="alert">
          {t('optSitesFailed')}
        </p>
      ) : null}
    </section>
  );
}
