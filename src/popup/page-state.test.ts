import { describe, expect, it } from 'vitest';
import { shopPage, unknownPage } from './__fixtures__/pages.ts';
import { hostOf, isPageState, shownState } from './page-state.ts';

describe('page state', () => {
  it('accepts the background answers and rejects anything else', () => {
    expect(isPageState(shopPage())).toBe(true);
    expect(isPageState({ kind: 'empty' })).toBe(true);
    expect(isPageState({ kind: 'empty', url: 'https://a.example/' })).toBe(true);
    expect(isPageState({ kind: 'restricted', url: 'chrome://newtab/' })).toBe(true);
    expect(isPageState(undefined)).toBe(false);
    expect(isPageState({ kind: 'restricted' })).toBe(false);
    expect(isPageState({ kind: 'page' })).toBe(false);
    expect(isPageState({ kind: 'page', page: { host: 'a', providers: {} } })).toBe(false);
    expect(isPageState({ kind: 'other' })).toBe(false);
    const page = shopPage();
    expect(isPageState({ ...page, statuses: [] })).toBe(true);
    expect(isPageState({ ...page, statuses: 'down' })).toBe(false);
  });

  it('maps states to data-state, page without providers to none', () => {
    expect(shownState(shopPage())).toBe('page');
    expect(shownState(unknownPage())).toBe('none');
    expect(shownState({ kind: 'empty' })).toBe('empty');
    expect(shownState({ kind: 'restricted', url: 'file:///x' })).toBe('restricted');
  });

  it('reads the host of a URL', () => {
    expect(hostOf('https://www.example.com:8443/a')).toBe('www.example.com');
    expect(hostOf('about:blank')).toBeUndefined();
    expect(hostOf('not a url')).toBeUndefined();
    expect(hostOf(undefined)).toBeUndefined();
  });
});
