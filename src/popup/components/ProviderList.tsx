import { useId } from 'preact/hooks';
import type { ProviderView } from '../../page/view.ts';
import { GROUP_TITLE, groupProviders, type ProviderGroup } from '../groups.ts';
import { useStrings } from '../i18n.ts';
import { ProviderItem } from './ProviderItem.tsx';

function Group({ group }: { group: ProviderGroup }) {
  const { t } = useStrings();
  const id = useId();
  return (
    <section class="group" aria-labelledby={id} data-group={group.id}>
      <h2 id={id}>{t(GROUP_TITLE[group.id])}</h2>
      <ul class="providers" data-testid="providers">
        {group.providers.map((p) => (
          <ProviderItem key={p.id} provider={p} />
        ))}
      </ul>
    </section>
  );
}

/** Providers under category headings; the main document's provider leads. */
export function ProviderList({ providers }: { providers: readonly ProviderView[] }) {
  return (
    <div class="groups">
      {groupProviders(providers).map((g) => (
        <Group key={g.id} group={g} />
      ))}
    </div>
  );
}
