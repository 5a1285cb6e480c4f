import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './core/settings.ts';
import {
  answerOf,
  dispatch,
  type Handlers,
  isNotification,
  isPageState,
  isRequest,
  isResilienceState,
  isSettings,
  REQUEST_TYPES,
  requestOf,
} from './messages.ts';
import { shopPage } from './popup/__fixtures__/pages.ts';
import { shopResilience } from './popup/__fixtures__/resilience.ts';

describe('requests', () => {
  it('accepts only well-formed requests', () => {
    expect(isRequest({ type: 'getPage', tabId: 3 })).toBe(true);
    expect(isRequest({ type: 'refreshStatus', tabId: 3 })).toBe(true);
    expect(isRequest({ type: 'getResilience', tabId: 3 })).toBe(true);
    expect(isRequest({ type: 'getSettings' })).toBe(true);
    expect(isRequest({ type: 'setSettings', settings: { badgeCount: false } })).toBe(true);
    expect(isRequest({ type: 'getPage', tabId: '3' })).toBe(false);
    expect(isRequest({ type: 'getPage', tabId: 1.5 })).toBe(false);
    expect(isRequest({ type: 'getResilience' })).toBe(false);
    expect(isRequest({ type: 'setSettings', settings: null })).toBe(false);
    expect(isRequest({ type: 'other', tabId: 3 })).toBe(false);
    expect(isRequest({ type: 'toString', tabId: 3 })).toBe(false);
    expect(isRequest(null)).toBe(false);
    expect(isRequest('getPage')).toBe(false);
  });

  it('travel as their type and payload fields, which the guard accepts', () => {
    expect(requestOf('getPage', { tabId: 4 })).toEqual({ type: 'getPage', tabId: 4 });
    expect(requestOf('getSettings', {})).toEqual({ type: 'getSettings' });
    expect(isRequest(requestOf('setSettings', { settings: { dnsConsent: true } }))).toBe(true);
  });
});

describe('answers', () => {
  it('a page state: the background answers, and nothing else', () => {
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

  it('a resilience state: the two answers of the background, and nothing else', () => {
    expect(isResilienceState({ kind: 'none' })).toBe(true);
    expect(isResilienceState(shopResilience('off', { dns: undefined }))).toBe(true);
    expect(isResilienceState(JSON.parse(JSON.stringify(shopResilience('now'))))).toBe(true);
    const good = shopResilience('now');
    expect(isResilienceState(undefined)).toBe(false);
    expect(isResilienceState({ kind: 'page' })).toBe(false);
    expect(isResilienceState({ ...good, dnsLookedUp: 'later' })).toBe(false);
    expect(isResilienceState({ ...good, markdown: 1 })).toBe(false);
    expect(isResilienceState({ ...good, report: null })).toBe(false);
    expect(isResilienceState({ ...good, report: { impact: [], singlePointsOfFailure: [] } })).toBe(false);
  });

  it('settings: every field, each a boolean', () => {
    expect(isSettings(DEFAULT_SETTINGS)).toBe(true);
    expect(
      isSettings({ dnsConsent: false, dnsAsked: true, badgeCount: true, notifications: false, later: 1 }),
    ).toBe(true);
    expect(isSettings({ dnsConsent: false, badgeCount: true })).toBe(false);
    expect(isSettings({ dnsConsent: 'no', dnsAsked: true, badgeCount: true })).toBe(false);
    expect(isSettings(undefined)).toBe(false);
  });

  it('answerOf passes a good answer through and names what a bad one lacks', () => {
    expect(answerOf('getPage', { kind: 'empty' })).toEqual({ kind: 'empty' });
    expect(() => answerOf('refreshStatus', undefined)).toThrow('no page state in the answer');
    expect(() => answerOf('getResilience', { kind: 'page' })).toThrow('no resilience state in the answer');
    expect(() => answerOf('setSettings', {})).toThrow('no settings in the answer');
  });
});

describe('dispatch', () => {
  const calls: unknown[] = [];
  /** Records the request it got and answers `answer`. */
  const recording =
    <T>(answer: T) =>
    async (request: unknown): Promise<T> => {
      calls.push(request);
      return answer;
    };
  const handlers: Handlers = {
    getPage: recording({ kind: 'empty' }),
    refreshStatus: recording({ kind: 'restricted', url: '' }),
    getResilience: recording({ kind: 'none' }),
    getSettings: recording(DEFAULT_SETTINGS),
    setSettings: recording(DEFAULT_SETTINGS),
    getSitesOff: recording([]),
    setSiteOff: recording([]),
    clearAllData: recording(DEFAULT_SETTINGS),
    getHistory: recording({ now: 0, entries: [], watched: [] }),
    clearHistory: recording({ now: 0, entries: [], watched: [] }),
    getTabHistory: recording({ watched: false, ongoing: [] }),
    watchSite: recording({ watched: false, ongoing: [] }),
    unwatchSite: recording({ now: 0, entries: [], watched: [] }),
  };

  it('hands each request to the handler of its type', async () => {
    expect(await dispatch(handlers, { type: 'refreshStatus', tabId: 2 })).toEqual({
      kind: 'restricted',
      url: '',
    });
    expect(await dispatch(handlers, { type: 'getSettings' })).toEqual(DEFAULT_SETTINGS);
    expect(calls).toEqual([{ type: 'refreshStatus', tabId: 2 }, { type: 'getSettings' }]);
  });

  it('leaves what is not a request unanswered, for other listeners', () => {
    expect(dispatch(handlers, { type: 'pageChanged', tabId: 2 })).toBeUndefined();
    expect(dispatch(handlers, { type: 'getPage', tabId: 'x' })).toBeUndefined();
  });

  it('knows every request type', () => {
    expect(REQUEST_TYPES).toEqual([
      'getPage',
      'refreshStatus',
      'getResilience',
      'getSettings',
      'setSettings',
      'getHistory',
      'clearHistory',
      'getTabHistory',
      'watchSite',
      'unwatchSite',
      'getSitesOff',
      'setSiteOff',
      'clearAllData',
    ]);
  });
});

describe('notifications', () => {
  it('accepts only a pageChanged with a tab', () => {
    expect(isNotification({ type: 'pageChanged', tabId: 3 })).toBe(true);
    expect(isNotification({ type: 'pageChanged' })).toBe(false);
    expect(isNotification({ type: 'getPage', tabId: 3 })).toBe(false);
  });
});
