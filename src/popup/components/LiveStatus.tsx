import type { Place } from '../../core/catalog/places.ts';
import type { PageStatus } from '../../core/status/relevance.ts';
import { useStrings } from '../i18n.ts';
import { ago, capitalize, levelWords, placeName, reasonText } from '../status-text.ts';
import { ExternalLink } from './ExternalLink.tsx';
import { IncidentItem } from './IncidentItem.tsx';
import { MaintenanceItem } from './MaintenanceItem.tsx';
import { Message } from './Message.tsx';
import { StatusMark } from './StatusMark.tsx';

/** The level in colour, shape and words; why, when the status page could not be read. */
function StatusLine({ status }: { status: PageStatus }) {
  const s = useStrings();
  const words = (
    <strong key="w" class="status-words" data-testid="status-words">
      {capitalize(s, levelWords(s, status.level))}
    </strong>
  );
  let line = words;
  if (status.unknown) {
    line = (
      <Message
        id="statusUnknownBecause"
        parts={[
          words,
          <span key="r" data-testid="status-reason">
            {reasonText(s, status.unknown.reason)}
          </span>,
        ]}
      />
    );
  } else if (status.uncertain && status.level !== 'operational') {
    line = <Message id="statusUncertain" parts={[words]} />;
  }
  return (
    <p class="status-line" data-status={status.level} data-uncertain={String(status.uncertain)}>
      <StatusMark level={status.level} />
      <span>{line}</span>
    </p>
  );
}

/** "Last known: operational, 2 h ago" under an unknown status. */
function LastKnown({ status, now }: { status: PageStatus; now: number }) {
  const s = useStrings();
  const last = status.unknown;
  if (!last?.lastLevel) return null;
  const state = levelWords(s, last.lastLevel);
  return (
    <p class="last-known" data-testid="last-known" data-level={last.lastLevel}>
      {last.lastOkAt === undefined
        ? s.t('lastKnownNoTime', [state])
        : s.t('lastKnown', [state, ago(s, last.lastOkAt, now)])}
    </p>
  );
}

/** What a provider's live status means for this page, inside its item of the list. */
export function LiveStatus({
  status,
  pops,
  now,
}: {
  status: PageStatus;
  pops: readonly Place[];
  now: number;
}) {
  const s = useStrings();
  const placeOf = (code: string) => pops.find((p) => p.code === code) ?? { code };
  return (
    <div class={`live-status level-${status.level}`} data-testid="live-status">
      <StatusLine status={status} />
      <LastKnown status={status} now={now} />
      {status.products.length > 0 ? (
        <ul class="status-products">
          {status.products.map((p) => (
            <li key={p.name} data-product={p.name} data-level={p.level}>
              <StatusMark level={p.level} />
              {s.t('productLevel', [p.name, levelWords(s, p.level)])}
            </li>
          ))}
        </ul>
      ) : null}
      {status.incidents.length > 0 ? (
        <ul class="incidents" data-testid="incidents">
          {status.incidents.map((item) => (
            <IncidentItem key={item.event.id} item={item} pops={pops} now={now} />
          ))}
        </ul>
      ) : null}
      {status.maintenances.length > 0 ? (
        <ul class="maintenances" data-testid="maintenances">
          {status.maintenances.map((item) => (
            <MaintenanceItem key={item.event.id} item={item} pops={pops} />
          ))}
        </ul>
      ) : null}
      {status.rerouted.length > 0 ? (
        <ul class="rerouted">
          {status.rerouted.map((code) => (
            <li key={code} data-rerouted={code}>
              {s.t('reroutedPop', [placeName(s, placeOf(code))])}
            </li>
          ))}
        </ul>
      ) : null}
      <p class="status-meta">
        {status.checkedAt === undefined ? null : (
          <>
            <span data-testid="status-checked">{s.t('statusChecked', [ago(s, status.checkedAt, now)])}</span>
            {' · '}
          </>
        )}
        <ExternalLink href={status.pageUrl} testId="status-page">
          {s.t('statusPageLink')}
        </ExternalLink>
      </p>
    </div>
  );
}
