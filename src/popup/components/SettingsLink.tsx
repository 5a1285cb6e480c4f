import { useStrings } from '../i18n.ts';

/** The popup's footer: a small way to the options page, whatever the state. */
export function SettingsLink({ onOpen }: { onOpen: () => void }) {
  const { t } = useStrings();
  return (
    <footer class="popup-footer">
      <button type="button" class="link" data-testid="open-options" onClick={onOpen}>
        {t('settingsLink')}
      </button>
    </footer>
  );
}
