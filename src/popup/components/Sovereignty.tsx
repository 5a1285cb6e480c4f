import { useId } from 'preact/hooks';
import type { ReportJurisdiction } from '../../core/report/report.ts';
import { localeWords, REGIME_KEY } from '../../core/resilience/sovereignty-words.ts';
import type { Text } from '../../core/resilience/spof.ts';
import { useStrings } from '../i18n.ts';

/**
 * Whose law, served from where: the worker's summary in the browser's language (the critical
 * path's companies and their jurisdiction, where the page was served from, what lies outside the
 * user's country and the EU), then one line per company with its country and law.
 */
export function Sovereignty({
  summary,
  jurisdictions,
}: {
  summary: readonly Text[];
  jurisdictions: readonly ReportJurisdiction[];
}) {
  const s = useStrings();
  const id = useId();
  const { country } = localeWords(s.locale);
  return (
    <section class="sovereignty" aria-labelledby={id} data-testid="sovereignty">
      <h3 id={id}>{s.t('resMdSovereignty')}</h3>
      <ul class="sovereignty-summary" data-testid="sovereignty-summary">
        {summary.map((x) => (
          <li key={`${x.key}|${x.subs.join('|')}`} data-summary={x.key}>
            {s.t(x.key, x.subs)}
          </li>
        ))}
      </ul>
      {jurisdictions.length > 0 ? (
        <ul class="jurisdictions" data-testid="jurisdictions">
          {jurisdictions.map((j) => {
            const where = j.country ? country(j.country) : s.t('resMdCountryUnknown');
            // An unknown country says all there is: its law is not known either.
            const law =
              j.regime === 'unknown'
                ? ''
                : j.regime === 'national' && j.country
                  ? ` · ${s.t(REGIME_KEY.national, [where])}`
                  : ` · ${s.t(REGIME_KEY[j.regime])}`;
            return (
              <li
                key={j.company}
                data-company={j.company}
                data-country={j.country ?? ''}
                data-regime={j.regime}
                data-critical={String(j.critical)}
              >
                <strong>{j.company}</strong> <span class="jurisdiction">{`${where}${law}`}</span>
                {j.critical ? <span class="critical-path"> · {s.t('resMdCritical')}</span> : null}
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
