import { useId } from 'preact/hooks';
import type { ProviderView } from '../../page/view.ts';
import type { PageStatus } from '../../status/relevance.ts';
import { GROUP_TITLE, groupProviders, type ProviderGroup } from '../groups.ts';
import { useStrings } from '../i18n.ts';
import { ProviderItem } from './ProviderItem.tsx';

interface Live {
  /** Live status per provider id (providers with a status feed). */
  readonly statuses: ReadonlyMap<string, PageStatus>;
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
          <ProviderItem key={p.id} provider={p} status={live.statuses.get(p.id)} now={live.now} />
        ))}
      </ul>
    </section>
  );
}

/** Providers under category headings; the main document's provider leads. */
export function ProviderList({
  providers,
  statuses = [],
  now,
}: {
  providers: readonly ProviderView[];
  statuses?: readonly PageStatus[] | undefined;
  now: number;
}) {
  const live: Live = { statuses: new Map(statuses.map((st) => [st.providerId, st])), now };
  return (
    <div class="groups">
      {groupProviders(providers).map((g) => (
        <Group key={g.id} group={g} live={live} />
      ))}
    </div>
  );
}
