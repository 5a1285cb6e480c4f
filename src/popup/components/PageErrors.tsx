import { useId } from 'preact/hooks';
import type { PageError } from '../../core/observe/page.ts';
import { useStrings } from '../i18n.ts';
import { ObservedErrors } from './ObservedErrors.tsx';

/** Errors of the page that belong to no provider shown in the list (a server with no known CDN). */
export function PageErrors({ errors }: { errors: readonly PageError[] }) {
  const { t } = useStrings();
  const id = useId();
  if (errors.length === 0) return null;
  return (
    <section class="page-errors" data-testid="page-errors" aria-labelledby={id}>
      <h2 id={id}>{t('pageErrorsTitle')}</h2>
      <ObservedErrors errors={errors} label={t('pageErrorsTitle')} />
    </section>
  );
}
