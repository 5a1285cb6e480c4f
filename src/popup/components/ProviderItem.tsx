import { CATEGORY_KEYS } from '../../core/i18n.ts';
import type { PageError } from '../../core/observe/page.ts';
import type { ProviderSignal } from '../../core/observe/signal.ts';
import type { ProviderView } from '../../core/page/view.ts';
import { type Level, SEVERITY } from '../../core/status/model.ts';
import type { PageStatus } from '../../core/status/relevance.ts';
import { kindPhrases, ROLE_TEXT, rowRoleKey } from '../describe.ts';
import { useStrings } from '../i18n.ts';
import { capitalize, levelWords } from '../status-text.ts';
import { EvidenceList } from './EvidenceList.tsx';
import { LiveStatus } from './LiveStatus.tsx';
import { ObservedErrors } from './ObservedErrors.tsx';
import { ObservedStatus } from './ObservedStatus.tsx';
import { Pops } from './Pops.tsx';
import { StatusMark } from './StatusMark.tsx';

/** What the row says of the provider's health: failing here beats what its status page reports. */
function rowHealth(
  status: PageStatus | undefined,
  observed: ProviderSignal | undefined,
): { readonly level: Level; readonly key?: string } | undefined {
  if (observed?.state === 'failing_here') return { level: 'partial_outage', key: 'rowFailingHere' };
  if (status) return { level: status.level };
  return undefined;
}

/** A provider needs a look: open its row from the start. */
function needsLook(
  status: PageStatus | undefined,
  observed: ProviderSignal | undefined,
  errors: readonly PageError[],
): boolean {
  return (
    errors.length > 0 ||
    (observed !== undefined && observed.state !== 'ok') ||
    (status !== undefined && SEVERITY[status.level] >= SEVERITY.maintenance)
  );
}

/**
 * One provider on one line — its name, what it does for this page in plain words, its health in
 * a mark and words, where it answered from — that opens (a native disclosure) onto its live
 * status, what this browser observed of it, the page's errors that came through it, what it
 * serves, from where, and why we think so. A provider that needs a look starts open.
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
  const health = rowHealth(status, observed);
  const place = p.pops[0];
  const reported = status && !status.unknown ? status.level : undefined;
  return (
    <li
      class={`provider role-${p.role}${p.document ? ' is-document' : ''}`}
      data-provider={p.id}
      data-role={p.role}
      data-document={String(p.document)}
      data-pops={p.pops.map((pl) => pl.code).join(',')}
      data-level={health?.level}
    >
      <details class="provider-row" open={needsLook(status, observed, errors)}>
        <summary>
          <span class="provider-name">{p.name}</span>{' '}
          <span class="provider-role" data-testid="row-role" title={s.t(rowRoleKey(p))}>
            {s.t(rowRoleKey(p))}
          </span>{' '}
          {health ? (
            <span class={`provider-health level-${health.level}`} data-testid="row-health">
              <StatusMark level={health.level} />
              {health.key ? s.t(health.key) : capitalize(s, levelWords(s, health.level))}
            </span>
          ) : (
            <span class="provider-health none" data-testid="row-health">
              {s.t('rowNoStatus')}
            </span>
          )}
          {place ? ' ' : null}
          {place ? (
            <span class="provider-pop" data-testid="row-pop">
              {place.city ?? place.code}
              {p.pops.length > 1 ? ` +${s.num(p.pops.length - 1)}` : null}
            </span>
          ) : null}
        </summary>
        <div class="provider-body">
          <p class="role" data-testid="role">
            {s.t(ROLE_TEXT[p.role])}
            {p.document ? (
              <>
                {' '}
                <span class="tag document" data-testid="main-document">
                  {s.t('mainDocument')}
                </span>
              </>
            ) : null}
          </p>
          <p class="meta">
            <span class="category">{s.t(CATEGORY_KEYS[p.category])}</span> ·{' '}
            <span class="requests">{s.count('requests', p.requests)}</span>
            {served.length > 0 ? (
              <>
                {' · '}
                <span class="serves" data-testid="serves">
                  {s.t('serves', [s.list(served)])}
                </span>
              </>
            ) : null}
          </p>
          {status && observed ? (
            <p class="source-label" data-testid="reported-label">
              {s.t('reportedLabel')}
            </p>
          ) : null}
          {status ? <LiveStatus status={status} pops={p.pops} now={now} /> : null}
          {observed ? <ObservedStatus signal={observed} name={p.name} /> : null}
          <ObservedErrors
            errors={errors}
            providerName={p.name}
            reported={reported}
            label={s.t('providerErrorsLabel', [p.name])}
          />
          <Pops pops={p.pops} />
          <EvidenceList evidence={p.evidence} />
        </div>
      </details>
    </li>
  );
}
