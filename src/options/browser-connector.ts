import browser from 'webextension-polyfill';
import type { Translate } from '../core/i18n.ts';
import { parseSettings, type Settings } from '../core/settings.ts';
import type { Request, ResponseMap } from '../messages.ts';
import type { OptionsConnector } from './connector.ts';

async function send<T extends Request>(request: T): Promise<ResponseMap[T['type']]> {
  return (await browser.runtime.sendMessage(request)) as ResponseMap[T['type']];
}

const t: Translate = (key, subs) => browser.i18n.getMessage(key, subs && [...subs]);

/** The options page talking to the background (which owns storage.local). */
export const browserConnector: OptionsConnector = {
  t,
  // The language the messages are written in (`fr` under a fr-CA browser, `en` as the fallback).
  lang: t('locale') || 'en',
  getSettings: async (): Promise<Settings> => parseSettings(await send({ type: 'getSettings' })),
  setSettings: async (patch): Promise<Settings> =>
    parseSettings(await send({ type: 'setSettings', settings: patch })),
};
