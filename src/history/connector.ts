import type { Translate } from '../core/i18n.ts';
import type { HistoryState } from '../messages.ts';

/** Everything the History page reaches outside itself; tests pass a mock. */
export interface HistoryConnector {
  readonly t: Translate;
  /** BCP 47 tag of the language the strings are in (dates). */
  readonly lang: string;
  getHistory(): Promise<HistoryState>;
  clearHistory(): Promise<HistoryState>;
  unwatchSite(host: string): Promise<HistoryState>;
  /** Saves `text` as a file (the browser's download). */
  download(filename: string, text: string): void;
}
