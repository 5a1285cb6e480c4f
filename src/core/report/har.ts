import { type Classifier, defaultClassifier, splitUrl } from '../detect/index.ts';
import type { HeaderLike, ResourceKind } from '../detect/types.ts';
import { kindOf } from '../page/kinds.ts';
import { addResponse, newPage, type PageRecord } from '../page/record.ts';

/**
 * Reads a HAR 1.2 file as saved by Chrome or Firefox devtools, or written by a tool (WebPageTest,
 * sitespeed.io / Browsertime, Playwright…), and folds its entries into a page record with the same
 * pure core the extension uses (classifier → `addResponse`). Pure: text in, record out; never
 * throws on hostile input.
 *
 * What tools write differently:
 * - the server IP: `serverIPAddress` (HAR 1.2, devtools, Browsertime), `_ip_addr` (WebPageTest),
 *   `response._remoteAddress` (capture-har);
 * - the resource type: Chrome's `_resourceType`, else the request's `Sec-Fetch-Dest`, else the
 *   MIME type. Only the page's first document (after the redirects that lead to it) is the main
 *   document; every later HTML response is a frame, whatever the HAR calls it;
 * - a response with no server IP came from a cache or a service worker only when the HAR says so
 *   (`_fromCache`, `_fetchedViaServiceWorker`, a filled `cache` object); otherwise the tool just
 *   did not record one.
 */

/** The tab id of a page record read from a file (no browser tab). */
export const HAR_TAB_ID = -1;

export interface HarSummary {
  /**
   * `log.creator` name and version, e.g. `WebInspector 537.36` (Chrome), `Firefox 128.0`, followed
   * by `log.browser` when the file names both (`Playwright 1.65.1 (chromium 156.0)`).
   */
  readonly creator?: string;
  /** Entries in the file. */
  readonly entries: number;
  /** Entries folded into the page record. */
  readonly counted: number;
  /** Entries with no response (blocked or failed requests: status 0, no headers). */
  readonly failed: number;
  /** Entries that belong to a later page of a multi-page HAR. */
  readonly otherPages: number;
  /** Entries without a usable request URL. */
  readonly malformed: number;
  /** Counted responses the HAR says came from a cache or a service worker (no server IP). */
  readonly fromCache: number;
  /** Counted responses with no server IP that the HAR does not say came from a cache. */
  readonly ipNotRecorded: number;
}

export type HarFold =
  | { readonly ok: true; readonly page: PageRecord; readonly summary: HarSummary }
  | { readonly ok: false; readonly reason: string };

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/** Parses HAR text. Distinguishes "not JSON" from "truncated" (the usual failed save). */
export function parseHarText(text: string): { ok: true; har: unknown } | { ok: false; reason: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty file' };
  try {
    return { ok: true, har: JSON.parse(trimmed) };
  } catch (e) {
    const first = trimmed.charCodeAt(0);
    const last = trimmed.charCodeAt(trimmed.length - 1);
    // An object or array that does not close: the file was cut off.
    if ((first === 123 && last !== 125) || (first === 91 && last !== 93)) {
      return { ok: false, reason: `truncated HAR: the JSON stops after ${trimmed.length} characters` };
    }
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    return { ok: false, reason: `not valid JSON (${message})` };
  }
}

function headerList(v: unknown): HeaderLike[] {
  if (!Array.isArray(v)) return [];
  const out: HeaderLike[] = [];
  for (const h of v) {
    if (isObject(h) && typeof h.name === 'string') {
      out.push({ name: h.name, value: typeof h.value === 'string' ? h.value : '' });
    }
  }
  return out;
}

function headerValue(headers: readonly HeaderLike[], name: string): string | undefined {
  for (const h of headers) if (h.name.toLowerCase() === name) return h.value;
  return undefined;
}

/** `Sec-Fetch-Dest` request header → kind. */
const DEST_KINDS: Readonly<Record<string, ResourceKind>> = {
  document: 'document',
  iframe: 'subframe',
  frame: 'subframe',
  fencedframe: 'subframe',
  script: 'script',
  worker: 'script',
  sharedworker: 'script',
  serviceworker: 'script',
  audioworklet: 'script',
  paintworklet: 'script',
  style: 'stylesheet',
  image: 'image',
  font: 'font',
  audio: 'media',
  video: 'media',
  track: 'media',
  empty: 'xhr',
};

/** Response MIME type → kind, for HARs without `_resourceType` or `Sec-Fetch-Dest` (Firefox). */
export function kindOfMime(mimeType: string | undefined): ResourceKind {
  if (!mimeType) return 'other';
  const mime = (mimeType.split(';')[0] ?? '').trim().toLowerCase();
  if (mime === 'text/html' || mime === 'application/xhtml+xml') return 'document';
  if (mime === 'text/css') return 'stylesheet';
  if (mime.includes('javascript') || mime.includes('ecmascript')) return 'script';
  if (mime.startsWith('image/')) return 'image';
  if (
    mime.startsWith('font/') ||
    mime.startsWith('application/font-') ||
    mime.startsWith('application/x-font-') ||
    mime === 'application/vnd.ms-fontobject'
  ) {
    return 'font';
  }
  if (
    mime.startsWith('audio/') ||
    mime.startsWith('video/') ||
    mime.includes('mpegurl') ||
    mime === 'application/dash+xml'
  ) {
    return 'media';
  }
  if (
    mime === 'application/json' ||
    mime.endsWith('+json') ||
    mime === 'text/plain' ||
    mime === 'application/xml' ||
    mime === 'text/xml' ||
    mime === 'text/event-stream'
  ) {
    return 'xhr';
  }
  return 'other';
}

/**
 * The kind of one HAR entry: Chrome's `_resourceType` (through the extension's own `kindOf`),
 * else the request's `Sec-Fetch-Dest`, else the response MIME type.
 */
export function kindOfEntry(
  resourceType: string | undefined,
  requestHeaders: readonly HeaderLike[],
  mimeType: string | undefined,
): ResourceKind {
  const dest = headerValue(requestHeaders, 'sec-fetch-dest')?.trim().toLowerCase();
  if (resourceType) {
    const kind = kindOf(resourceType);
    // Chrome calls iframe documents "document" too.
    if (kind === 'document' && dest !== undefined && DEST_KINDS[dest] === 'subframe') return 'subframe';
    return kind;
  }
  if (dest && DEST_KINDS[dest]) return DEST_KINDS[dest];
  return kindOfMime(mimeType);
}

/** Where tools write the server IP: HAR 1.2's own field, WebPageTest's, capture-har's. */
const IP_FIELDS = ['serverIPAddress', '_ip_addr'] as const;

/** The server IP of an entry, from the first field that holds one. */
export function entryIp(entry: Json): string | undefined {
  for (const field of IP_FIELDS) {
    const ip = normaliseIp(entry[field]);
    if (ip) return ip;
  }
  const response = isObject(entry.response) ? entry.response : {};
  return normaliseIp(response._remoteAddress);
}

/**
 * The HAR says the response came from the browser's cache or a service worker: Chrome's
 * `_fromCache` (`memory`/`disk`, on the entry) and `_fetchedViaServiceWorker` (on the response),
 * or a filled HAR `cache` object (`beforeRequest` / `afterRequest`).
 */
export function saysCached(entry: Json): boolean {
  if (entry._fromCache === true || (typeof entry._fromCache === 'string' && entry._fromCache !== ''))
    return true;
  const response = isObject(entry.response) ? entry.response : {};
  if (entry._fetchedViaServiceWorker === true || response._fetchedViaServiceWorker === true) return true;
  const cache = entry.cache;
  return isObject(cache) && (isObject(cache.beforeRequest) || isObject(cache.afterRequest));
}

/** HAR `serverIPAddress`: may be empty or a bracketed IPv6 (Chrome). */
export function normaliseIp(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  let ip = v.trim();
  if (ip.startsWith('[')) {
    const close = ip.indexOf(']');
    ip = close > 0 ? ip.slice(1, close) : ip.slice(1);
  }
  return ip === '' ? undefined : ip;
}

interface Entry {
  readonly url: string;
  readonly host: string;
  readonly kind: ResourceKind;
  readonly status: number;
  readonly headers: HeaderLike[];
  readonly ip: string | undefined;
  readonly cached: boolean;
  readonly time: number;
}

/**
 * Folds a parsed HAR into a page record. Only the first page of a multi-page HAR is read. The main
 * document is the first document response that is not a redirect (else the first document); the
 * documents before it are its redirects, the ones after it frames.
 */
export function foldHar(har: unknown, classifier: Classifier = defaultClassifier()): HarFold {
  if (!isObject(har) || !isObject(har.log)) return { ok: false, reason: 'not a HAR file: no "log" object' };
  const log = har.log;
  if (!Array.isArray(log.entries)) return { ok: false, reason: 'not a HAR file: no "log.entries" list' };
  const nameAndVersion = (v: unknown): string | undefined =>
    isObject(v) ? [str(v.name), str(v.version)].filter(Boolean).join(' ') || undefined : undefined;
  // `log.browser` (optional in HAR 1.2) names the browser when a tool wrote the file (Playwright).
  const tool = nameAndVersion(log.creator);
  const browser = nameAndVersion(log.browser);
  const creator = tool && browser && browser !== tool ? `${tool} (${browser})` : (tool ?? browser);

  const firstPage = Array.isArray(log.pages) && isObject(log.pages[0]) ? log.pages[0] : undefined;
  const firstPageId = firstPage ? str(firstPage.id) : undefined;

  const entries: Entry[] = [];
  let failed = 0;
  let otherPages = 0;
  let malformed = 0;
  for (const raw of log.entries as unknown[]) {
    if (!isObject(raw) || !isObject(raw.request) || typeof raw.request.url !== 'string') {
      malformed++;
      continue;
    }
    const pageref = str(raw.pageref);
    if (firstPageId !== undefined && pageref !== undefined && pageref !== firstPageId) {
      otherPages++;
      continue;
    }
    const url = raw.request.url;
    const { host } = splitUrl(url);
    if (!host) {
      malformed++; // data:, blob:, about: … are not served by anyone
      continue;
    }
    const response = isObject(raw.response) ? raw.response : {};
    const status =
      typeof response.status === 'number' && Number.isFinite(response.status) ? response.status : 0;
    const headers = headerList(response.headers);
    if (status <= 0 && headers.length === 0) {
      failed++;
      continue;
    }
    const content = isObject(response.content) ? response.content : {};
    const kind = kindOfEntry(str(raw._resourceType), headerList(raw.request.headers), str(content.mimeType));
    const time = Date.parse(str(raw.startedDateTime) ?? '');
    const ip = entryIp(raw);
    entries.push({
      url,
      host,
      kind,
      status,
      headers,
      ip,
      cached: !ip && saysCached(raw),
      time: Number.isFinite(time) ? time : 0,
    });
  }

  const documents = entries.filter((e) => e.kind === 'document');
  const main = documents.find((e) => e.status < 300 || e.status >= 400) ?? documents[0];
  const mainAt = main ? entries.indexOf(main) : -1;
  const pageUrl = main?.url ?? str(firstPage?.title) ?? entries[0]?.url ?? '';
  const pageHost = main?.host ?? splitUrl(pageUrl).host;
  const startedAt = main?.time ?? entries[0]?.time ?? 0;

  const page = newPage(HAR_TAB_ID, pageUrl, pageHost, startedAt);
  let fromCache = 0;
  let ipNotRecorded = 0;
  entries.forEach((e, k) => {
    const detections = classifier.classify({ url: e.url, headers: e.headers, ip: e.ip });
    // A document after the main one is a frame (an ad, a widget), not the page.
    const kind: ResourceKind = e.kind === 'document' && k > mainAt ? 'subframe' : e.kind;
    if (!e.ip && e.cached) fromCache++;
    if (!e.ip && !e.cached) ipNotRecorded++;
    addResponse(
      page,
      {
        url: e.url,
        host: e.host,
        kind,
        status: e.status,
        ip: e.ip,
        mainDocument: e === main,
        ...(!e.ip && !e.cached ? { ipNotRecorded: true } : {}),
      },
      detections,
      Math.max(e.time, page.updatedAt),
    );
  });

  const summary: HarSummary = {
    ...(creator ? { creator } : {}),
    entries: log.entries.length,
    counted: entries.length,
    failed,
    otherPages,
    malformed,
    fromCache,
    ipNotRecorded,
  };
  return { ok: true, page, summary };
}
