import browser from 'webextension-polyfill';
import type { Translate } from '../core/i18n.ts';
import { type Answer, answerOf, type Payload, requestOf } from '../messages.ts';
import { releaseDataCollection, requestDataCollection } from '../shell/data-collection.ts';
import type { OptionsConnector } from './connector.ts';

/** Asks the background (which owns storage.local), and checks its answer before trusting it. */
async function send<K extends 'getSettings' | 'setSettings' | 'getSitesOff' | 'setSiteOff' | 'clearAllData'>(
  type: K,
  payload: Payload<K>,
): Promise<Answer<K>> {
  return answerOf(type, await browser.runtime.sendMessage(requestOf(type, payload)));
}

const t: Translate = (key, subs) => browser.i18n.getMessage(key, subs && [...subs]);

/** The options page talking to the background (which owns storage.local). */
export const browserConnector: OptionsConnector = {
  t,
  // The language the messages are written in (`fr` under a fr-CA browser, `en` as the fallback).
  lang: t('locale') || 'en',
  uiLanguage: browser.i18n.getUILanguage(),
  getSettings: () => send('getSettings', {}),
  async setSettings(patch) {
    // Look-ups switched on: Firefox asks its own question first, within the click's gesture.
    if (patch.dnsConsent === true && !(await requestDataCollection())) throw new Error(t('optDnsRefused'));
    if (patch.dnsConsent === false) await releaseDataCollection().catch(() => undefined);
    return send('setSettings', { settings: patch });
  },
  getSitesOff: () => send('getSitesOff', {}),
  setSiteOff: (host, off) => send('setSiteOff', { host, off }),
  clearAllData: () => send('clearAllData', {}),
  confirm: (question) => window.confirm(question),
};
