import { CATEGORY_KEYS } from '../../core/i18n.ts';
import type { PageError } from '../../core/observe/page.ts';
import type { ProviderSignal } from '../../core/observe/signal.ts';
import type { ProviderView } from '../../core/page/view.ts';
import type { PageStatus } from '../../core/status/relevance.ts';
import { kindPhrases, ROLE_TEXT } from '../describe.ts';
import { useStrings } from '../i18n.ts';
import { EvidenceList } from './EvidenceList.tsx';
import { LiveStatus } from './LiveStatus.tsx';
import { ObservedErrors } from './ObservedErrors.tsx';
import { ObservedStatus } from './ObservedStatus.tsx';
import { Pops } from './Pops.tsx';

/**
 * One provider: what it is, where it stands, its live status when it has a status feed and what
 * this browser observed of it (reported and observed side by side), the page's errors that came
 * through it, what it serves, from where, and why we think so.
 */
export function ProviderItem({
  provider: p,
  status,
  observed,
  errors = [],
  now,
}: {
  provider: ProviderView;
  status?: PageStatus | undefined;
  observed?: ProviderSignal | undefined;
  errors?: readonly PageError[] | undefined;
  now: number;
}) {
  const s = useStrings();
  const served = kindPhrases(s, p.kinds);
  return (
    <li
      class={`provider role-${p.role}${p.document ? ' is-document' : ''}`}
      data-provider={p.id}
      data-role={p.role}
      data-document={String(p.document)}
      data-pops={p.pops.map((place) => place.code).join(',')}
    >
      <div class="provider-head">
        <h3>{p.name}</h3>
        {p.document ? (
          <span class="tag document" data-testid="main-document">
            {s.t('mainDocument')}
          </span>
        ) : null}
      </div>
      <p class="meta">
        <span class="category">{s.t(CATEGORY_KEYS[p.category])}</span> ·{' '}
        <span class="requests">{s.count('requests', p.requests)}</span>
      </p>
      <p class="role" data-testid="role">
        <span class="role-mark" aria-hidden="true" />
        {s.t(ROLE_TEXT[p.role])}
      </p>
      {status && observed ? (
        <p class="source-label" data-testid="reported-label">
          {s.t('reportedLabel')}
        </p>
      ) : null}
      {status ? <LiveStatus status={status} pops={p.pops} now={now} /> : null}
      {observed ? <ObservedStatus signal={observed} name={p.name} /> : null}
      <ObservedErrors errors={errors} providerName={p.name} label={s.t('providerErrorsLabel', [p.name])} />
      {served.length > 0 ? (
        <p class="serves" data-testid="serves">
          {s.t('serves', [s.list(served)])}
        </p>
      ) : null}
      <Pops pops={p.pops} />
      <EvidenceList evidence={p.evidence} />
    </li>
  );
}
