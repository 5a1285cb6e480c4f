/**
 * Counting the extension API calls a worker makes, from outside its code: the benchmark pauses
 * each new service worker before its first script (DevTools `Debugger.setInstrumentationBreakpoint`),
 * evaluates `INSTALL_COUNTERS` there, and lets it run. The script wraps the methods of the API
 * namespaces below, on `chrome` and on Chrome's native `browser` (which webextension-polyfill hands
 * out as it is), so every call is counted on its way to the real one. The extension's own code is
 * untouched; both extension arms (Faultline and the null extension) get the same wrappers.
 *
 * Counting a call costs a property increment. Measuring bytes (JSON of what `storage.*.set` is
 * given) costs a `JSON.stringify`, so it is switched on only for the rounds that report bytes
 * (`globalThis.__bench.measureBytes = true`), never for the rounds whose CPU is reported.
 */

/** Namespaces whose every method is counted; `runtime` only for the calls that reach other pages. */
const NAMESPACES = ['storage.session', 'storage.local', 'action', 'tabs', 'alarms', 'webNavigation'];
const RUNTIME_METHODS = ['sendMessage', 'connect'];

export const INSTALL_COUNTERS = `(() => {
  // Not before the extension API is there (a worker restarting in the same DevTools target).
  if (globalThis.__bench || !globalThis.chrome?.storage) return;
  const bench = { calls: {}, bytes: {}, measureBytes: false, raw: {} };
  globalThis.__bench = bench;
  const count = (name, args) => {
    bench.calls[name] = (bench.calls[name] || 0) + 1;
    if (bench.measureBytes && /^storage\\.\\w+\\.set$/.test(name) && args[0] && typeof args[0] === 'object') {
      for (const [k, v] of Object.entries(args[0])) {
        const n = k.length + JSON.stringify(v).length;
        // Per kind of key too: tab:5:h3 → tab, observe:window:<minute>:<part> → observe:window,
        // observe:hosts → observe:hosts, status:… → status.
        const kind = k.startsWith('observe:') ? k.split(':').slice(0, 2).join(':') : k.split(':')[0];
        bench.bytes[name] = (bench.bytes[name] || 0) + n;
        bench.bytes[name + ' ' + kind] = (bench.bytes[name + ' ' + kind] || 0) + n;
      }
    }
  };
  const wrap = (root, path, only) => {
    const obj = path.split('.').reduce((o, k) => (o == null ? o : o[k]), root);
    if (!obj) return;
    for (const key of Object.keys(obj)) {
      const f = obj[key];
      if (typeof f !== 'function' || f.__benchCounted || (only && !only.includes(key))) continue;
      const name = path + '.' + key;
      const counted = function (...args) {
        count(name, args);
        return f.apply(this, args);
      };
      counted.__benchCounted = true;
      obj[key] = counted;
      // The benchmark's own reads go around the counters.
      bench.raw[name] ??= f.bind(obj);
    }
  };
  for (const root of new Set([globalThis.chrome, globalThis.browser].filter(Boolean))) {
    for (const ns of ${JSON.stringify(NAMESPACES)}) wrap(root, ns);
    wrap(root, 'runtime', ${JSON.stringify(RUNTIME_METHODS)});
  }
})()`;

/** Calls `name` (e.g. `storage.session.get`) without counting it: the benchmark's own reads. */
export const raw = (name: string, args: string): string =>
  `((name) => {
    const counted = globalThis.__bench?.raw[name];
    if (counted) return counted;
    const path = name.split('.');
    const method = path.pop();
    const obj = path.reduce((o, k) => o[k], chrome);
    return obj[method].bind(obj);
  })(${JSON.stringify(name)})(${args})`;

/** Reads the counters since the last take, and zeroes them. */
export const TAKE_COUNTERS = `(() => {
  const b = globalThis.__bench;
  if (!b) return { calls: {}, bytes: {} };
  const out = { calls: b.calls, bytes: b.bytes };
  b.calls = {};
  b.bytes = {};
  return out;
})()`;

export interface Counters {
  /** Per API (`action.setBadgeText`, `storage.session.set`…): calls. */
  calls: Record<string, number>;
  /**
   * Per `storage.<area>.set`: JSON characters handed over (keys + values); per kind of key under
   * `storage.<area>.set <kind>`.
   */
  bytes: Record<string, number>;
}

export const setMeasureBytes = (on: boolean): string =>
  `(() => { if (globalThis.__bench) globalThis.__bench.measureBytes = ${on}; return true; })()`;

export function total(calls: Record<string, number>, match: (name: string) => boolean): number {
  let n = 0;
  for (const [name, c] of Object.entries(calls)) if (match(name)) n += c;
  return n;
}
