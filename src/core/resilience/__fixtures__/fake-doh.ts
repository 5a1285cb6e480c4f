import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FetchLike } from '../lookup.ts';

/**
 * Test helper: a fake `fetch` standing in for the two DoH resolvers. Each request is answered
 * from a table keyed `<resolver> <name> <type>` (or `<resolver> *` for any question); every
 * request is recorded. Nothing here touches the network.
 */

export type FakeAnswer =
  /** The connection fails (fetch rejects). */
  | 'network'
  /** No answer until the caller's timeout aborts the request. */
  | 'hang'
  /** HTTP 200 with this DoH JSON body. */
  | { readonly body: string; readonly status?: number; readonly headers?: Readonly<Record<string, string>> };

export interface FakeCall {
  readonly resolver: 'cloudflare' | 'google' | 'other';
  readonly name: string;
  readonly type: string;
  readonly accept: string | null;
  readonly credentials: RequestCredentials | undefined;
}

export const dohFixture = (name: string): string => readFileSync(join(import.meta.dirname, name), 'utf8');

/** A DoH JSON answer with these NS records. */
export function nsAnswer(domain: string, nameservers: readonly string[]): string {
  return JSON.stringify({
    Status: 0,
    TC: false,
    Question: [{ name: `${domain}.`, type: 2 }],
    Answer: nameservers.map((ns) => ({ name: `${domain}.`, type: 2, TTL: 3600, data: `${ns}.` })),
  });
}

export const NXDOMAIN = JSON.stringify({ Status: 3, TC: false, Question: [{ name: 'x.', type: 2 }] });

export function fakeDoh(table: Readonly<Record<string, FakeAnswer>>): {
  fetch: FetchLike;
  calls: FakeCall[];
} {
  const calls: FakeCall[] = [];
  const fetch: FetchLike = async (url, init) => {
    const u = new URL(url);
    const resolver =
      u.host === 'cloudflare-dns.com' ? 'cloudflare' : u.host === 'dns.google' ? 'google' : 'other';
    const name = u.searchParams.get('name') ?? '';
    const type = u.searchParams.get('type') ?? '';
    const headers = new Headers(init.headers);
    calls.push({ resolver, name, type, accept: headers.get('accept'), credentials: init.credentials });
    const answer = table[`${resolver} ${name} ${type}`] ?? table[`${resolver} *`] ?? 'network';
    if (answer === 'network') throw new TypeError('fetch failed');
    if (answer === 'hang') {
      return new Promise<Response>((_, reject) => {
        const signal = init.signal;
        if (signal?.aborted) reject(new DOMException('aborted', 'AbortError'));
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }
    return new Response(answer.body, { status: answer.status ?? 200, headers: { ...answer.headers } });
  };
  return { fetch, calls };
}
