import { useId } from 'preact/hooks';
import type { ReportSpof } from '../../core/report/report.ts';
import { useStrings } from '../i18n.ts';
import { said } from '../resilience-text.ts';

/** Single points of failure: the finding, its evidence and what to do about it. */
export function SpofList({ spofs }: { spofs: readonly ReportSpof[] }) {
  const s = useStrings();
  const id = useId();
  return (
    <section class="spofs" aria-labelledby={id} data-testid="spofs">
      <h3 id={id}>{s.t('resMdSpofs')}</h3>
      {spofs.length === 0 ? (
        <p class="none" data-testid="no-spof">
          {s.t('resMdNoSpofs')}
        </p>
      ) : (
        <ul class="spof-list">
          {spofs.map((spof) => (
            <li key={spof.id} class="spof" data-spof={spof.kind} data-spof-id={spof.id}>
              <p class="spof-text" data-testid="spof-text">
                <strong>{said(s, spof)}</strong>
              </p>
              <p class="spof-reason" data-testid="spof-reason">
                {s.t('resMdEvidence', [said(s, spof.reason)])}
              </p>
              <p class="spof-advice" data-testid="spof-advice">
                {s.t('resMdAdvice', [said(s, spof.advice)])}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
