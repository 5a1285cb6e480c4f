import type { StatusEvent } from '../../core/status/model.ts';
import type { PageStatus, Relation } from '../../core/status/relevance.ts';
import type { PageState } from '../../messages.ts';
import { judged } from './pages.ts';

/** Live-status test data for the popup tests, against a fixed clock. */

/** The popup's clock in these tests: 14 March 2026, 12:00 UTC. */
export const NOW = Date.UTC(2026, 2, 14, 12, 0, 0);
export const MIN = 60_000;
export const HOUR = 60 * MIN;

export function event(fields: Partial<StatusEvent> & Pick<StatusEvent, 'id' | 'title'>): StatusEvent {
  return {
    kind: 'incident',
    impact: 'major_outage',
    state: 'investigating',
    active: true,
    components: [],
    ...fields,
  };
}

export function relevant(e: StatusEvent, relation: Relation = 'product') {
  return { event: e, relation };
}

/** A provider's page status: operational, checked a minute ago, unless told otherwise. */
export function status(providerId: string, fields: Partial<PageStatus> = {}): PageStatus {
  return {
    providerId,
    level: 'operational',
    uncertain: false,
    incidents: [],
    maintenances: [],
    rerouted: [],
    products: [],
    checkedAt: NOW - MIN,
    pageUrl: `https://status.${providerId}.test/`,
    ...fields,
  };
}

/** The same page state with live statuses attached. */
export function withStatuses(state: PageState, statuses: readonly PageStatus[]): PageState {
  if (state.kind !== 'page') throw new Error('withStatuses needs a page state');
  return judged({ ...state, statuses });
}
