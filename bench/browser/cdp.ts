/**
 * A minimal DevTools-protocol client over Chromium's `--remote-debugging-pipe` (file descriptors
 * 3 and 4, messages separated by NUL), with flat sessions. The browser benchmark needs what the
 * e2e drivers hide: an auto-attached service worker paused before its first script (to install
 * the call counters, see counters.ts), the browser's process id for /proc, and plain control of
 * every target. No dependency: the protocol is JSON.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

type Params = Record<string, unknown>;
// biome-ignore lint/suspicious/noExplicitAny: protocol answers are JSON of many shapes.
type Json = any;

interface Message {
  id?: number;
  method?: string;
  params?: Json;
  result?: Json;
  error?: { code: number; message: string };
  sessionId?: string;
}

export type EventHandler = (params: Json, sessionId: string | undefined) => void;

export class Cdp {
  private nextId = 0;
  private readonly pending = new Map<number, { ok: (v: Json) => void; fail: (e: Error) => void }>();
  private readonly handlers = new Map<string, Set<EventHandler>>();
  private buffer = '';
  private closed = false;

  private constructor(
    readonly process: ChildProcess,
    private readonly profile: string,
  ) {
    const input = process.stdio[4] as Readable;
    input.on('data', (chunk: Buffer) => this.receive(chunk.toString('utf8')));
    process.once('exit', () => {
      this.closed = true;
      for (const p of this.pending.values()) p.fail(new Error('browser exited'));
      this.pending.clear();
    });
  }

  static async launch(executable: string, args: readonly string[]): Promise<Cdp> {
    const profile = mkdtempSync(join(tmpdir(), 'faultline-bench-'));
    const child = spawn(
      executable,
      ['--headless', '--remote-debugging-pipe', `--user-data-dir=${profile}`, ...args, 'about:blank'],
      { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
    );
    const cdp = new Cdp(child, profile);
    // The first answer says the pipe is up.
    await cdp.send('Browser.getVersion');
    return cdp;
  }

  get pid(): number {
    return this.process.pid ?? -1;
  }

  private receive(text: string): void {
    this.buffer += text;
    for (let end = this.buffer.indexOf('\0'); end >= 0; end = this.buffer.indexOf('\0')) {
      const message = JSON.parse(this.buffer.slice(0, end)) as Message;
      this.buffer = this.buffer.slice(end + 1);
      if (message.id !== undefined) {
        const p = this.pending.get(message.id);
        this.pending.delete(message.id);
        if (message.error) p?.fail(new Error(`${message.error.message} (${message.error.code})`));
        else p?.ok(message.result);
      } else if (message.method) {
        for (const h of this.handlers.get(message.method) ?? []) h(message.params, message.sessionId);
      }
    }
  }

  send(method: string, params: Params = {}, sessionId?: string): Promise<Json> {
    if (this.closed) return Promise.reject(new Error('browser closed'));
    const id = ++this.nextId;
    const out = this.process.stdio[3] as Writable;
    out.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    return new Promise((ok, fail) => this.pending.set(id, { ok, fail }));
  }

  on(method: string, handler: EventHandler): () => void {
    let set = this.handlers.get(method);
    if (!set) {
      set = new Set();
      this.handlers.set(method, set);
    }
    set.add(handler);
    return () => set.delete(handler);
  }

  /** The first event `method` (of `sessionId`, when given) that `match` accepts. */
  waitFor(
    method: string,
    match: (params: Json) => boolean = () => true,
    timeoutMs = 30_000,
    sessionId?: string,
  ): Promise<Json> {
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => {
        off();
        fail(new Error(`no ${method} within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.on(method, (params, sid) => {
        if (sessionId !== undefined && sid !== sessionId) return;
        if (!match(params)) return;
        clearTimeout(timer);
        off();
        ok(params);
      });
    });
  }

  /**
   * Evaluates an expression in a session and returns its JSON value, awaiting a promise unless
   * told not to (a paused context never settles one).
   */
  async evaluate<T>(sessionId: string, expression: string, awaitPromise = true): Promise<T> {
    const r = await this.send(
      'Runtime.evaluate',
      { expression, awaitPromise, returnByValue: true },
      sessionId,
    );
    if (r.exceptionDetails) {
      throw new Error(`${expression.slice(0, 80)}…: ${r.exceptionDetails.exception?.description ?? 'error'}`);
    }
    return r.result.value as T;
  }

  async close(): Promise<void> {
    if (!this.closed) {
      const exited = new Promise((ok) => this.process.once('exit', ok));
      this.send('Browser.close').catch(() => {});
      await Promise.race([exited, new Promise((ok) => setTimeout(ok, 5_000))]);
      if (!this.closed) this.process.kill('SIGKILL');
    }
    // The browser's last child processes may still be writing into the profile for a moment.
    for (let attempt = 0; ; attempt++) {
      try {
        rmSync(this.profile, { recursive: true, force: true });
        return;
      } catch (error) {
        if (attempt >= 10) {
          console.warn(`[bench] could not remove ${this.profile}: ${error}`);
          return;
        }
        await new Promise((ok) => setTimeout(ok, 300));
      }
    }
  }
}
