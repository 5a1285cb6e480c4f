import { describe, expect, it } from 'vitest';
import { markLoadedBefore } from '../core/first-minute.ts';
import { shopPage, unknownPage } from './__fixtures__/pages.ts';
import { hostOf, shownState } from './page-state.ts';

describe('page state', () => {
  it('maps states to data-state, page without providers to none', () => {
    expect(shownState(shopPage())).toBe('page');
    expect(shownState(unknownPage())).toBe('none');
    expect(shownState({ kind: 'empty' })).toBe('empty');
    expect(shownState({ kind: 'restricted', url: 'file:///x' })).toBe('restricted');
  });

  it('a page loaded before Faultline listened is late when nothing of it was seen, a page otherwise', () => {
    expect(shownState({ kind: 'empty', url: 'https://www.maple-shop.com/', late: true })).toBe('late');
    expect(shownState(markLoadedBefore(shopPage(), true))).toBe('page');
    expect(shownState(markLoadedBefore(unknownPage(), true))).toBe('none');
  });

  it('reads the host of a URL', () => {
    expect(hostOf('https://www.example.com:8443/a')).toBe('www.example.com');
    expect(hostOf('about:blank')).toBeUndefined();
    expect(hostOf('not a url')).toBeUndefined();
    expect(hostOf(undefined)).toBeUndefined();
  });
});
