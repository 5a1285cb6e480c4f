import type { ErrorKind, Failure } from './types.ts';

/**
 * `webRequest.onErrorOccurred` hands over `details.error`, an internal string that differs per
 * browser: Chrome sends `net::ERR_*` names (net/base/net_error_list.h), Firefox `NS_*` names
 * (netwerk/base/nsNetError.h) or NSS/PKIX names for certificate errors. This table maps them to a
 * small set of kinds. A new string = a new row.
 */

export interface ErrorClass {
  readonly kind: ErrorKind;
  /**
   * Whether the request counts as a failure at all. Cancellations (navigation away, the page
   * aborting a fetch) and blocks by the browser or an extension (ad blockers, tracking
   * protection, CORP/CSP) say nothing about the infrastructure.
   */
  readonly counts: boolean;
}

interface ErrorRow {
  /** Upper-case name without Chrome's `net::` prefix; with `prefix`, a name prefix. */
  readonly name: string;
  readonly prefix?: boolean;
  readonly kind: ErrorKind;
  /** Defaults to true, except for `aborted` and `blocked` which never count. */
  readonly counts?: boolean;
}

export const ERROR_TABLE: readonly ErrorRow[] = [
  // --- Chrome -------------------------------------------------------------------------------
  { name: 'ERR_ABORTED', kind: 'aborted' },
  { name: 'ERR_CACHE_MISS', kind: 'aborted' },
  { name: 'ERR_BLOCKED_BY_CLIENT', kind: 'blocked' },
  { name: 'ERR_BLOCKED_BY_ADMINISTRATOR', kind: 'blocked' },
  { name: 'ERR_BLOCKED_BY_RESPONSE', kind: 'blocked' },
  { name: 'ERR_BLOCKED_BY_CSP', kind: 'blocked' },
  { name: 'ERR_BLOCKED_BY_ORB', kind: 'blocked' },
  { name: 'ERR_BLOCKED_BY_', prefix: true, kind: 'blocked' },
  { name: 'ERR_NETWORK_ACCESS_DENIED', kind: 'blocked' },
  { name: 'ERR_UNSAFE_PORT', kind: 'blocked' },
  { name: 'ERR_UNKNOWN_URL_SCHEME', kind: 'other', counts: false },
  { name: 'ERR_INVALID_URL', kind: 'other', counts: false },
  { name: 'ERR_UNSAFE_REDIRECT', kind: 'other', counts: false },
  { name: 'ERR_CONNECTION_REFUSED', kind: 'refused' },
  { name: 'ERR_CONNECTION_FAILED', kind: 'refused' },
  { name: 'ERR_CONNECTION_RESET', kind: 'reset' },
  { name: 'ERR_CONNECTION_CLOSED', kind: 'reset' },
  { name: 'ERR_CONNECTION_ABORTED', kind: 'reset' },
  { name: 'ERR_EMPTY_RESPONSE', kind: 'reset' },
  { name: 'ERR_SOCKET_NOT_CONNECTED', kind: 'reset' },
  { name: 'ERR_CONTENT_LENGTH_MISMATCH', kind: 'reset' },
  { name: 'ERR_INCOMPLETE_CHUNKED_ENCODING', kind: 'reset' },
  { name: 'ERR_CONNECTION_TIMED_OUT', kind: 'timeout' },
  { name: 'ERR_TIMED_OUT', kind: 'timeout' },
  { name: 'ERR_NAME_NOT_RESOLVED', kind: 'dns' },
  { name: 'ERR_NAME_RESOLUTION_FAILED', kind: 'dns' },
  { name: 'ERR_DNS_', prefix: true, kind: 'dns' },
  { name: 'ERR_CERT', prefix: true, kind: 'tls' },
  { name: 'ERR_SSL_', prefix: true, kind: 'tls' },
  { name: 'ERR_TLS', prefix: true, kind: 'tls' },
  { name: 'ERR_BAD_SSL_CLIENT_AUTH_CERT', kind: 'tls' },
  { name: 'ERR_INSECURE_RESPONSE', kind: 'tls' },
  { name: 'ERR_ECH_', prefix: true, kind: 'tls' },
  // The user's own side: no network, network switched, sleeping, their proxy.
  { name: 'ERR_INTERNET_DISCONNECTED', kind: 'offline' },
  { name: 'ERR_NETWORK_CHANGED', kind: 'offline' },
  { name: 'ERR_NETWORK_IO_SUSPENDED', kind: 'offline' },
  { name: 'ERR_PROXY_CONNECTION_FAILED', kind: 'offline' },
  { name: 'ERR_TUNNEL_CONNECTION_FAILED', kind: 'offline' },
  // --- Firefox ------------------------------------------------------------------------------
  { name: 'NS_BINDING_ABORTED', kind: 'aborted' },
  { name: 'NS_BINDING_REDIRECTED', kind: 'aborted' },
  { name: 'NS_BINDING_RETARGETED', kind: 'aborted' },
  { name: 'NS_ERROR_DOCUMENT_NOT_CACHED', kind: 'aborted' },
  { name: 'NS_ERROR_PARSED_DATA_CACHED', kind: 'aborted' },
  // Firefox reports a request cancelled by an extension (ad blocker) as NS_ERROR_ABORT.
  { name: 'NS_ERROR_ABORT', kind: 'blocked' },
  { name: 'NS_ERROR_TRACKING_URI', kind: 'blocked' },
  { name: 'NS_ERROR_FINGERPRINTING_URI', kind: 'blocked' },
  { name: 'NS_ERROR_CRYPTOMINING_URI', kind: 'blocked' },
  { name: 'NS_ERROR_SOCIALTRACKING_URI', kind: 'blocked' },
  { name: 'NS_ERROR_EMAILTRACKING_URI', kind: 'blocked' },
  { name: 'NS_ERROR_CONTENT_BLOCKED', kind: 'blocked' },
  { name: 'NS_ERROR_CONTENT_BLOCKED_SHOW_ALT', kind: 'blocked' },
  { name: 'NS_ERROR_DOM_CORP_FAILED', kind: 'blocked' },
  { name: 'NS_ERROR_DOM_BAD_URI', kind: 'blocked' },
  { name: 'NS_ERROR_XFO_VIOLATION', kind: 'blocked' },
  { name: 'NS_ERROR_CSP_FRAME_ANCESTOR_VIOLATION', kind: 'blocked' },
  { name: 'NS_ERROR_PORT_ACCESS_NOT_ALLOWED', kind: 'blocked' },
  { name: 'NS_ERROR_MALFORMED_URI', kind: 'other', counts: false },
  { name: 'NS_ERROR_UNKNOWN_PROTOCOL', kind: 'other', counts: false },
  { name: 'NS_ERROR_CONNECTION_REFUSED', kind: 'refused' },
  { name: 'NS_ERROR_NET_RESET', kind: 'reset' },
  { name: 'NS_ERROR_NET_INTERRUPT', kind: 'reset' },
  { name: 'NS_ERROR_NET_PARTIAL_TRANSFER', kind: 'reset' },
  { name: 'NS_ERROR_NET_EMPTY_RESPONSE', kind: 'reset' },
  { name: 'NS_ERROR_NET_TIMEOUT', kind: 'timeout' },
  { name: 'NS_ERROR_NET_TIMEOUT_EXTERNAL', kind: 'timeout' },
  { name: 'NS_ERROR_UNKNOWN_HOST', kind: 'dns' },
  { name: 'NS_ERROR_DNS_LOOKUP_QUEUE_FULL', kind: 'dns' },
  { name: 'NS_ERROR_NET_INADEQUATE_SECURITY', kind: 'tls' },
  { name: 'SSL_ERROR_', prefix: true, kind: 'tls' },
  { name: 'SEC_ERROR_', prefix: true, kind: 'tls' },
  { name: 'MOZILLA_PKIX_ERROR_', prefix: true, kind: 'tls' },
  { name: 'NS_ERROR_OFFLINE', kind: 'offline' },
  { name: 'NS_ERROR_PROXY_CONNECTION_REFUSED', kind: 'offline' },
  { name: 'NS_ERROR_UNKNOWN_PROXY_HOST', kind: 'offline' },
  { name: 'NS_ERROR_PROXY_', prefix: true, kind: 'offline' },
];

const EXACT = new Map<string, ErrorRow>();
const PREFIXES: ErrorRow[] = [];
for (const row of ERROR_TABLE) {
  if (row.prefix) PREFIXES.push(row);
  else EXACT.set(row.name, row);
}
// Longest prefix first, so `ERR_BLOCKED_BY_` does not shadow a more specific one.
PREFIXES.sort((a, b) => b.name.length - a.name.length);

function toClass(row: ErrorRow): ErrorClass {
  const never = row.kind === 'aborted' || row.kind === 'blocked';
  return { kind: row.kind, counts: never ? false : (row.counts ?? true) };
}

/**
 * Classifies a browser network-error string. Unknown strings are `other` and count as failures:
 * a request that ended without a response and was not cancelled did fail.
 */
export function classifyError(error: string): ErrorClass {
  const name = error
    .trim()
    .replace(/^net::/i, '')
    .toUpperCase();
  if (name === '') return { kind: 'other', counts: true };
  const exact = EXACT.get(name);
  if (exact) return toClass(exact);
  for (const row of PREFIXES) if (name.startsWith(row.name)) return toClass(row);
  return { kind: 'other', counts: true };
}

/**
 * The failure a network error represents for the observation window, or undefined when it is
 * not one (cancelled, blocked by the browser or an extension): such requests are ignored.
 */
export function networkFailure(error: string): Failure | undefined {
  const c = classifyError(error);
  return c.counts ? { kind: 'network', error: c.kind } : undefined;
}

/** i18n key of each counted error kind's words ("connection refused"). */
export const ERROR_KIND_KEYS: Readonly<Record<Exclude<ErrorKind, 'aborted' | 'blocked'>, string>> = {
  refused: 'errorKindRefused',
  reset: 'errorKindReset',
  timeout: 'errorKindTimeout',
  dns: 'errorKindDns',
  tls: 'errorKindTls',
  offline: 'errorKindOffline',
  other: 'errorKindOther',
};
