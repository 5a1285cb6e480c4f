import type { Place } from '../../core/catalog/places.ts';
import type { RelevantEvent } from '../../core/status/relevance.ts';
import { useStrings } from '../i18n.ts';
import { isoOf, popsOf, windowText } from '../status-text.ts';
import { ExternalLink } from './ExternalLink.tsx';

/** A maintenance in this page's datacenter or products: in progress, or scheduled with its window. */
export function MaintenanceItem({ item, pops }: { item: RelevantEvent; pops: readonly Place[] }) {
  const s = useStrings();
  const e = item.event;
  const where = s.list(popsOf(e, pops));
  const heading = e.active
    ? where
      ? s.t('maintenanceActiveIn', [where])
      : s.t('maintenanceActive')
    : where
      ? s.t('maintenanceScheduledIn', [where])
      : s.t('maintenanceScheduled');
  const from = e.scheduledFor ?? e.startedAt;
  // A time that is no date shows no window, rather than a RangeError blanking the popup.
  const window = !e.active && from !== undefined ? windowText(s, from, e.scheduledUntil) : undefined;
  return (
    <li class="maintenance" data-maintenance={e.id} data-active={String(e.active)}>
      <p class="maintenance-heading">{heading}</p>
      {window !== undefined ? (
        <p
          class="maintenance-window"
          data-testid="maintenance-window"
          data-from={isoOf(from)}
          data-until={isoOf(e.scheduledUntil)}
        >
          {window}
        </p>
      ) : null}
      <p class="maintenance-title">
        <ExternalLink href={e.url} testId="maintenance-link">
          {e.title}
        </ExternalLink>
      </p>
    </li>
  );
}
