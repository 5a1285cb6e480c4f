import { useEffect, useRef, useState } from 'preact/hooks';
import type { Settings } from '../core/settings.ts';
import { ClearData } from './ClearData.tsx';
import type { About, OptionsConnector } from './connector.ts';
import { formatDay } from './i18n.ts';
import { SitesOff } from './SitesOff.tsx';

type Load =
  | { state: 'loading' }
  | { state: 'ready'; settings: Settings }
  | { state: 'failed'; error: string };

type Note = { kind: 'saved' } | { kind: 'error'; error: string } | undefined;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One on/off setting: a real checkbox with its label and its explanation. */
function Toggle(props: {
  readonly id: 'dnsConsent' | 'badgeCount' | 'notifications';
  readonly label: string;
  readonly help: string;
  readonly checked: boolean;
  readonly disabled: boolean;
  readonly onChange: (value: boolean) => void;
}) {
  const helpId = `${props.id}-help`;
  return (
    <div class="setting" data-setting={props.id}>
      <input
        type="checkbox"
        id={props.id}
        name={props.id}
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={helpId}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <div>
        <label for={props.id}>{props.label}</label>
        <p class="help" id={helpId}>
          {props.help}
        </p>
      </div>
    </div>
  );
}

export function App({ connector, about }: { connector: OptionsConnector; about: About }) {
  const { t } = connector;
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [note, setNote] = useState<Note>(undefined);
  // The settings as last stored, and which change is the latest (answers may cross).
  const confirmed = useRef<Settings | undefined>(undefined);
  const latest = useRef(0);

  useEffect(() => {
    let live = true;
    connector.getSettings().then(
      (settings) => {
        if (!live) return;
        confirmed.current = settings;
        setLoad({ state: 'ready', settings });
      },
      (error: unknown) => live && setLoad({ state: 'failed', error: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [connector]);

  // The box is never disabled while saving: that would take the keyboard focus away from it.
  /** Bumped by "Clear all data": the sites list is read again. */
  const [cleared, setCleared] = useState(0);
  const change = (key: keyof Settings, value: boolean) => {
    if (load.state !== 'ready') return;
    const mine = ++latest.current;
    setLoad((now) =>
      now.state === 'ready' ? { state: 'ready', settings: { ...now.settings, [key]: value } } : now,
    );
    setNote(undefined);
    // Switching DNS look-ups here answers the popup's question too.
    const patch = key === 'dnsConsent' ? { dnsConsent: value, dnsAsked: true } : { [key]: value };
    connector.setSettings(patch).then(
      (settings) => {
        confirmed.current = settings;
        if (mine !== latest.current) return;
        setLoad({ state: 'ready', settings });
        setNote({ kind: 'saved' });
      },
      (error: unknown) => {
        if (mine !== latest.current) return;
        // Put the boxes back as stored, and say why.
        if (confirmed.current) setLoad({ state: 'ready', settings: confirmed.current });
        setNote({ kind: 'error', error: messageOf(error) });
      },
    );
  };

  const settings = load.state === 'ready' ? load.settings : undefined;
  const disabled = !settings;
  return (
    <main data-state={load.state}>
      <h1>{t('optTitle')}</h1>

      <section aria-labelledby="settings-heading">
        <h2 id="settings-heading">{t('optSettingsHeading')}</h2>
        {load.state === 'loading' && <p class="muted">{t('optLoading')}</p>}
        {load.state === 'failed' && (
          <p class="error" role="alert">
            {t('optLoadFailed', [load.error])}
          </p>
        )}
        {load.state !== 'failed' && (
          <>
            <Toggle
              id="dnsConsent"
              label={t('optDnsConsent')}
              help={t('optDnsConsentHelp')}
              checked={settings?.dnsConsent ?? false}
              disabled={disabled}
              onChange={(v) => change('dnsConsent', v)}
            />
            <Toggle
              id="badgeCount"
              label={t('optBadgeCount')}
              help={t('optBadgeCountHelp')}
              checked={settings?.badgeCount ?? false}
              disabled={disabled}
              onChange={(v) => change('badgeCount', v)}
            />
            <Toggle
              id="notifications"
              label={t('optNotifications')}
              help={t('optNotificationsHelp')}
              checked={settings?.notifications ?? false}
              disabled={disabled}
              onChange={(v) => change('notifications', v)}
            />
          </>
        )}
        <p class={note?.kind === 'error' ? 'note error' : 'note'} role="status" aria-live="polite">
          {note?.kind === 'saved' && t('optSaved')}
          {note?.kind === 'error' && t('optSaveFailed', [note.error])}
        </p>
      </section>

      <p>
        <a href="../history/index.html" data-testid="history-link">
          {t('optHistoryLink')}
        </a>
      </p>
      <SitesOff connector={connector} version={cleared} />

      <ClearData
        connector={connector}
        onCleared={(defaults) => {
          confirmed.current = defaults;
          latest.current++;
          setLoad({ state: 'ready', settings: defaults });
          setNote(undefined);
          setCleared((n) => n + 1);
        }}
      />

      <section aria-labelledby="about-heading">
        <h2 id="about-heading">{t('optAboutHeading')}</h2>
        <dl>
          <dt>{t('optVersion')}</dt>
          <dd data-about="version">{about.version}</dd>
          <dt>{t('optCatalog')}</dt>
          <dd data-about="catalog">
            {t('optCatalogValue', [new Intl.NumberFormat(connector.lang).format(about.providers)])}
          </dd>
          <dt>{t('optIpData')}</dt>
          <dd data-about="ip-ranges">
            <time dateTime={about.ipRanges}>
              {t('optIpDataValue', [formatDay(about.ipRanges, connector.lang)])}
            </time>
          </dd>
        </dl>
        {about.ipSources.length > 0 && (
          <details data-about="ip-sources">
            <summary>{t('optIpSources')}</summary>
            <ul>
              {about.ipSources.map((s) => (
                <li key={s.name}>
                  <strong>{s.name}</strong>
                  {' — '}
                  {s.date ? (
                    <>
                      {s.source} {t('optIpSourceMeta', [formatDay(s.date, connector.lang), s.licence])}
                    </>
                  ) : (
                    t('optIpSourceNone', [s.source.replace(/^none: /, '')])
                  )}
                </li>
              ))}
            </ul>
          </details>
        )}
        <h3>{t('optPrivacyHeading')}</h3>
        <p data-about="privacy">{t('optPrivacyNoTelemetry')}</p>
        <p data-about="traffic">{t('optPrivacyTraffic')}</p>
      </section>
    </main>
  );
}
