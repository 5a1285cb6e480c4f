import type { PageError } from '../../core/observe/page.ts';
import type { Level } from '../../core/status/model.ts';
import { useStrings } from '../i18n.ts';
import { errorParts } from '../observed-text.ts';

/** Errors this page got, each with what it most likely means and whose problem it is. */
export function ObservedErrors({
  errors,
  providerName,
  reported,
  label,
}: {
  errors: readonly PageError[];
  providerName?: string | undefined;
  /** What the provider's status page reports for this page: an outage explains its errors. */
  reported?: Level | undefined;
  label: string;
}) {
  const s = useStrings();
  if (errors.length === 0) return null;
  return (
    <ul class="observed-errors" data-testid="observed-errors" aria-label={label}>
      {errors.map((e) => {
        const { head, body, seen } = errorParts(s, e, providerName, reported);
        return (
          <li
            key={`${e.host}|${e.status ?? e.error}|${e.explanation?.id ?? ''}`}
            data-error={e.status ?? e.error}
            data-blame={e.explanation?.blame}
            data-explanation={e.explanation?.id}
          >
            <strong class="error-head">{head}</strong>
            {body ? <> {body}</> : null} <span class="error-seen">({seen})</span>
          </li>
        );
      })}
    </ul>
  );
}
