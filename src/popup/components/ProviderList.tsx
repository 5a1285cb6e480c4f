import { useId } from 'preact/hooks';
import type { ObservedPage, PageError } from '../../core/observe/page.ts';
import type { ProviderView } from '../../core/page/view.ts';
import type { PageStatus } from '../../core/status/relevance.ts';
import { GROUP_TITLE, groupProviders, type ProviderGroup } from '../groups.ts';
import { useStrings } from '../i18n.ts';
import { ProviderItem } from './ProviderItem.tsx';

interface Live {
  /** Live status per provider id (providers with a status feed). */
  readonly statuses: ReadonlyMap<string, PageStatus>;
  readonly observed: ObservedPage | undefined;
  /** The page's errors per provider id. */
  readonly errors: ReadonlyMap<string, readonly PageError[]>;
  readonly now: number;
}

function Group({ group, live }: { group: ProviderGroup; live: Live }) {
  const { t } = useStrings();
  const id = useId();
  return (
    <section class="group" aria-labelledby={id} data-group={group.id}>
      <h2 id={id}>{t(GROUP_TITLE[group.id])}</h2>
      <ul class="providers" data-testid="providers">
        {group.providers.map((p) => (
          <ProviderItem
            key={p.id}
            provider={p}
            status={live.statuses.get(p.id)}
            observed={live.observed?.providers[p.id]}
            errors={live.errors.get(p.id)}
            now={live.now}
          />
        ))}
      </ul>
    </section>
  );
}

/** Providers under category headings; the main document's provider leads. */
export function ProviderList({
  providers,
  statuses = [],
  observed,
  now,
}: {
  providers: readonly ProviderView[];
  statuses?: readonly PageStatus[] | undefined;
  observed?: ObservedPage | undefined;
  now: number;
}) {
  const errors = new Map<string, PageError[]>();
  for (const e of observed?.errors ?? []) {
    if (e.providerId === undefined) continue;
    const list = errors.get(e.providerId) ?? [];
    list.push(e);
    errors.set(e.providerId, list);
  }
  const live: Live = { statuses: new Map(statuses.map((st) => [st.providerId, st])), observed, errors, now };
  return (
    <div class="groups">
      {groupProviders(providers).map((g) => (
        <Group key={g.id} group={g} live={live} />
      ))}
    </div>
  );
}
