import type { Classifier } from '../core/detect/classify.ts';
import { splitUrl } from '../core/detect/classify.ts';
import type { Detection, HeaderLike } from '../core/detect/types.ts';
import { kindOf } from '../core/page/kinds.ts';
import { addResponse, clip, MAX_HOST_NAME, MAX_URL, newPage } from '../core/page/record.ts';
import type { PageStore } from './store.ts';

/** What the tracker recorded for one response, for the observers that come after it. */
export interface Recorded {
  readonly pageHost: string;
  readonly host: string;
  readonly detections: readonly Detection[];
}

/** The fields of a webRequest response event we use (Chrome and Firefox alike). */
export interface ResponseEvent {
  tabId: number;
  url: string;
  type: string;
  statusCode?: number | undefined;
  ip?: string | undefined;
  responseHeaders?: readonly HeaderLike[] | undefined;
  /** Chrome: `prerender` for requests of a page being prerendered. */
  documentLifecycle?: string | undefined;
  frameId?: number | undefined;
}

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash >= 0 ? url.slice(0, hash) : url;
}

/**
 * Decides which page record a response belongs to and folds it in. No browser API here: the
 * shell passes plain event objects, the store persists.
 */
export class Tracker {
  constructor(
    private readonly store: PageStore,
    private readonly classifier: Classifier,
    private readonly now: () => number = Date.now,
    /** Sites the user switched Faultline off for: their pages get an empty record, nothing more. */
    private readonly siteOff: (host: string) => boolean = () => false,
  ) {}

  /**
   * webRequest.onResponseStarted. Returns what was recorded (the page's host, the response's
   * host and its detections), or undefined for a response that belongs to no page.
   */
  async onResponse(event: ResponseEvent): Promise<Recorded | undefined> {
    // Requests of no tab (the extension's own, other workers) are not a page's.
    if (!(event.tabId >= 0)) return undefined;
    if (!/^(https?|wss?):/i.test(event.url)) return undefined;
    await this.store.load(event.tabId);
    const prerender = event.documentLifecycle === 'prerender';
    const slot = prerender ? 'prerender' : 'page';
    const { host } = splitUrl(event.url);
    const isTopDocument = event.type === 'main_frame';
    const now = this.now();

    let page = prerender ? this.store.getPrerender(event.tabId) : this.store.get(event.tabId);
    if (isTopDocument && this.siteOff(host)) {
      // The tab shows that site now: an empty record (never the previous page's), no response.
      this.store.set(slot, newPage(event.tabId, event.url, host, now), { urgent: true });
      return undefined;
    }
    if (page && !isTopDocument && this.siteOff(page.host)) return undefined;
    if (isTopDocument || !page) {
      // A new top-level navigation starts a fresh record. A subresource with no record yet
      // (tab opened before the worker existed) starts one keyed on nothing better than its tab.
      if (!isTopDocument && !prerender) {
        page = newPage(event.tabId, '', '', now);
      } else {
        page = newPage(event.tabId, event.url, host, now);
      }
      // A page's first response is written at once: a worker killed a moment later must not bring
      // back the tab's previous page.
      this.store.set(slot, page, { urgent: isTopDocument });
    }
    const detections = this.classifier.classify({
      url: event.url,
      headers: event.responseHeaders ?? [],
      ip: event.ip,
    });
    addResponse(
      page,
      {
        url: event.url,
        host,
        kind: kindOf(event.type),
        status: event.statusCode ?? 0,
        ip: event.ip,
        mainDocument: isTopDocument,
      },
      detections,
      now,
    );
    this.store.touchHost(slot, event.tabId, host, { urgent: isTopDocument });
    return { pageHost: page.host, host, detections };
  }

  /**
   * webRequest.onErrorOccurred for a top-level document that never arrived (not a cancelled or
   * blocked one: the caller filters those). The tab now shows an error page for that URL; its
   * record says so instead of showing the previous page.
   */
  async onDocumentError(
    tabId: number,
    url: string,
    error: string,
    documentLifecycle?: string,
  ): Promise<void> {
    if (!(tabId >= 0) || !/^https?:/i.test(url)) return;
    await this.store.load(tabId);
    const page = newPage(tabId, url, splitUrl(url).host, this.now());
    if (!this.siteOff(page.host)) page.documentError = clip(error);
    this.store.set(documentLifecycle === 'prerender' ? 'prerender' : 'page', page, { urgent: true });
  }

  /**
   * webNavigation.onCommitted for a top-level frame. Activates a prerendered page; a page shown
   * without any network response (back/forward cache) gets an empty record rather than the
   * previous page's.
   */
  async onCommitted(tabId: number, url: string, documentLifecycle?: string): Promise<void> {
    if (tabId < 0 || documentLifecycle === 'prerender') return;
    // Chrome's own error page for a failed navigation: the record of the failure stays.
    if (/^chrome-error:/i.test(url)) return;
    await this.store.load(tabId);
    const prerender = this.store.getPrerender(tabId);
    if (prerender && withoutFragment(prerender.url) === withoutFragment(url)) {
      this.store.activatePrerender(tabId);
      return;
    }
    const page = this.store.get(tabId);
    if (page?.url === '' && /^https?:/i.test(url) && this.siteOff(splitUrl(url).host)) {
      // Started from subresources of a site that is off: forget them.
      this.store.set('page', newPage(tabId, url, splitUrl(url).host, this.now()), { urgent: true });
      return;
    }
    if (page?.url === '' && /^https?:/i.test(url)) {
      // Record started from subresources only: now we know its document.
      page.url = clip(url, MAX_URL);
      page.host = clip(splitUrl(url).host, MAX_HOST_NAME);
      this.store.touch('page', tabId);
      return;
    }
    if (page && withoutFragment(page.url) === withoutFragment(url)) return;
    if (/^https?:/i.test(url))
      this.store.set('page', newPage(tabId, url, splitUrl(url).host, this.now()), { urgent: true });
    else this.store.drop(tabId);
  }

  /**
   * tabs.onReplaced: a tab's contents were swapped for another (classic prerender, instant
   * pages). Requests of the incoming contents already carry the new id; if it has its own
   * record that one is right, otherwise the old tab's record follows the tab.
   */
  async onReplaced(addedTabId: number, removedTabId: number): Promise<void> {
    await Promise.all([this.store.load(addedTabId), this.store.load(removedTabId)]);
    if (this.store.get(addedTabId)) this.store.drop(removedTabId);
    else this.store.replace(addedTabId, removedTabId);
  }

  async onRemoved(tabId: number): Promise<void> {
    await this.store.ready;
    this.store.drop(tabId);
  }
}
