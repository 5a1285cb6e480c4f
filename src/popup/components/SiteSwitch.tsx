import { useEffect, useState } from 'preact/hooks';
import { useStrings } from '../i18n.ts';

/** A power sign, drawn: decoration only, the switch carries the name. */
function Power() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        fill="none"
        stroke="currentColor"
        stroke-width="2.2"
        stroke-linecap="round"
        d="M12 3v8M7.05 6.3a7.5 7.5 0 1 0 9.9 0"
      />
    </svg>
  );
}

/**
 * Faultline on or off for this site, in the header as content blockers have it. The background
 * tells the popup once the change is applied; meanwhile the switch shows what was asked.
 */
export function SiteSwitch({
  host,
  off,
  onSwitch,
}: {
  host: string;
  /** As the background last said. */
  off: boolean;
  onSwitch: (host: string, off: boolean) => Promise<void>;
}) {
  const s = useStrings();
  const [asked, setAsked] = useState<boolean | undefined>(undefined);
  useEffect(() => setAsked(undefined), [off, host]);
  const shownOff = asked ?? off;
  return (
    <button
      type="button"
      role="switch"
      class="site-switch"
      data-testid="site-switch"
      aria-checked={!shownOff}
      aria-label={s.t('siteSwitch', [host])}
      title={s.t('siteSwitch', [host])}
      onClick={() => {
        const next = !shownOff;
        setAsked(next);
        onSwitch(host, next).catch(() => setAsked(undefined));
      }}
    >
      <Power />
    </button>
  );
}
