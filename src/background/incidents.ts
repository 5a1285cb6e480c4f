import { type HistoryEntry, parseHistory, prune, record } from '../core/history/history.ts';
import type { Translate } from '../core/i18n.ts';
import { alertsOf, type SiteNow } from '../core/notify/alerts.ts';
import { type OpenIncident, track } from '../core/notify/incidents.ts';
import {
  decide,
  EMPTY_NOTIFY_STATE,
  type NotifyState,
  parseNoteId,
  parseNotifyState,
} from '../core/notify/notify.ts';
import { endText, startText } from '../core/notify/text.ts';
import { BatchedState } from './state.ts';
import type { StorageArea } from './storage.ts';

/**
 * The incidents of the user's sites (open tabs and watched sites), their notifications and their
 * history. Each look (`look()`: a status changed, something failed or recovered here, the alarm)
 * folds the sites' verdicts into alerts, `track`s them into transitions, records those in the
 * history and shows what `decide` says. State in `storage.local` (incidents going on, what was
 * notified, the history), batched; looks run one at a time and coalesce.
 */

const OPEN_KEY = 'faultline:incidents:v1';
const HISTORY_KEY = 'faultline:history:v1';
/**
 * Present while a look was asked for and has not run yet: a worker stopped inside
 * LOOK_DELAY_MS loses its timer, and the next alarm then looks (`lookIfOwed`). Without it the
 * alarm would look every minute, reading every tab's record, for changes that are always
 * announced (a status change, a failure seen or aged out here, a site watched).
 */
const OWED_KEY = 'faultline:incidents:owed';
/** Looks asked for within this delay are one look (a status change refreshes many tabs at once). */
const LOOK_DELAY_MS = 300;

/** The slice of `browser.notifications` used: `create` with an existing id replaces it in place. */
export interface NotificationsPort {
  create(
    id: string,
    options: { type: 'basic'; iconUrl: string; title: string; message: string },
  ): Promise<string>;
  clear(id: string): Promise<boolean>;
}

export interface IncidentDeps {
  readonly area: StorageArea;
  /** The user's sites now (call after every state they read is restored). */
  readonly sites: () => Promise<readonly SiteNow[]>;
  /**
   * The provider fails now, by its status or here: a page using it may start or join an
   * incident without any status changing (a new tab of a site behind a provider already down).
   */
  readonly failing: (providerId: string) => boolean;
  /** Providers whose status cannot be told now (their feed unknown): their incidents go on. */
  readonly held: () => ReadonlySet<string>;
  /** The user's own connection is down. */
  readonly offline: () => boolean;
  /** The "notifications" setting. */
  readonly enabled: () => boolean;
  readonly statusPageOf: (providerId: string) => string | undefined;
  readonly notifications: NotificationsPort;
  readonly iconUrl: string;
  readonly t: Translate;
  readonly log: (message: string, error?: unknown) => void;
  /**
   * An incident started, changed or ended (once it is stored): what shows it may read it again
   * (an open popup's "since" line).
   */
  readonly onChanged: () => void;
  readonly now?: () => number;
}

interface Saved {
  readonly open: Record<string, OpenIncident>;
  readonly notify: NotifyState;
}

export class Incidents {
  readonly ready: Promise<void>;
  private open: Record<string, OpenIncident> = {};
  private notify: NotifyState = EMPTY_NOTIFY_STATE;
  private history: HistoryEntry[] = [];
  private readonly state: BatchedState;
  private looking: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** A look was asked for and has not started (see OWED_KEY). */
  private owed = false;

  constructor(private readonly deps: IncidentDeps) {
    this.state = new BatchedState({
      area: deps.area,
      keys: [OPEN_KEY, HISTORY_KEY, OWED_KEY],
      delayMs: 500,
      restore: (stored) => {
        const saved = stored[OPEN_KEY] as Partial<Saved> | undefined;
        this.open = saved?.open && typeof saved.open === 'object' ? saved.open : {};
        this.notify = parseNotifyState(saved?.notify);
        this.history = parseHistory(stored[HISTORY_KEY]);
        this.owed = stored[OWED_KEY] === true;
      },
      valueOf: (key) => {
        if (key === OPEN_KEY) return { open: this.open, notify: this.notify } satisfies Saved;
        if (key === OWED_KEY) return this.owed ? true : undefined;
        return this.history;
      },
      onError: ({ op, error }) =>
        deps.log(op === 'read' ? 'could not restore incidents' : 'could not save incidents', error),
    });
    this.ready = this.state.ready;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Asks for a look soon (coalesced); stored at once, so that a worker stopped meanwhile owes it. */
  soon(): void {
    if (!this.owed) {
      this.owed = true;
      void this.ready.then(() => this.state.urgent(OWED_KEY));
    }
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.look();
    }, LOOK_DELAY_MS);
  }

  /** Looks at the user's sites now (after any look running); resolves once its notifications are shown. */
  look(): Promise<void> {
    this.looking = this.looking
      .then(() => this.lookNow())
      .catch((error) => this.deps.log('incident look failed', error));
    return this.looking;
  }

  /**
   * The user's pages changed (responses recorded, a new page, a tab closed), with the providers
   * of the pages that changed: a look when an incident goes on (it may end or gain a site) or
   * when one of those providers fails now; nothing otherwise (the common case: a healthy web).
   */
  pagesChanged(providerIds: Iterable<string>): void {
    void this.ready.then(() => {
      if (Object.keys(this.open).length > 0) return this.soon();
      for (const id of providerIds) if (this.deps.failing(id)) return this.soon();
    });
  }

  /**
   * The alarm: a look if one was asked for and has not run (a previous worker's, say), or while
   * an incident goes on (its sites may have closed meanwhile, or the browser restarted).
   */
  async lookIfOwed(): Promise<void> {
    await this.ready;
    if (this.owed || Object.keys(this.open).length > 0) await this.look();
  }

  private async lookNow(): Promise<void> {
    await this.ready;
    // A look asked for from now on is owed again; this one's debt is paid with its next batch
    // (a worker stopped before that looks once more at the next alarm: no harm).
    if (this.owed) {
      this.owed = false;
      this.state.touch(OWED_KEY);
    }
    const { deps } = this;
    const now = this.now();
    const alerts = alertsOf(await deps.sites(), deps.statusPageOf);
    const tr = track(this.open, alerts, { now, held: deps.held(), offline: deps.offline() });
    const decided = decide(this.notify, tr, { enabled: deps.enabled(), now });
    const changed = tr.started.length + tr.changed.length + tr.ended.length > 0 || decided.actions.length > 0;
    this.open = { ...tr.open };
    this.notify = decided.state;
    if (changed) {
      this.history = prune(record(this.history, tr), now);
      this.state.touch(OPEN_KEY, HISTORY_KEY);
    }
    for (const action of decided.actions) {
      try {
        if (action.op === 'show') {
          const text = startText(deps.t, action.incident);
          await deps.notifications.create(action.id, { type: 'basic', iconUrl: deps.iconUrl, ...text });
        } else {
          await deps.notifications.clear(action.replaces);
          const text = endText(deps.t, action.ended.incident, action.ended.at);
          await deps.notifications.create(action.id, { type: 'basic', iconUrl: deps.iconUrl, ...text });
        }
      } catch (error) {
        deps.log('notification not shown', error);
      }
    }
    if (changed) {
      await this.state.flush();
      deps.onChanged();
    }
  }

  /** The history, pruned as of now. */
  async entries(): Promise<readonly HistoryEntry[]> {
    await this.ready;
    return prune(this.history, this.now());
  }

  /** Forgets every ended incident; those going on stay. */
  async clear(): Promise<void> {
    await this.ready;
    this.history = this.history.filter((e) => e.end === undefined);
    this.state.touch(HISTORY_KEY);
    await this.state.flush();
  }

  /**
   * "Clear all data": the incidents going on, what was notified and the history are forgotten,
   * and our notifications still on screen go (the caller clears the storage area afterwards).
   */
  async forget(): Promise<void> {
    await this.looking;
    await this.ready;
    const shown = Object.values(this.notify.shown);
    this.open = {};
    this.notify = EMPTY_NOTIFY_STATE;
    this.history = [];
    this.state.touch(OPEN_KEY, HISTORY_KEY);
    await this.state.flush();
    for (const id of shown) await this.deps.notifications.clear(id).catch(() => false);
    this.deps.onChanged();
  }

  /** Incidents going on, by provider: since when. */
  ongoing(): Readonly<Record<string, OpenIncident>> {
    return this.open;
  }

  /**
   * Where a click on a notification leads: a tab of the incident still open (the first that
   * exists), else the provider's status page. Undefined for a notification that is not ours.
   */
  async target(
    notificationId: string,
    tabExists: (tabId: number) => Promise<boolean>,
  ): Promise<{ tabId: number } | { url: string } | undefined> {
    await this.ready;
    const id = parseNoteId(notificationId);
    if (!id) return undefined;
    const going = this.open[id.providerId];
    const tabIds = going?.since === id.since ? going.tabIds : [];
    for (const tabId of tabIds) if (await tabExists(tabId)) return { tabId };
    const url = going?.statusPage ?? this.deps.statusPageOf(id.providerId);
    return url ? { url } : undefined;
  }
}
