import { describe, expect, it } from 'vitest';
import { classifyError, ERROR_KIND_KEYS, networkFailure } from './errors.ts';
import messages from './messages.json' with { type: 'json' };

describe('classifyError — Chrome', () => {
  it.each([
    ['net::ERR_CONNECTION_REFUSED', 'refused', true],
    ['net::ERR_CONNECTION_RESET', 'reset', true],
    ['net::ERR_CONNECTION_CLOSED', 'reset', true],
    ['net::ERR_EMPTY_RESPONSE', 'reset', true],
    ['net::ERR_CONNECTION_TIMED_OUT', 'timeout', true],
    ['net::ERR_TIMED_OUT', 'timeout', true],
    ['net::ERR_NAME_NOT_RESOLVED', 'dns', true],
    ['net::ERR_DNS_TIMED_OUT', 'dns', true],
    ['net::ERR_CERT_DATE_INVALID', 'tls', true],
    ['net::ERR_CERT_AUTHORITY_INVALID', 'tls', true],
    ['net::ERR_CERT_COMMON_NAME_INVALID', 'tls', true],
    ['net::ERR_SSL_PROTOCOL_ERROR', 'tls', true],
    ['net::ERR_SSL_VERSION_OR_CIPHER_MISMATCH', 'tls', true],
    ['net::ERR_INTERNET_DISCONNECTED', 'offline', true],
    ['net::ERR_NETWORK_CHANGED', 'offline', true],
    ['net::ERR_PROXY_CONNECTION_FAILED', 'offline', true],
    ['net::ERR_HTTP2_PROTOCOL_ERROR', 'other', true],
    ['net::ERR_FAILED', 'other', true],
  ] as const)('%s → %s (counts: %s)', (error, kind, counts) => {
    expect(classifyError(error)).toEqual({ kind, counts });
  });

  it('does not count cancellations and blocks', () => {
    expect(classifyError('net::ERR_ABORTED')).toEqual({ kind: 'aborted', counts: false });
    expect(classifyError('net::ERR_BLOCKED_BY_CLIENT')).toEqual({ kind: 'blocked', counts: false });
    expect(classifyError('net::ERR_BLOCKED_BY_RESPONSE')).toEqual({ kind: 'blocked', counts: false });
    expect(classifyError('net::ERR_BLOCKED_BY_SOMETHING_NEW')).toEqual({ kind: 'blocked', counts: false });
    expect(classifyError('net::ERR_CACHE_MISS')).toEqual({ kind: 'aborted', counts: false });
    expect(classifyError('net::ERR_UNKNOWN_URL_SCHEME')).toEqual({ kind: 'other', counts: false });
  });

  it('accepts the names without prefix, in any case, with spaces', () => {
    expect(classifyError('ERR_CONNECTION_REFUSED')).toEqual({ kind: 'refused', counts: true });
    expect(classifyError('  net::err_name_not_resolved ')).toEqual({ kind: 'dns', counts: true });
  });
});

describe('classifyError — Firefox', () => {
  it.each([
    ['NS_ERROR_CONNECTION_REFUSED', 'refused', true],
    ['NS_ERROR_NET_RESET', 'reset', true],
    ['NS_ERROR_NET_INTERRUPT', 'reset', true],
    ['NS_ERROR_NET_PARTIAL_TRANSFER', 'reset', true],
    ['NS_ERROR_NET_TIMEOUT', 'timeout', true],
    ['NS_ERROR_UNKNOWN_HOST', 'dns', true],
    ['NS_ERROR_OFFLINE', 'offline', true],
    ['NS_ERROR_PROXY_CONNECTION_REFUSED', 'offline', true],
    ['SSL_ERROR_BAD_CERT_DOMAIN', 'tls', true],
    ['SSL_ERROR_NO_CYPHER_OVERLAP', 'tls', true],
    ['SEC_ERROR_UNKNOWN_ISSUER', 'tls', true],
    ['SEC_ERROR_EXPIRED_CERTIFICATE', 'tls', true],
    ['MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', 'tls', true],
    ['NS_ERROR_NET_INADEQUATE_SECURITY', 'tls', true],
    ['NS_BINDING_ABORTED', 'aborted', false],
    ['NS_BINDING_REDIRECTED', 'aborted', false],
    ['NS_ERROR_ABORT', 'blocked', false],
    ['NS_ERROR_TRACKING_URI', 'blocked', false],
    ['NS_ERROR_CORRUPTED_CONTENT', 'other', true],
  ] as const)('%s → %s (counts: %s)', (error, kind, counts) => {
    expect(classifyError(error)).toEqual({ kind, counts });
  });
});

describe('classifyError — unknown input', () => {
  it('counts an unknown string as another failure', () => {
    expect(classifyError('SOMETHING_ELSE')).toEqual({ kind: 'other', counts: true });
    expect(classifyError('')).toEqual({ kind: 'other', counts: true });
  });
});

describe('networkFailure', () => {
  it('turns counted errors into failures and ignores the rest', () => {
    expect(networkFailure('net::ERR_CONNECTION_TIMED_OUT')).toEqual({ kind: 'network', error: 'timeout' });
    expect(networkFailure('NS_ERROR_UNKNOWN_HOST')).toEqual({ kind: 'network', error: 'dns' });
    expect(networkFailure('net::ERR_ABORTED')).toBeUndefined();
    expect(networkFailure('net::ERR_BLOCKED_BY_CLIENT')).toBeUndefined();
    expect(networkFailure('NS_BINDING_ABORTED')).toBeUndefined();
  });
});

describe('ERROR_KIND_KEYS', () => {
  it('names keys present in both languages', () => {
    for (const key of Object.values(ERROR_KIND_KEYS)) {
      expect(messages.en).toHaveProperty(key);
      expect(messages.fr).toHaveProperty(key);
    }
  });
});
