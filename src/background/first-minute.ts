import {
  FIRST_MINUTE_START,
  type FirstMinute,
  forgetTab,
  heard,
  loadedBefore,
  markLoadedBefore,
  type OpenTab,
  parseFirstMinute,
} from '../core/first-minute.ts';
import type { PageRecord } from '../core/page/record.ts';
import type { PageState } from '../core/page-state.ts';
import type { Handlers } from '../messages.ts';
import { BatchedState } from './state.ts';
import type { StorageArea } from './storage.ts';

/** In `storage.session`: an install, an update and a browser start clear it, as they should. */
export const FIRST_MINUTE_KEY = 'faultline:first-minute';
/** The state changes once a session and when a noted tab closes: written after this short wait. */
const SAVE_DELAY_MS = 150;

export interface FirstMinuteDeps {
  readonly session: StorageArea;
  /** The tab's page record, once the store has it. */
  readonly recordOf: (tabId: number) => Promise<PageRecord | undefined>;
  /** `tabs.query({})`. */
  readonly tabs: () => Promise<readonly OpenTab[]>;
  /** `tabs.get`: rejects for a tab that does not exist. */
  readonly tab: (tabId: number) => Promise<OpenTab>;
  readonly now?: () => number;
  readonly log: (message: string, error?: unknown) => void;
}

/**
 * Which pages were loaded before Faultline was listening (the decisions: core/first-minute.ts),
 * kept in `storage.session` across worker restarts, and the popup's answers marked with it.
 */
export class FirstMinuteTracker {
  readonly ready: Promise<void>;
  private state: FirstMinute = FIRST_MINUTE_START;
  private readonly stored: BatchedState;
  /** The first request event of this worker was handled: later ones cost a comparison. */
  private heardHere = false;

  constructor(private readonly deps: FirstMinuteDeps) {
    this.stored = new BatchedState({
      area: deps.session,
      keys: [FIRST_MINUTE_KEY],
      delayMs: SAVE_DELAY_MS,
      restore: (stored) => {
        this.state = parseFirstMinute(stored[FIRST_MINUTE_KEY]);
      },
      valueOf: () => this.state,
      onError: ({ op, error }) =>
        deps.log(
          op === 'read' ? 'could not restore the first minute' : 'could not save the first minute',
          error,
        ),
    });
    this.ready = this.stored.ready;
  }

  /**
   * A request event arrived (any: it proves the listeners work). The first of the session notes
   * the open tabs whose page was loaded before. Resolves once that is done.
   */
  heard(): Promise<void> {
    if (this.heardHere) return Promise.resolve();
    this.heardHere = true;
    return this.noteOpenTabs();
  }

  private async noteOpenTabs(): Promise<void> {
    await this.ready;
    if (this.state.heardAt !== undefined) return;
    const now = (this.deps.now ?? Date.now)();
    let tabs: readonly OpenTab[] = [];
    try {
      tabs = await this.deps.tabs();
    } catch (error) {
      // Listening all the same; only the pages loaded before cannot be told apart.
      this.deps.log('could not list the open tabs', error);
    }
    const records = new Map<number, PageRecord | undefined>();
    for (const tab of tabs) if (tab.id !== undefined) records.set(tab.id, await this.deps.recordOf(tab.id));
    this.state = heard(this.state, now, tabs, (tabId) => records.get(tabId));
    this.stored.touch(FIRST_MINUTE_KEY);
  }

  /** The tab closed or its contents were replaced: its note goes. */
  forget(tabId: number): void {
    void this.ready.then(() => {
      const next = forgetTab(this.state, tabId);
      if (next === this.state) return;
      this.state = next;
      this.stored.touch(FIRST_MINUTE_KEY);
    });
  }

  /** The popup's state of a tab, marked when its page was loaded before Faultline listened. */
  async mark(tabId: number, state: PageState): Promise<PageState> {
    // A page the browser keeps from extensions, or a site switched off: nothing to be late for.
    if (state.kind === 'restricted' || state.kind === 'off') return state;
    await this.ready;
    const record = await this.deps.recordOf(tabId);
    let url = state.kind === 'empty' ? state.url : state.page.url || undefined;
    // A record begun from a page's later requests has no URL of its own: the tab's is the page's.
    if (url === undefined && state.kind === 'page')
      url = (await this.deps.tab(tabId).catch(() => undefined))?.url;
    return markLoadedBefore(state, loadedBefore(this.state, tabId, url, record));
  }

  /** The message handlers, with the page states they answer marked. */
  answering(handlers: Handlers): Handlers {
    return {
      ...handlers,
      getPage: async (request) => this.mark(request.tabId, await handlers.getPage(request)),
      refreshStatus: async (request) => this.mark(request.tabId, await handlers.refreshStatus(request)),
    };
  }

  /** Writes a pending change now (tests). */
  flush(): Promise<void> {
    return this.stored.flush();
  }
}
