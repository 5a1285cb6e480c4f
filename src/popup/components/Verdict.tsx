import { useId } from 'preact/hooks';
import type { Level } from '../../core/status/model.ts';
import {
  evidenceText,
  type Outcome,
  type Verdict as VerdictData,
  verdictSentence,
} from '../../core/verdict/index.ts';
import { useStrings } from '../i18n.ts';
import type { StatusCheck } from '../use-page.ts';
import { CheckNow } from './CheckNow.tsx';
import { StatusMark } from './StatusMark.tsx';

/** The shape and colour of each outcome, from the status levels' (always next to words). */
const MARK: Readonly<Record<Outcome, Level>> = {
  provider_failing: 'major_outage',
  provider_reports_problem: 'degraded',
  site_down: 'degraded',
  own_connection: 'degraded',
  unknown: 'unknown',
  all_good: 'operational',
};

/**
 * The popup's first line: the page's one verdict in a sentence ("Cloudflare is failing…", "The
 * site's own server is failing; Cloudflare, in front of it, is working."), what it rests on behind
 * a disclosure, and "Check now" when the page has providers with a status page.
 */
export function Verdict({
  verdict,
  check,
  onCheck,
}: {
  verdict: VerdictData;
  /** Present when the page has providers with a live status to re-check. */
  check?: StatusCheck | undefined;
  onCheck: () => void;
}) {
  const s = useStrings();
  const id = useId();
  const level = MARK[verdict.outcome];
  const urgent = verdict.outcome === 'provider_failing';
  return (
    <section
      class={`verdict level-${level}`}
      aria-labelledby={id}
      data-testid="verdict"
      data-outcome={verdict.outcome}
      data-provider={verdict.providerId}
      data-reason={verdict.reason}
      data-declared={verdict.declared === undefined ? undefined : String(verdict.declared)}
      data-seen={verdict.seenHere === undefined ? undefined : String(verdict.seenHere)}
    >
      <p class="verdict-sentence" id={id} role={urgent ? 'alert' : undefined} data-testid="verdict-text">
        <StatusMark level={level} />
        <span>{verdictSentence(s.t, verdict)}</span>
      </p>
      <div class="verdict-more">
        {verdict.evidence.length > 0 ? (
          <details class="verdict-evidence" data-testid="verdict-evidence">
            <summary>{s.t('verdictWhy')}</summary>
            <ul>
              {verdict.evidence.map((e, i) => (
                <li key={i} data-evidence={e.kind}>
                  {evidenceText(s.t, e)}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {check ? <CheckNow check={check} onCheck={onCheck} /> : null}
      </div>
    </section>
  );
}
