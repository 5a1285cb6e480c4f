import type { ReportText } from '../../core/report/report.ts';
import { useStrings } from '../i18n.ts';
import { said } from '../resilience-text.ts';

/** What one page load cannot show, for this page: a native disclosure, closed by default. */
export function CannotKnow({ notes }: { notes: readonly ReportText[] }) {
  const s = useStrings();
  if (notes.length === 0) return null;
  return (
    <details class="cannot-know" data-testid="cannot-know">
      <summary>{s.t('cannotKnowTitle')}</summary>
      <ul>
        {notes.map((n) => (
          <li key={`${n.key}|${n.subs.join('|')}`} data-cannot-know={n.key}>
            {said(s, n)}
          </li>
        ))}
      </ul>
    </details>
  );
}
