import type { Place } from '../../core/catalog/places.ts';
import type { RelevantEvent } from '../../core/status/relevance.ts';
import { useStrings } from '../i18n.ts';
import { capitalize, elapsed, eventStateText, impactText, popsOf } from '../status-text.ts';
import { ExternalLink } from './ExternalLink.tsx';
import { StatusMark } from './StatusMark.tsx';

/** One incident that matters to this page: what, how bad, since when, the latest word, a link. */
export function IncidentItem({
  item,
  pops,
  now,
}: {
  item: RelevantEvent;
  pops: readonly Place[];
  now: number;
}) {
  const s = useStrings();
  const e = item.event;
  const age = e.startedAt === undefined ? undefined : elapsed(s, e.startedAt, now);
  const started =
    e.startedAt === undefined ? undefined : age ? s.t('incidentFor', [age]) : s.t('incidentJustStarted');
  const here = item.relation === 'pop' ? popsOf(e, pops) : [];
  return (
    <li class={`incident level-${e.impact}`} data-incident={e.id} data-relation={item.relation}>
      <p class="incident-title">
        <StatusMark level={e.impact} />
        <ExternalLink href={e.url} testId="incident-link">
          {e.title}
        </ExternalLink>
      </p>
      <p class="incident-meta" data-testid="incident-meta">
        <span data-testid="incident-impact">{capitalize(s, impactText(s, e.impact))}</span>
        {' · '}
        <span>{eventStateText(s, e.state)}</span>
        {started ? (
          <>
            {' · '}
            <span data-testid="incident-since">{started}</span>
          </>
        ) : null}
      </p>
      {item.relation === 'may_affect' ? <p class="relation">{s.t('relationMayAffect')}</p> : null}
      {here.length > 0 ? <p class="relation">{s.t('relationPop', [s.list(here)])}</p> : null}
      {e.lastUpdate ? (
        <p class="incident-update" data-testid="incident-update">
          <span class="label">{s.t('incidentLatestUpdate')}</span> {e.lastUpdate}
        </p>
      ) : null}
    </li>
  );
}
