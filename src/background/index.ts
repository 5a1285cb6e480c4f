import { STATUS_SOURCES } from '../core/catalog/index.ts';
import { type Classifier, defaultClassifier } from '../core/detect/index.ts';
import { mayAlert } from '../core/notify/alerts.ts';
import { documentFailed } from '../core/observe/index.ts';
import { providersOfPages } from '../core/page/providers.ts';
import { newPage } from '../core/page/record.ts';
import { reportedPage } from '../core/page-state.ts';
import { dohFetcher } from '../core/resilience/lookup.ts';
import { DEFAULT_SETTINGS, homeCountryOf } from '../core/settings.ts';
import { dispatch, type Notification, tabOfPagePort } from '../messages.ts';
import { dataCollectionGranted } from '../shell/data-collection.ts';
import { badgeSetter } from './badge.ts';
import { browser, type Runtime, type WebRequest } from './browser.ts';
import { DnsLookups } from './dns.ts';
import { FirstMinuteTracker } from './first-minute.ts';
import { messageHandlers } from './handlers.ts';
import { historyHandlers } from './history.ts';
import { Incidents } from './incidents.ts';
import { openTarget, userSites } from './notifications.ts';
import { type ErrorEvent, type ObservedResponse, Observer } from './observed.ts';
import { Resilience } from './resilience.ts';
import { SettingsStore } from './settings.ts';
import { SitesOff } from './sites.ts';
import { StatusService } from './status.ts';
import type { StorageArea } from './storage.ts';
import { PageStore } from './store.ts';
import { type ResponseEvent, Tracker } from './tracker.ts';
import { WatchList } from './watch.ts';

/*
 * The composition root: the browser's storage areas and APIs handed to the managers once, the
 * message handlers, and every listener registered synchronously at top level so that an event
 * which wakes a dead worker is delivered. Every manager awaits its restored state first.
 */

function log(message: string, error?: unknown): void {
  console.warn(`[faultline] ${message}`, error ?? '');
}

const t = (key: string, subs?: readonly string[]): string => browser.i18n.getMessage(key, subs && [...subs]);

/** The storage areas, adapted to the port once. */
const session: StorageArea = browser.storage.session;
const local: StorageArea = browser.storage.local;

const POLL_ALARM = 'faultline-status-poll';

/**
 * The classifier, compiled on its first use: a worker woken by the status alarm or a popup
 * classifies nothing, and compiling the catalog and the IP ranges is most of a wake's cost.
 */
const classifier: Classifier = {
  get providers() {
    return defaultClassifier().providers;
  },
  classify: (input) => defaultClassifier().classify(input),
};

const store = new PageStore(session, onFlushed, log);
const sites = new SitesOff(local);
const tracker = new Tracker(store, classifier, Date.now, (host) => sites.isOff(host));
/** The tab's record, unless its site is switched off: then nothing is shown or looked up. */
const recordOf = (tabId: number) => {
  const record = store.get(tabId);
  return record && sites.isOff(record.host) ? undefined : record;
};
const statuses = new StatusService(STATUS_SOURCES, onStatusChanged, log, local);
const observer = new Observer(session, {
  classifier,
  // From the store's index: the observer never needs the records themselves.
  pageOf: (tabId, prerender) => store.ref(tabId, prerender),
  // A provider started or stopped failing here (or the connection did): same as a status change.
  onChanged: onStatusChanged,
  log,
});
const settings = new SettingsStore(local);
const resilience = new Resilience({
  page: async (tabId) => {
    await Promise.all([store.load(tabId), sites.ready]);
    return reportedPage(recordOf(tabId));
  },
  dns: new DnsLookups({
    local,
    fetcher: dohFetcher((url, init) => fetch(url, init)),
    log,
    browserAllows: dataCollectionGranted,
  }),
  t,
  home: async () => homeCountryOf(await settings.load(), browser.i18n.getUILanguage()),
});

const badges = badgeSetter({
  ready: (tabId) =>
    Promise.all([store.load(tabId), statuses.ready, observer.ready, settings.ready, sites.ready]),
  record: recordOf,
  statusOf: (id) => statuses.get(id),
  statusVersion: () => statuses.version,
  signal: () => observer.signal(),
  observed: (tabId, startedAt, ids) => observer.forPage(tabId, startedAt, ids),
  showCount: () => settings.current().badgeCount,
  t,
  action: browser.action,
});
const applyBadge = (tabId: number): Promise<void> => badges.apply(tabId);

// Issue 14: watched sites, the incidents of the user's sites (notifications, history).
const watch = new WatchList(local, log);
const incidents = new Incidents({
  area: local,
  sites: userSites({ store, statuses, observer, watch }),
  failing: (id) => mayAlert(statuses.get(id), observer.signal().perProvider[id]),
  held: () => new Set(Object.keys(incidents.ongoing()).filter((id) => statuses.get(id)?.level === 'unknown')),
  offline: () => observer.signal().local === 'connection_problem',
  enabled: () => settings.current().notifications,
  statusPageOf: (id) => STATUS_SOURCES[id]?.url,
  notifications: browser.notifications,
  iconUrl: browser.runtime.getURL('icons/icon-128.png'),
  t,
  log,
  // Open popups read their "since" line again.
  onChanged: () => notify(undefined),
});

// Pages loaded before the listeners took effect (install, update, browser start).
const firstMinute = new FirstMinuteTracker({
  session,
  recordOf: (tabId) => store.load(tabId).then(() => store.get(tabId)),
  tabs: () => browser.tabs.query({}),
  tab: (tabId) => browser.tabs.get(tabId),
  log,
});

/**
 * "Clear all data" (options page): every tab's record and observation, the statuses, the DNS
 * answers, the sites switched off and the settings go, from memory first (so no pending write
 * brings them back), then from both storage areas.
 */
async function clearAll() {
  await Promise.all([store.loadAll(), sites.ready]);
  for (const tabId of store.tabIds()) store.drop(tabId);
  await store.flush();
  await Promise.all([observer.forget(), statuses.forget(), incidents.forget(), watch.forget()]);
  await Promise.all([browser.storage.session.clear(), browser.storage.local.clear()]);
  onStatusChanged();
  return { ...DEFAULT_SETTINGS };
}

/**
 * Sites switched off (or back on): the open tabs of a site now off get an empty record (what
 * was recorded goes), a watched site now off is no longer watched, then every badge and popup is
 * brought up to date.
 */
async function followSites(): Promise<void> {
  await Promise.all([store.loadAll(), watch.ready]);
  for (const w of watch.list()) if (sites.isOff(w.host)) await watch.remove(w.host);
  for (const tabId of store.tabIds()) {
    const record = store.get(tabId);
    if (record && sites.isOff(record.host) && record.requests > 0) {
      store.set('page', newPage(tabId, record.url, record.host, Date.now()), { urgent: true });
      await observer.dropTab(tabId);
    }
  }
  onStatusChanged();
}

const handlers = firstMinute.answering({
  ...messageHandlers({
    store,
    statuses,
    observer,
    resilience,
    settings,
    sites,
    clearAll,
    tab: (tabId) => browser.tabs.get(tabId),
  }),
  ...historyHandlers({
    incidents,
    watch,
    page: async (tabId) => {
      await store.load(tabId);
      return reportedPage(store.get(tabId));
    },
    dnsProviders: async (tabId) => {
      const state = await resilience.state(tabId);
      if (state.kind !== 'resilience') return [];
      return Object.values(state.report.dns ?? {}).flatMap((d) =>
        'providers' in d ? d.providers.flatMap((p) => (p.id ? [p.id] : [])) : [],
      );
    },
    statusOf: (id) => statuses.get(id),
    seen: (ids) => void statuses.seen(ids).catch((error) => log('status polling not started', error)),
  }),
});

/**
 * While a page loads, its badge is set at most this often: the count climbs with every batch of
 * responses, and each step costs two API calls (text and title). A page that loads faster shows
 * its full count at once, this long after the navigation.
 */
const BADGE_INTERVAL_MS = 500;

/** Badges due, by tab. */
const badgesDue = new Map<number, ReturnType<typeof setTimeout>>();

/** Sets the tab's badge within BADGE_INTERVAL_MS (one call for every change meanwhile). */
function badgeSoon(tabId: number): void {
  if (badgesDue.has(tabId)) return;
  badgesDue.set(
    tabId,
    setTimeout(() => {
      badgesDue.delete(tabId);
      void applyBadge(tabId);
    }, BADGE_INTERVAL_MS),
  );
}

/** Sets the tab's badge now (what was due goes with it). */
function badgeNow(tabId: number): Promise<void> {
  const due = badgesDue.get(tabId);
  if (due !== undefined) {
    clearTimeout(due);
    badgesDue.delete(tabId);
  }
  return applyBadge(tabId);
}

/**
 * Chrome cleared the tab's badge (it navigated to another document): set it again once the
 * page's first responses are in, rather than at once and again a moment later.
 */
function badgeAfterNavigation(tabId: number): void {
  badges.cleared(tabId);
  badgeSoon(tabId);
}

/** Open popups, by the tab they show: the only receivers of "page changed". */
const popups = new Map<Runtime.Port, number>();

browser.runtime.onConnect.addListener((port) => {
  const tabId = tabOfPagePort(port.name);
  if (tabId === undefined) return;
  popups.set(port, tabId);
  port.onDisconnect.addListener(() => popups.delete(port));
});

/** Tells the open popups of these tabs (all open popups: `undefined`) that their page changed. */
function notify(tabIds: Iterable<number> | undefined): void {
  if (popups.size === 0) return;
  const wanted = tabIds === undefined ? undefined : new Set(tabIds);
  for (const [port, tabId] of popups) {
    if (wanted && !wanted.has(tabId)) continue;
    const note: Notification = { type: 'pageChanged', tabId };
    try {
      port.postMessage(note);
    } catch {
      // The popup closed meanwhile.
      popups.delete(port);
    }
  }
}

function onFlushed(tabIds: number[]): void {
  for (const tabId of tabIds) badgeSoon(tabId);
  notify(tabIds);
  const seen = providersOfPages(tabIds.map((tabId) => store.get(tabId)));
  if (seen.size > 0) statuses.seen(seen).catch((error) => log('status polling not started', error));
  // A page behind a provider already failing joins its incident (no status changes for it).
  void Promise.all([statuses.ready, observer.ready]).then(() => incidents.pagesChanged(seen));
}

/**
 * A provider's status changed (or what this browser observes of it): every tab may show it, so
 * every tab's badge is computed again (their records read if need be) and open popups are told.
 */
function onStatusChanged(): void {
  notify(undefined);
  void store
    .loadAll()
    .then(() => {
      for (const tabId of store.tabIds()) void badgeNow(tabId);
    })
    .catch((error) => log('badges not updated', error));
  incidents.soon();
}

/** Every open tab's providers (reads every record: the status alarm asks only now and then). */
async function openTabProviders(): Promise<Set<string>> {
  await store.loadAll();
  return providersOfPages(store.tabIds().map((tabId) => store.get(tabId)));
}

const FILTER: WebRequest.RequestFilter = { urls: ['<all_urls>'] };

browser.webRequest.onResponseStarted.addListener(
  (details) => {
    void firstMinute.heard();
    sites.ready
      .then(() => tracker.onResponse(details as ResponseEvent))
      .then((recorded) => (recorded ? observer.onResponse(details as ObservedResponse, recorded) : undefined))
      .catch((error) => log('response not recorded', error));
  },
  FILTER,
  ['responseHeaders'],
);

// Requests that got no answer at all (refused, reset, timed out, DNS, TLS): observed failures.
browser.webRequest.onErrorOccurred.addListener((details) => {
  void firstMinute.heard();
  const event = details as ErrorEvent;
  // A main document that never arrived gets its own record first, then the observer files the
  // error on it.
  const failed = documentFailed(event, observer.wasAnswered(event.requestId));
  void sites.ready
    .then(() =>
      failed
        ? tracker.onDocumentError(event.tabId, event.url, event.error, event.documentLifecycle)
        : store.load(event.tabId),
    )
    // A site switched off records no error either.
    .then(() => (recordOf(event.tabId) || !store.get(event.tabId) ? observer.onError(event) : undefined))
    .then(() => (failed ? badgeNow(event.tabId) : undefined))
    .catch((error) => log('request error not recorded', error));
}, FILTER);

browser.webNavigation.onCommitted.addListener((details) => {
  if (details.frameId !== 0) return;
  const lifecycle = (details as { documentLifecycle?: string }).documentLifecycle;
  // Chrome clears a tab's badge when a navigation to another document commits (an error page's
  // too): set it again.
  if (lifecycle !== 'prerender') badgeAfterNavigation(details.tabId);
  sites.ready
    .then(() => tracker.onCommitted(details.tabId, details.url, lifecycle))
    .catch((error) => log('navigation not recorded', error));
});

browser.tabs.onUpdated.addListener((tabId, changeInfo) => {
  // Loaded: what the badge still owes goes now.
  if (changeInfo.status === 'complete') void badgeNow(tabId);
});

browser.tabs.onReplaced.addListener((added, removed) => {
  firstMinute.forget(removed);
  tracker
    .onReplaced(added, removed)
    .then(() => observer.replaceTab(added, removed))
    .then(() => {
      badges.forget(removed);
      badges.forget(added);
      return badgeNow(added);
    })
    .catch((error) => log('tab replacement not recorded', error));
});

// storage.local's own event, not storage.onChanged: that one would also hand this worker a copy
// of every storage.session write it makes itself.
browser.storage.local.onChanged.addListener((changes) => {
  if (settings.follow(changes)) onStatusChanged();
  if (sites.follow(changes)) followSites().catch((error) => log('sites not applied', error));
});

browser.tabs.onRemoved.addListener((tabId) => {
  clearTimeout(badgesDue.get(tabId));
  badgesDue.delete(tabId);
  firstMinute.forget(tabId);
  badges.forget(tabId);
  tracker
    .onRemoved(tabId)
    .then(() => observer.dropTab(tabId))
    // An incident this tab was part of may end.
    .then(() => incidents.pagesChanged([]))
    .catch((error) => log('tab removal not recorded', error));
});

browser.runtime.onMessage.addListener((message: unknown) => dispatch(handlers, message));

// Status polling runs on alarms (a timer would die with the worker). Created once; an existing
// alarm keeps its schedule across worker restarts.
void browser.alarms
  .get(POLL_ALARM)
  .then((existing) => {
    if (!existing) return browser.alarms.create(POLL_ALARM, { periodInMinutes: 1 });
  })
  .catch((error) => log('could not schedule status polling', error));

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name !== POLL_ALARM) return;
  // Failures leave the observation window with no event at all: look again now and then.
  void observer.ready.then(() => observer.check());
  // Watched sites' providers are polled as if a tab showed them.
  statuses
    .tick(async () => {
      await watch.ready;
      return new Set([...(await openTabProviders()), ...watch.providers()]);
    })
    // Every change a look follows asks for it (onStatusChanged); a look a stopped worker owed runs now.
    .then(() => incidents.lookIfOwed())
    .catch((error) => log('status poll failed', error));
});

browser.notifications.onClicked.addListener((id) => {
  void incidents
    .target(id, (tabId) =>
      browser.tabs.get(tabId).then(
        () => true,
        () => false,
      ),
    )
    .then((target) => openTarget(browser, target))
    .then(() => browser.notifications.clear(id))
    .catch((error) => log('notification click not handled', error));
});

// Records of tabs that closed while the browser was not running this worker are dropped.
void store.ready.then(async () => {
  try {
    const open = new Set((await browser.tabs.query({})).map((tab) => tab.id));
    for (const tabId of store.tabIds()) if (!open.has(tabId)) store.drop(tabId);
  } catch (error) {
    log('could not list tabs', error);
  }
});
