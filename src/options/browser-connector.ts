import browser from 'webextension-polyfill';
import { type Answer, answerOf, type Payload, requestOf } from '../messages.ts';
import type { OptionsConnector } from './connector.ts';
import { optionsTranslator } from './i18n.ts';

/** Asks the background (which owns storage.local), and checks its answer before trusting it. */
async function send<K extends 'getSettings' | 'setSettings'>(
  type: K,
  payload: Payload<K>,
): Promise<Answer<K>> {
  return answerOf(type, await browser.runtime.sendMessage(requestOf(type, payload)));
}

const { t, lang } = optionsTranslator(
  (key, subs) => browser.i18n.getMessage(key, subs),
  browser.i18n.getUILanguage(),
);

/** The options page talking to the background (which owns storage.local). */
export const browserConnector: OptionsConnector = {
  t,
  lang,
  getSettings: () => send('getSettings', {}),
  setSettings: (patch) => send('setSettings', { settings: patch }),
};
