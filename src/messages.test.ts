import { describe, expect, it } from 'vitest';
import { isNotification, isRequest, isRestrictedUrl } from './messages.ts';

describe('messages', () => {
  it('accepts only well-formed requests', () => {
    expect(isRequest({ type: 'getPage', tabId: 3 })).toBe(true);
    expect(isRequest({ type: 'getPage', tabId: '3' })).toBe(false);
    expect(isRequest({ type: 'getPage', tabId: 1.5 })).toBe(false);
    expect(isRequest({ type: 'other', tabId: 3 })).toBe(false);
    expect(isRequest(null)).toBe(false);
    expect(isNotification({ type: 'pageChanged', tabId: 3 })).toBe(true);
    expect(isNotification({ type: 'getPage', tabId: 3 })).toBe(false);
  });

  it.each([
    ['chrome://extensions/', true],
    ['about:debugging', true],
    ['file:///home/me/a.html', true],
    ['view-source:https://a.example/', true],
    ['https://chromewebstore.google.com/detail/x', true],
    ['https://addons.mozilla.org/en-US/firefox/', true],
    ['https://microsoftedge.microsoft.com/addons/detail/x', true],
    ['https://www.maple-shop.com/', false],
    ['http://a.example/addons.mozilla.org', false],
  ])('%s restricted: %s', (url, restricted) => {
    expect(isRestrictedUrl(url)).toBe(restricted);
  });
});
