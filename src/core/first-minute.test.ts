import { describe, expect, it } from 'vitest';
import {
  FIRST_MINUTE_START,
  forgetTab,
  heard,
  loadedBefore,
  markLoadedBefore,
  parseFirstMinute,
  sawDocument,
} from './first-minute.ts';
import type { ObservedPage } from './observe/page.ts';
import { recordOf, SHOP_RESPONSES } from './page/__fixtures__/pages.ts';
import { newPage } from './page/record.ts';
import { recordedState } from './page-state.ts';

const SHOP = 'https://www.maple-shop.com/';
const NOTHING_OBSERVED: ObservedPage = { local: 'ok', providers: {}, errors: [] };
const NOW = 1_760_000_100_000;

/** The shop as the background records it: whole, and from its later requests only. */
const whole = recordOf(3, SHOP, SHOP_RESPONSES);
/** What Chromium leaves of a tab it restores at start: the subresources, not the document. */
const tail = recordOf(3, SHOP, SHOP_RESPONSES.slice(1));
/** A record begun by a subresource before the navigation was known (no URL yet). */
const orphan = recordOf(3, SHOP, SHOP_RESPONSES.slice(1));
orphan.url = '';
orphan.host = '';
/** The document never arrived: the failure is what was seen of it. */
const failed = newPage(3, SHOP, 'www.maple-shop.com', NOW);
failed.documentError = 'net::ERR_CONNECTION_REFUSED';

describe('sawDocument', () => {
  it('is true once the main document arrived or failed, false otherwise', () => {
    expect(sawDocument(whole)).toBe(true);
    expect(sawDocument(failed)).toBe(true);
    expect(sawDocument(tail)).toBe(false);
    expect(sawDocument(orphan)).toBe(false);
    expect(sawDocument(newPage(3, SHOP, 'www.maple-shop.com', NOW))).toBe(false);
    expect(sawDocument(undefined)).toBe(false);
  });

  it('a record read back with only its document’s status (its hosts cut) still saw it', () => {
    const cut = { ...whole, hosts: {}, documentStatus: 200 };
    expect(sawDocument(cut)).toBe(true);
    expect(sawDocument({ ...cut, documentStatus: undefined })).toBe(false);
  });

  it('counts only the page host’s own documents (a host named like a builtin is not one)', () => {
    const odd = recordOf(3, 'https://constructor/', SHOP_RESPONSES.slice(1));
    expect(sawDocument(odd)).toBe(false);
  });
});

describe('before the first request event of the session', () => {
  it('every web page whose document was not seen was loaded before', () => {
    expect(loadedBefore(FIRST_MINUTE_START, 3, SHOP, undefined)).toBe(true);
    expect(loadedBefore(FIRST_MINUTE_START, 3, SHOP, tail)).toBe(true);
    expect(loadedBefore(FIRST_MINUTE_START, 3, SHOP, whole)).toBe(false);
    expect(loadedBefore(FIRST_MINUTE_START, 3, SHOP, failed)).toBe(false);
  });

  it('pages the extension never sees, and tabs without a URL, are not', () => {
    for (const url of [undefined, '', 'about:blank', 'chrome://newtab/', 'file:///tmp/a.html']) {
      expect(loadedBefore(FIRST_MINUTE_START, 3, url, undefined), String(url)).toBe(false);
    }
    expect(loadedBefore(FIRST_MINUTE_START, 3, 'https://chromewebstore.google.com/', undefined)).toBe(false);
  });
});

describe('heard: the first request event', () => {
  const tabs = [
    { id: 1, url: 'https://www.daily-ledger.com/#top' },
    { id: 2, url: SHOP },
    { id: 3, url: SHOP },
    { id: 4, url: 'chrome://extensions/' },
    { id: 5 },
    { url: SHOP },
  ];
  const records: Record<number, ReturnType<typeof recordOf>> = { 2: tail, 3: whole };
  const state = heard(FIRST_MINUTE_START, NOW, tabs, (id) => records[id]);

  it('notes the tabs showing a web page whose document was not seen, without the fragment', () => {
    expect(state).toEqual({
      v: 1,
      heardAt: NOW,
      before: { 1: 'https://www.daily-ledger.com/', 2: SHOP },
    });
  });

  it('happens once: later events change nothing', () => {
    expect(heard(state, NOW + 5, [{ id: 9, url: SHOP }], () => undefined)).toBe(state);
  });

  it('then, a noted tab still showing that page was loaded before, until its document is seen', () => {
    expect(loadedBefore(state, 1, 'https://www.daily-ledger.com/#comments', undefined)).toBe(true);
    expect(loadedBefore(state, 2, SHOP, tail)).toBe(true);
    // Reloaded: the document arrived.
    expect(loadedBefore(state, 2, SHOP, whole)).toBe(false);
  });

  it('another page in a noted tab, and any page in another tab, is judged as usual', () => {
    expect(loadedBefore(state, 1, SHOP, undefined)).toBe(false);
    expect(loadedBefore(state, 7, SHOP, undefined)).toBe(false);
    expect(loadedBefore(state, 3, SHOP, undefined)).toBe(false);
  });

  it('forgets a closed tab, and leaves the state alone for a tab it never noted', () => {
    const after = forgetTab(state, 1);
    expect(after.before).toEqual({ 2: SHOP });
    expect(after.heardAt).toBe(NOW);
    expect(loadedBefore(after, 1, 'https://www.daily-ledger.com/', undefined)).toBe(false);
    expect(forgetTab(after, 1)).toBe(after);
  });
});

describe('parseFirstMinute', () => {
  it('reads back what it stored', () => {
    const state = heard(FIRST_MINUTE_START, NOW, [{ id: 2, url: SHOP }], () => undefined);
    expect(parseFirstMinute(structuredClone(state))).toEqual(state);
  });

  it('takes anything else for the start of a session, and drops malformed notes', () => {
    for (const junk of [undefined, null, 'x', 42, [], { v: 2, heardAt: NOW, before: {} }]) {
      expect(parseFirstMinute(junk), JSON.stringify(junk)).toEqual(FIRST_MINUTE_START);
    }
    expect(
      parseFirstMinute({ v: 1, heardAt: 'soon', before: { 2: SHOP, x: SHOP, 3: 42, __proto__: SHOP } }),
    ).toEqual({ v: 1, heardAt: undefined, before: { 2: SHOP } });
  });
});

describe('markLoadedBefore', () => {
  it('marks an empty state and a partly recorded page, never a restricted one', () => {
    expect(markLoadedBefore({ kind: 'empty', url: SHOP }, true)).toEqual({
      kind: 'empty',
      url: SHOP,
      late: true,
    });
    expect(markLoadedBefore({ kind: 'empty', url: SHOP }, false)).toEqual({ kind: 'empty', url: SHOP });
    expect(markLoadedBefore({ kind: 'restricted', url: 'chrome://newtab/' }, true)).toEqual({
      kind: 'restricted',
      url: 'chrome://newtab/',
    });
    const page = recordedState(tail, { statusOf: () => undefined, observed: () => NOTHING_OBSERVED });
    if (!page) throw new Error('the tail of the shop is a recorded page');
    expect(markLoadedBefore(page, true)).toEqual({ ...page, late: true });
  });
});
