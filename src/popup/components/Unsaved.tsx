import { useStrings } from '../i18n.ts';

/** The browser refused to store the page's latest requests (storage full): say what that means. */
export function Unsaved() {
  const { t } = useStrings();
  return (
    <p class="notice unsaved" data-testid="unsaved">
      {t('pageUnsaved')}
    </p>
  );
}
