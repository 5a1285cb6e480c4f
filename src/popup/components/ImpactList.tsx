import { useId } from 'preact/hooks';
import type { ReportImpact } from '../../core/report/report.ts';
import { useStrings } from '../i18n.ts';
import { SEVERITY_TEXT, said } from '../resilience-text.ts';

/** "If a provider fails": one verdict per provider, most severe first (the report's order). */
export function ImpactList({ impact }: { impact: readonly ReportImpact[] }) {
  const s = useStrings();
  const id = useId();
  return (
    <section class="impact" aria-labelledby={id} data-testid="impact">
      <h3 id={id}>{s.t('resMdImpact')}</h3>
      {impact.length === 0 ? (
        <p class="none">{s.t('resMdNoImpact')}</p>
      ) : (
        <ol class="impact-list">
          {impact.map((i) => (
            <li
              key={i.providerId}
              class="impact-item"
              data-impact={i.providerId}
              data-severity={i.severity}
              data-critical={String(i.critical)}
            >
              <span class={`tag severity severity-${i.severity}`} data-testid="severity">
                {i.critical ? s.t('impactCritical') : s.t(SEVERITY_TEXT[i.severity])}
              </span>{' '}
              <span class="impact-text" data-testid="impact-text">
                {said(s, i)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
