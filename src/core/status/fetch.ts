import { readCapped } from '../body.ts';
import type { Fetcher, FetchResult } from './poller.ts';

/**
 * The status-feed fetcher over an injected `fetch` (the worker's, Node's for `npm run status`;
 * like resilience/lookup.ts's DoH fetcher). Never throws. What it refuses, and why:
 * - a URL whose origin is not one of the request's (its source's, from the catalog: feeds.ts
 *   originsOf): refused before any request is made;
 * - any redirect (`redirect: 'manual'`): a status feed is read at its catalog address or not at
 *   all. A same-host redirect to `/login` or a maintenance page is not the feed, whatever it
 *   says; a cross-host one would be a request to a host nobody chose. Browsers give a manual
 *   redirect as an opaque response (`type: 'opaqueredirect'`, status 0), Node as the 3xx itself;
 *   both read `redirected`, and the target is never requested;
 * - cookies (`credentials: 'omit'`), and bodies over `maxBytes` (declared or read from the
 *   stream); the timeout covers headers and body.
 */

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** 3xx but 304: a redirect, whatever its code (301, 302, 303, 307, 308 and the odd ones). */
function isRedirect(response: Response): boolean {
  return (
    response.type === 'opaqueredirect' ||
    (response.status >= 300 && response.status < 400 && response.status !== 304)
  );
}

/** Where a redirect points, for the reason's detail (only its origin and path; opaque: unknown). */
function targetOf(response: Response, from: string): string {
  const location = response.headers.get('location');
  if (!location) return 'an undisclosed address';
  try {
    const to = new URL(location, from);
    return `${to.origin}${to.pathname}`.slice(0, 200);
  } catch {
    return 'an unreadable address';
  }
}

export function feedFetcher(fetchImpl: FetchLike): Fetcher {
  return async (request): Promise<FetchResult> => {
    const origin = originOf(request.url);
    if (origin === undefined || !request.origins.includes(origin)) {
      return {
        ok: false,
        reason: 'unreachable',
        detail: `refused: ${origin ?? 'an unreadable URL'} is not this source's status host`,
      };
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs);
    try {
      const response = await fetchImpl(request.url, {
        headers: request.headers,
        signal: controller.signal,
        credentials: 'omit',
        cache: 'no-cache',
        redirect: 'manual',
      });
      if (isRedirect(response)) {
        await response.body?.cancel().catch(() => {});
        return {
          ok: false,
          reason: 'redirected',
          detail: `HTTP ${response.status || 'redirect'} to ${targetOf(response, request.url)}, not followed`,
        };
      }
      const meta = {
        etag: response.headers.get('etag') ?? undefined,
        lastModified: response.headers.get('last-modified') ?? undefined,
      };
      if (response.status === 304) return { ok: true, status: 304, ...meta };
      const declared = Number(response.headers.get('content-length') ?? '0');
      if (declared > request.maxBytes) {
        controller.abort();
        return { ok: false, reason: 'too_large', detail: `${declared} bytes declared` };
      }
      const bytes = await readCapped(response, request.maxBytes);
      if (!bytes) return { ok: false, reason: 'too_large', detail: `more than ${request.maxBytes} bytes` };
      return { ok: true, status: response.status, bytes, ...meta };
    } catch (error) {
      if (controller.signal.aborted)
        return { ok: false, reason: 'timed_out', detail: `no answer within ${request.timeoutMs} ms` };
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
      return {
        ok: false,
        reason: 'unreachable',
        detail: `${error instanceof Error ? error.message : String(error)}${cause}`,
      };
    } finally {
      clearTimeout(timer);
    }
  };
}
