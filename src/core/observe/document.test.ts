import { describe, expect, it } from 'vitest';
import { documentFailed } from './document.ts';

describe('documentFailed', () => {
  it.each([
    // Chrome's net::ERR_* and Firefox's NS_* names, as webRequest.onErrorOccurred hands them over.
    ['net::ERR_CONNECTION_REFUSED', true],
    ['net::ERR_CONNECTION_TIMED_OUT', true],
    ['net::ERR_NAME_NOT_RESOLVED', true],
    ['net::ERR_CERT_DATE_INVALID', true],
    ['net::ERR_INTERNET_DISCONNECTED', true],
    ['NS_ERROR_CONNECTION_REFUSED', true],
    ['NS_ERROR_UNKNOWN_HOST', true],
    ['SSL_ERROR_BAD_CERT_DOMAIN', true],
    ['net::ERR_SOMETHING_NEW', true],
    // Cancelled (navigated away, stopped, downloads), blocked, or not a network failure at all.
    ['net::ERR_ABORTED', false],
    ['net::ERR_BLOCKED_BY_CLIENT', false],
    ['net::ERR_BLOCKED_BY_ADMINISTRATOR', false],
    ['net::ERR_UNKNOWN_URL_SCHEME', false],
    ['NS_BINDING_ABORTED', false],
    ['NS_ERROR_ABORT', false],
  ])('a main document that got %s: failed %s', (error, failed) => {
    expect(documentFailed({ type: 'main_frame', error }, false)).toBe(failed);
  });

  it('a subresource that failed is not the page failing', () => {
    for (const type of ['script', 'sub_frame', 'xmlhttprequest', 'image'])
      expect(documentFailed({ type, error: 'net::ERR_CONNECTION_REFUSED' }, false)).toBe(false);
  });

  it('a document whose response started and whose body failed later is on screen', () => {
    expect(documentFailed({ type: 'main_frame', error: 'net::ERR_CONTENT_LENGTH_MISMATCH' }, true)).toBe(
      false,
    );
    expect(documentFailed({ type: 'main_frame', error: 'net::ERR_CONTENT_LENGTH_MISMATCH' }, false)).toBe(
      true,
    );
  });
});
