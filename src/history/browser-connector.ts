import browser from 'webextension-polyfill';
import type { Translate } from '../core/i18n.ts';
import { type Answer, answerOf, type Payload, requestOf } from '../messages.ts';
import type { HistoryConnector } from './connector.ts';

type HistoryRequest = 'getHistory' | 'clearHistory' | 'unwatchSite';

/** Asks the background (which owns the history), and checks its answer before trusting it. */
async function send<K extends HistoryRequest>(type: K, payload: Payload<K>): Promise<Answer<K>> {
  return answerOf(type, await browser.runtime.sendMessage(requestOf(type, payload)));
}

const t: Translate = (key, subs) => browser.i18n.getMessage(key, subs && [...subs]);

export const browserConnector: HistoryConnector = {
  t,
  lang: t('locale') || 'en',
  getHistory: () => send('getHistory', {}),
  clearHistory: () => send('clearHistory', {}),
  unwatchSite: (host) => send('unwatchSite', { host }),
  download(filename, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
};
