import { CATALOG, providerById } from '../catalog/index.ts';
import type { Blame, ErrorMeaning, HeaderCondition } from '../catalog/types.ts';
import type { HeaderLike } from '../detect/types.ts';
import type { Failure } from './types.ts';

/**
 * What an error response means. The providers' own meanings are catalog data (each entry's
 * `errors`, catalog/errors.ts); the generic HTTP meanings below cover the rest. `explain` picks the
 * most specific matching row. An explanation in words is explanation-text.ts's, which the popup
 * loads without this table (and the catalog under it).
 */

export interface ExplanationRow extends ErrorMeaning {
  /** Provider id, or `*` for any response. */
  readonly provider: string;
  /** With `provider: '*'`: only responses with (`via`) or without (`direct`) a known provider. */
  readonly chain?: 'via' | 'direct';
}

/** What the caller knows about one response. */
export interface ResponseFacts {
  readonly status: number;
  readonly headers: readonly HeaderLike[];
  /** Provider ids on the response, edge first. */
  readonly providerIds: readonly string[];
  /** PoP code of the edge, when known. */
  readonly pop?: string | undefined;
  /** HTTP/1.1 status line or reason phrase (`details.statusLine` in webRequest). */
  readonly reason?: string | undefined;
  /** Start of the response body, when known. Only the first BODY_LIMIT characters are read. */
  readonly body?: string | undefined;
}

export interface Explanation {
  readonly id: string;
  readonly blame: Blame;
  readonly key: string;
  readonly status: number;
  /** The provider the row is about (a `*` row via a provider: the edge). */
  readonly providerId?: string | undefined;
  readonly pop?: string | undefined;
  /** Captured header value (e.g. `FUNCTION_INVOCATION_TIMEOUT`). */
  readonly detail?: string | undefined;
}

/** How much of a body is searched: error pages put their tell-tale markup early. */
export const BODY_LIMIT = 16_384;

/** Generic HTTP meanings (messages in messages.json beside this file). */
const GENERIC: readonly ExplanationRow[] = [
  {
    id: 'generic-via',
    provider: '*',
    chain: 'via',
    status: { from: 500, to: 599 },
    blame: 'unclear',
    key: 'explainGenericVia',
  },
  {
    id: 'generic-direct',
    provider: '*',
    chain: 'direct',
    status: { from: 500, to: 599 },
    blame: 'unclear',
    key: 'explainGenericDirect',
  },
];

/** Every provider's error meanings, in catalog order, then the generic ones. */
export const EXPLANATIONS: readonly ExplanationRow[] = [
  ...CATALOG.flatMap((p) => (p.errors ?? []).map((row) => ({ ...row, provider: p.id }))),
  ...GENERIC,
];

/** On a tie, a platform's row wins over that of the CDN it is always delivered through. */
function winsTie(row: ExplanationRow, best: ExplanationRow): boolean {
  return row.provider !== '*' && providerById.get(row.provider)?.deliveredBy === best.provider;
}

function statusScore(row: ExplanationRow, status: number): number | undefined {
  const s = row.status;
  if (typeof s === 'number') return s === status ? 30 : undefined;
  if (Array.isArray(s)) return s.includes(status) ? 20 : undefined;
  const range = s as { readonly from: number; readonly to: number };
  return status >= range.from && status <= range.to ? 0 : undefined;
}

function headerValues(headers: readonly HeaderLike[], name: string): string[] {
  const out: string[] = [];
  for (const h of headers) if (h.name.toLowerCase() === name) out.push(h.value ?? '');
  return out;
}

/** Returns undefined when a condition fails, otherwise the captured value ('' when none). */
function checkHeaders(conds: readonly HeaderCondition[], headers: readonly HeaderLike[]): string | undefined {
  let captured = '';
  for (const c of conds) {
    const values = headerValues(headers, c.name);
    const hit = c.value ? values.find((v) => c.value!.test(v)) : values[0];
    if (c.not ? hit !== undefined : hit === undefined) return undefined;
    if (c.capture && hit !== undefined && !captured) captured = hit.trim().slice(0, 80);
  }
  return captured;
}

/**
 * The most specific row for a response, or undefined when none applies (2xx, most 4xx).
 * Specificity: a named provider (+100) over `*`; one exact status (+30) over a list (+20) over a
 * range; each header condition (+10); a body or reason condition (+15). Ties: a platform's row over
 * that of the CDN it is delivered through (`deliveredBy`), then table order.
 */
export function explain(response: ResponseFacts): Explanation | undefined {
  const body = response.body?.slice(0, BODY_LIMIT);
  const ids = response.providerIds;
  let best: { row: ExplanationRow; score: number; detail: string; providerId?: string } | undefined;
  for (const row of EXPLANATIONS) {
    let score = statusScore(row, response.status);
    if (score === undefined) continue;
    let providerId: string | undefined;
    if (row.provider === '*') {
      if (row.chain === 'via' && ids.length === 0) continue;
      if (row.chain === 'direct' && ids.length > 0) continue;
      providerId = ids[0];
    } else {
      if (!ids.includes(row.provider)) continue;
      providerId = row.provider;
      score += 100;
    }
    let detail = '';
    if (row.headers) {
      const got = checkHeaders(row.headers, response.headers);
      if (got === undefined) continue;
      detail = got;
      score += 10 * row.headers.length;
    }
    if (row.body) {
      if (body === undefined || !row.body.test(body)) continue;
      score += 15;
    }
    if (row.reason) {
      if (response.reason === undefined || !row.reason.test(response.reason)) continue;
      score += 15;
    }
    if (!best || score > best.score || (score === best.score && winsTie(row, best.row)))
      best = { row, score, detail, ...(providerId ? { providerId } : {}) };
  }
  if (!best) return undefined;
  const { row } = best;
  return {
    id: row.id,
    blame: row.blame,
    key: row.key,
    status: response.status,
    ...(best.providerId ? { providerId: best.providerId } : {}),
    // The PoP is the edge's: only meaningful when the explanation is about the edge.
    ...(response.pop && best.providerId && best.providerId === ids[0] ? { pop: response.pop } : {}),
    ...(best.detail ? { detail: best.detail } : {}),
  };
}

/**
 * The failure a response represents for the observation window: every 5xx is a failure, with the
 * blame of its explanation. Below 500 nothing fails (a 404 or a firewall block is an answer).
 */
export function responseFailure(response: ResponseFacts): {
  readonly failure?: Failure;
  readonly explanation?: Explanation;
} {
  const explanation = explain(response);
  if (response.status < 500 || response.status > 599) return explanation ? { explanation } : {};
  const blame = explanation?.blame ?? 'unclear';
  const by = explanation && explanation.blame !== 'unclear' ? explanation.providerId : undefined;
  const failure: Failure = { kind: 'http', status: response.status, blame, ...(by ? { by } : {}) };
  return explanation ? { failure, explanation } : { failure };
}
