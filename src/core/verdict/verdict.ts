import type { Phrase } from '../i18n.ts';
import { LEVEL_KEYS } from '../levels.ts';
import { classifyError, ERROR_KIND_KEYS } from '../observe/errors.ts';
import { describeExplanation } from '../observe/explanation-text.ts';
import type { Explanation } from '../observe/explanations.ts';
import type { CountedErrorKind, ObservedPage } from '../observe/page.ts';
import type { LocalState, ProviderSignal } from '../observe/signal.ts';
import type { PageView, ProviderView } from '../page/view.ts';
import { type Level, SEVERITY } from '../status/model.ts';
import type { PageStatus } from '../status/relevance.ts';

/**
 * "Is it them or the site?" answered once per page: everything Faultline knows about the page in
 * front of the user (its main document's outcome and what that error means, what each provider's
 * status page says about this page, what this browser saw of each provider across sites, the
 * user's own connection) folded into one outcome of a small closed set, with one sentence and its
 * evidence. Pure; the badge (core/badge.ts) and the popup's first line are drawn from it.
 *
 * The rules, in order (the README's table says the same):
 * 1. almost everything this browser loads fails, or the browser says it is offline → own_connection;
 * 2. a provider of the page is failing: seen failing here on several sites, or its status page
 *    declares a partial or major outage that concerns this page (or of unknown scope, when the
 *    page fails through it) → provider_failing, naming it, with `declared` and/or `seen_here`;
 * 3. the main document failed:
 *    - a provider it came through reports a lesser problem (degraded…) → provider_reports_problem;
 *    - the error's meaning blames the site's own server (Cloudflare 522, CloudFront 504…), or no
 *      provider stands in front of it → site_down;
 *    - an error that does not tell, while other sites of that provider work here → site_down
 *      (most likely the site's);
 *    - otherwise → unknown, with why (only this site seen, nothing else to compare with, no
 *      answer at all, the provider's own error on this site alone);
 * 4. the page loaded: a provider reports a problem that may affect it → provider_reports_problem;
 *    otherwise → all_good.
 */

export type Outcome =
  | 'provider_failing'
  | 'provider_reports_problem'
  | 'site_down'
  | 'own_connection'
  | 'all_good'
  | 'unknown';

/** Why the verdict is `unknown`. */
export type UnknownReason =
  /** This page failed through the provider, and no other site of it was seen here lately. */
  | 'only_site'
  /** Several of its sites fail, but nothing else answered: the user's connection may be the cause. */
  | 'no_comparison'
  /** The provider did not answer at all for this site (refused, timed out…). */
  | 'no_answer'
  /** The provider's own error page for this site, while its other sites work here. */
  | 'provider_error';

/** One piece of evidence behind a verdict. */
export type Evidence =
  /** What the main document got, and what that error means. */
  | {
      readonly kind: 'document';
      readonly providerId?: string | undefined;
      readonly head: Phrase;
      readonly body?: Phrase | undefined;
    }
  /** The provider's status page, as it concerns this page. */
  | {
      readonly kind: 'declared' | 'reported' | 'status_calm';
      readonly providerId: string;
      readonly name: string;
      readonly level: Level;
      readonly title?: string | undefined;
    }
  /** What this browser saw of the provider across sites (`observe/signal.ts`). */
  | {
      readonly kind: 'observed';
      readonly providerId: string;
      readonly name: string;
      readonly signal: ProviderSignal;
    }
  /** Almost everything is failing here. */
  | { readonly kind: 'connection' };

export interface Verdict {
  readonly outcome: Outcome;
  /** The provider the verdict is about, when there is one. */
  readonly providerId?: string | undefined;
  /** For `provider_failing`: what shows it. */
  readonly declared?: boolean | undefined;
  readonly seenHere?: boolean | undefined;
  /** For `unknown`. */
  readonly reason?: UnknownReason | undefined;
  readonly sentence: Phrase;
  readonly evidence: readonly Evidence[];
}

export interface VerdictInput {
  readonly page: PageView;
  /** What each provider's live status means for this page. */
  readonly statuses?: readonly PageStatus[] | undefined;
  /** The page's errors and the cross-site signal of its providers (observe/page.ts). */
  readonly observed?: ObservedPage | undefined;
}

/** How the main document ended. */
export type DocumentOutcome =
  | { readonly kind: 'ok' }
  | {
      readonly kind: 'http';
      readonly status: number;
      readonly explanation?: Explanation | undefined;
      /** The provider the failure came through: the explanation's, else the document's edge. */
      readonly providerId?: string | undefined;
    }
  | { readonly kind: 'network'; readonly error: CountedErrorKind; readonly providerId?: string | undefined };

export type { Phrase } from '../i18n.ts';

function phrase(key: string, ...subs: (string | Phrase)[]): Phrase {
  return { key, subs };
}

/** The provider in front of the main document: its edge, else any provider that carried it. */
function documentProvider(page: PageView): ProviderView | undefined {
  const carried = page.providers.filter((p) => p.document);
  return carried.find((p) => p.role === 'edge') ?? carried[0];
}

/** The main document's outcome, from the page's record and its explained errors. */
export function documentOutcome(page: PageView, observed?: ObservedPage): DocumentOutcome {
  const errors = observed?.errors ?? [];
  const own = errors.filter((e) => e.host === page.host);
  const edge = documentProvider(page)?.id;
  if (page.documentError !== undefined) {
    const kind = classifyError(page.documentError).kind;
    const error: CountedErrorKind = kind === 'aborted' || kind === 'blocked' ? 'other' : kind;
    const seen = own.find((e) => e.error !== undefined);
    return { kind: 'network', error, providerId: seen?.providerId ?? edge };
  }
  const status = page.documentStatus;
  if (status === undefined || status < 500 || status > 599) return { kind: 'ok' };
  // The page's errors are most recent first: the latest one of the document's host and status.
  const explanation = own.find((e) => e.status === status)?.explanation;
  return { kind: 'http', status, explanation, providerId: explanation?.providerId ?? edge };
}

function failureWords(doc: Exclude<DocumentOutcome, { kind: 'ok' }>): Phrase {
  return doc.kind === 'http' ? phrase('verdictHttp', String(doc.status)) : phrase(ERROR_KIND_KEYS[doc.error]);
}

function levelWords(level: Level): Phrase {
  return phrase(LEVEL_KEYS[level]);
}

function documentEvidence(
  doc: Exclude<DocumentOutcome, { kind: 'ok' }>,
  page: PageView,
  statuses: readonly PageStatus[] = [],
): Evidence {
  if (doc.kind === 'network') {
    return {
      kind: 'document',
      providerId: doc.providerId,
      head: phrase('verdictDocumentNoAnswer', page.host || '—', failureWords(doc)),
    };
  }
  if (!doc.explanation) {
    return {
      kind: 'document',
      providerId: doc.providerId,
      head: phrase('verdictDocumentHttp', page.host || '—', String(doc.status)),
    };
  }
  const by = doc.explanation.providerId;
  const name = page.providers.find((p) => p.id === by)?.name;
  const reported = statuses.find((st) => st.providerId === by && !st.unknown)?.level;
  const { head, body } = describeExplanation(doc.explanation, name, reported);
  return { kind: 'document', providerId: doc.explanation.providerId, head, body };
}

function statusEvidence(
  p: ProviderView,
  st: PageStatus,
  kind: 'declared' | 'reported' | 'status_calm',
): Evidence {
  const title = st.incidents[0]?.event.title ?? st.products[0]?.name;
  return { kind, providerId: p.id, name: p.name, level: st.level, ...(title ? { title } : {}) };
}

/** What is known of one provider of the page, for the rules. */
interface Facts {
  readonly p: ProviderView;
  readonly status?: PageStatus | undefined;
  readonly signal?: ProviderSignal | undefined;
  /** Its status page reports a partial or major outage concerning this page. */
  readonly declaredSure: boolean;
  /** …or of unknown scope. */
  readonly declared: boolean;
  readonly seen: boolean;
}

function factsOf(p: ProviderView, input: VerdictInput): Facts {
  const status = input.statuses?.find((s) => s.providerId === p.id);
  const observed = input.observed?.providers;
  const signal = observed && Object.hasOwn(observed, p.id) ? observed[p.id] : undefined;
  const severe = status !== undefined && !status.unknown && SEVERITY[status.level] >= SEVERITY.partial_outage;
  return {
    p,
    status,
    signal,
    declared: severe,
    declaredSure: severe && !status.uncertain,
    seen: signal?.state === 'failing_here',
  };
}

function failingVerdict(f: Facts, doc: DocumentOutcome, input: VerdictInput): Verdict {
  const { page } = input;
  const { p, status, signal } = f;
  const declared = f.declared && status !== undefined;
  const evidence: Evidence[] = [];
  if (doc.kind !== 'ok' && p.document) evidence.push(documentEvidence(doc, page, input.statuses));
  if (declared) evidence.push(statusEvidence(p, status, 'declared'));
  // What was seen here speaks when it shows the failure, or when this page failed through it.
  if (signal && (f.seen || (doc.kind !== 'ok' && p.document)))
    evidence.push({ kind: 'observed', providerId: p.id, name: p.name, signal });
  const seenWords = (s: ProviderSignal): (string | Phrase)[] => [
    String(s.failingSites),
    String(s.failingSites + s.healthySites),
    String(s.spanMinutes),
  ];
  let sentence: Phrase;
  if (declared && doc.kind !== 'ok' && p.document) {
    sentence = phrase('verdictDeclaredDocument', p.name, levelWords(status.level), failureWords(doc));
  } else if (declared && f.seen && signal) {
    sentence = phrase('verdictDeclaredSeen', p.name, levelWords(status.level), ...seenWords(signal));
  } else if (declared) {
    sentence = phrase(
      status.uncertain ? 'verdictDeclaredMayAffect' : 'verdictDeclared',
      p.name,
      levelWords(status.level),
    );
  } else {
    sentence = phrase('verdictSeen', p.name, ...seenWords(signal!));
  }
  return {
    outcome: 'provider_failing',
    providerId: p.id,
    declared,
    seenHere: f.seen,
    sentence,
    evidence,
  };
}

/** Provider order for the verdict: the one the document failed through, the document's, then the rest. */
function rank(facts: readonly Facts[], docProviderId: string | undefined): Facts[] {
  return [...facts]
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        Number(b.f.p.id === docProviderId) - Number(a.f.p.id === docProviderId) ||
        Number(b.f.p.document) - Number(a.f.p.document) ||
        Number(b.f.seen && b.f.declared) - Number(a.f.seen && a.f.declared) ||
        SEVERITY[b.f.status?.level ?? 'operational'] - SEVERITY[a.f.status?.level ?? 'operational'] ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

/** A reported problem below an outage, or an outage of unknown scope: it may affect the page. */
function reportsProblem(f: Facts): boolean {
  const st = f.status;
  return st !== undefined && !st.unknown && SEVERITY[st.level] >= SEVERITY.degraded;
}

/** The one verdict for a page. */
export function verdictOf(input: VerdictInput): Verdict {
  const { page, observed } = input;
  const doc = documentOutcome(page, observed);
  const local: LocalState = observed?.local ?? 'ok';

  // 1. The user's own connection.
  if (local === 'connection_problem' || (doc.kind === 'network' && doc.error === 'offline')) {
    return {
      outcome: 'own_connection',
      sentence: phrase('localConnectionProblem'),
      evidence: [
        ...(doc.kind !== 'ok' ? [documentEvidence(doc, page, input.statuses)] : []),
        { kind: 'connection' },
      ],
    };
  }

  const docProviderId = doc.kind === 'ok' ? undefined : doc.providerId;
  const facts = rank(
    page.providers.map((p) => factsOf(p, input)),
    docProviderId,
  );
  const failed = doc.kind !== 'ok';

  // 2. A provider of the page is failing.
  const failing = facts.find((f) => f.seen || f.declaredSure || (f.declared && failed && f.p.document));
  if (failing) return failingVerdict(failing, doc, input);

  // 3. The main document failed.
  if (failed) {
    const through = facts.find((f) => f.p.id === docProviderId);
    const evidence: Evidence[] = [documentEvidence(doc, page, input.statuses)];
    const reported = facts.find((f) => f.p.document && reportsProblem(f));
    if (reported?.status) {
      return {
        outcome: 'provider_reports_problem',
        providerId: reported.p.id,
        sentence: phrase(
          'verdictReportsDocument',
          reported.p.name,
          failureWords(doc),
          levelWords(reported.status.level),
        ),
        evidence: [...evidence, statusEvidence(reported.p, reported.status, 'reported')],
      };
    }
    if (!through) {
      return {
        outcome: 'site_down',
        sentence: phrase('verdictSiteDownDirect', failureWords(doc)),
        evidence,
      };
    }
    const { p, status, signal } = through;
    const calm = status !== undefined && !status.unknown && status.level === 'operational';
    if (calm) evidence.push(statusEvidence(p, status, 'status_calm'));
    if (signal) evidence.push({ kind: 'observed', providerId: p.id, name: p.name, signal });
    const blame = doc.kind === 'http' ? (doc.explanation?.blame ?? 'unclear') : undefined;
    if (blame === 'site') {
      return {
        outcome: 'site_down',
        providerId: p.id,
        sentence: phrase('verdictSiteDown', p.name),
        evidence,
      };
    }
    const unknown = (reason: UnknownReason, sentence: Phrase): Verdict => ({
      outcome: 'unknown',
      providerId: p.id,
      reason,
      sentence,
      evidence,
    });
    if (doc.kind === 'network') {
      return unknown('no_answer', phrase('verdictUnknownNoAnswer', p.name, failureWords(doc)));
    }
    if (signal?.state === 'insufficient' && signal.reason === 'no_comparison') {
      return unknown('no_comparison', phrase('verdictUnknownNoComparison', p.name));
    }
    // Other sites of the provider work here: since its failures began, or lately when none did.
    const others = signal ? (signal.failingSince === undefined ? signal.okSites : signal.healthySites) : 0;
    if (others === 0)
      return unknown('only_site', phrase('verdictUnknownOnlySite', p.name, failureWords(doc)));
    if (blame === 'provider') {
      return unknown('provider_error', phrase('verdictUnknownProviderError', p.name, failureWords(doc)));
    }
    return {
      outcome: 'site_down',
      providerId: p.id,
      sentence: phrase(calm ? 'verdictSiteLikelyCalm' : 'verdictSiteLikely', p.name),
      evidence,
    };
  }

  // 4. The page loaded.
  const reported = facts.find(reportsProblem);
  if (reported?.status) {
    return {
      outcome: 'provider_reports_problem',
      providerId: reported.p.id,
      sentence: phrase('verdictReports', reported.p.name, levelWords(reported.status.level)),
      evidence: [statusEvidence(reported.p, reported.status, 'reported')],
    };
  }
  return {
    outcome: 'all_good',
    sentence: phrase(page.providers.length > 0 ? 'verdictAllGood' : 'verdictAllGoodPlain'),
    evidence: [],
  };
}
