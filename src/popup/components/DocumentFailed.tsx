import { classifyError, ERROR_KIND_KEYS } from '../../core/observe/errors.ts';
import type { PageView } from '../../core/page/view.ts';
import { useStrings } from '../i18n.ts';

/** The page itself never arrived: say how it failed, before anything else. */
export function DocumentFailed({ page }: { page: PageView }) {
  const { t } = useStrings();
  if (page.documentError === undefined) return null;
  const kind = classifyError(page.documentError).kind;
  const words = kind === 'aborted' || kind === 'blocked' ? page.documentError : t(ERROR_KIND_KEYS[kind]);
  return (
    <p class="document-failed" role="alert" data-testid="document-failed" data-error={kind}>
      {t('documentFailed', [words, page.host])}
    </p>
  );
}
