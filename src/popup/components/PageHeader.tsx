import type { ComponentChild } from 'preact';
import type { PageView } from '../../core/page/view.ts';
import { useStrings } from '../i18n.ts';

/** A gear, drawn: decoration only, the button carries the name. */
function Gear() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M19.14 12.94a7.1 7.1 0 0 0 .05-.94 7.1 7.1 0 0 0-.05-.94l2.03-1.58a.5.5 0 0 0 .12-.64l-1.92-3.32a.5.5 0 0 0-.6-.22l-2.39.96a7.03 7.03 0 0 0-1.62-.94l-.36-2.54a.5.5 0 0 0-.5-.42h-3.84a.5.5 0 0 0-.5.42l-.36 2.54c-.58.24-1.12.55-1.62.94l-2.39-.96a.5.5 0 0 0-.6.22L2.67 8.84a.5.5 0 0 0 .12.64l2.03 1.58a7.1 7.1 0 0 0 0 1.88l-2.03 1.58a.5.5 0 0 0-.12.64l1.92 3.32c.13.22.39.3.6.22l2.39-.96c.5.39 1.04.7 1.62.94l.36 2.54c.05.24.25.42.5.42h3.84c.25 0 .45-.18.5-.42l.36-2.54c.58-.24 1.12-.55 1.62-.94l2.39.96c.22.08.47 0 .6-.22l1.92-3.32a.5.5 0 0 0-.12-.64l-2.03-1.58ZM12 15.6a3.6 3.6 0 1 1 0-7.2 3.6 3.6 0 0 1 0 7.2Z"
      />
    </svg>
  );
}

/**
 * The page host and how much was seen, the brand alone while nothing is known; the way to the
 * settings, always in the same corner.
 */
export function PageHeader({
  host,
  page,
  onOpenOptions,
  siteSwitch,
}: {
  host?: string | undefined;
  page?: PageView | undefined;
  onOpenOptions: () => void;
  /** The per-site switch, beside the settings, when the tab shows a site. */
  siteSwitch?: ComponentChild;
}) {
  const s = useStrings();
  const name = page ? page.host || s.t('thisPage') : host;
  const detailedHosts = page ? page.hostCount - page.moreHosts : 0;
  return (
    <header class="page-header">
      <div class="header-text">
        <h1 data-testid="page-host">{name ?? s.t('extensionName')}</h1>
        {name ? (
          <p class="page-stats" data-testid="page-stats">
            <span class="brand">{s.t('extensionName')}</span>
            {page ? (
              <>
                {' · '}
                {s.count('requests', page.requests)} · {s.count('hosts', detailedHosts)}
                {page.moreHosts > 0 ? ` ${s.count('moreHosts', page.moreHosts)}` : null}
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      {siteSwitch}
      <button
        type="button"
        class="settings"
        data-testid="open-options"
        aria-label={s.t('settingsLink')}
        title={s.t('settingsLink')}
        onClick={onOpenOptions}
      >
        <Gear />
      </button>
    </header>
  );
}
