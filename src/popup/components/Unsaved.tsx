import type { PageView } from '../../core/page/view.ts';
import { useStrings } from '../i18n.ts';

/**
 * The browser refused to store this page's latest responses (its session storage is full):
 * what is shown is right now, but a restarted background would bring back an earlier state.
 */
export function Unsaved({ page }: { page: PageView }) {
  const { t } = useStrings();
  if (!page.unsaved) return null;
  return (
    <p class="unsaved" role="status" data-testid="unsaved">
      {t('pageUnsaved')}
    </p>
  );
}
