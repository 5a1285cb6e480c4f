import { useState } from 'preact/hooks';
import type { Settings } from '../core/settings.ts';
import type { OptionsConnector } from './connector.ts';

/** What is stored and for how long, and "Clear all data" (after a confirmation). */
export function ClearData({
  connector,
  onCleared,
}: {
  connector: OptionsConnector;
  onCleared: (settings: Settings) => void;
}) {
  const { t } = connector;
  const [note, setNote] = useState<'cleared' | 'failed' | undefined>(undefined);
  const clear = () => {
    if (!connector.confirm(t('optClearConfirm'))) return;
    setNote(undefined);
    connector.clearAllData().then(
      (settings) => {
        onCleared(settings);
        setNote('cleared');
      },
      () => setNote('failed'),
    );
  };
  return (
    <section aria-labelledby="data-heading" data-testid="data">
      <h2 id="data-heading">{t('optDataHeading')}</h2>
      <ul class="stored">
        <li>{t('optStoredPages')}</li>
        <li>{t('optStoredStatuses')}</li>
        <li>{t('optStoredDns')}</li>
        <li>{t('optStoredHistory')}</li>
        <li>{t('optStoredSettings')}</li>
      </ul>
      <p>
        <button type="button" class="danger" data-testid="clear-all" onClick={clear}>
          {t('optClearAll')}
        </button>
      </p>
      <p class={note === 'failed' ? 'note error' : 'note'} role="status" aria-live="polite">
        {note === 'cleared' && t('optCleared')}
        {note === 'failed' && t('optClearFailed')}
      </p>
    </section>
  );
}
