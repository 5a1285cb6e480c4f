import { SEVERITY } from '../../core/status/model.ts';
import type { SummaryLine } from '../status-text.ts';
import { StatusMark } from './StatusMark.tsx';

/**
 * At the top, only when something touches the page: one line per affected provider, worst first,
 * whether reported by its status page or observed failing here. An outage (or a provider failing
 * here) is an alert; a maintenance or degraded performance a polite status.
 */
export function StatusSummary({ lines }: { lines: readonly SummaryLine[] }) {
  const top = lines[0];
  if (!top) return null;
  return (
    <section
      class={`status-summary level-${top.level}`}
      data-testid="status-summary"
      role={SEVERITY[top.level] >= SEVERITY.partial_outage ? 'alert' : 'status'}
    >
      <ul>
        {lines.map((line) => (
          <li
            key={line.providerId}
            class={`level-${line.level}`}
            data-summary={line.providerId}
            data-level={line.level}
            data-source={line.observed ? 'observed' : 'reported'}
          >
            <StatusMark level={line.level} />
            <span>{line.text}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
