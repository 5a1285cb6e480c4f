import browser from 'webextension-polyfill';
import { parseSettings, type Settings } from '../core/settings.ts';
import type { Request, ResponseMap } from '../messages.ts';
import type { OptionsConnector } from './connector.ts';
import { optionsTranslator } from './i18n.ts';

async function send<T extends Request>(request: T): Promise<ResponseMap[T['type']]> {
  return (await browser.runtime.sendMessage(request)) as ResponseMap[T['type']];
}

const { t, lang } = optionsTranslator(
  (key, subs) => browser.i18n.getMessage(key, subs),
  browser.i18n.getUILanguage(),
);

/** The options page talking to the background (which owns storage.local). */
export const browserConnector: OptionsConnector = {
  t,
  lang,
  getSettings: async (): Promise<Settings> => parseSettings(await send({ type: 'getSettings' })),
  setSettings: async (patch): Promise<Settings> =>
    parseSettings(await send({ type: 'setSettings', settings: patch })),
};
