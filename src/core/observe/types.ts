/**
 * Observed failures: what this browser itself saw go wrong, as plain JSON-safe data. The shell
 * (webRequest listeners) turns browser events into `Observation`s; everything under `observe/`
 * is pure.
 */

import type { Blame } from '../catalog/types.ts';

/** Network failures, normalised from Chrome's `net::ERR_*` and Firefox's `NS_*` strings. */
export type ErrorKind =
  | 'refused'
  | 'reset'
  | 'timeout'
  | 'dns'
  | 'tls'
  | 'offline'
  | 'aborted'
  | 'blocked'
  | 'other';

/** Why one request failed. */
export type Failure =
  | {
      readonly kind: 'http';
      /** HTTP status code (5xx). */
      readonly status: number;
      /** Blame from the explanation table; `unclear` when no row is more specific. */
      readonly blame: Blame;
      /**
       * Provider id the matching explanation row was about (its error page, its header). Absent
       * for generic rows.
       */
      readonly by?: string | undefined;
    }
  | {
      readonly kind: 'network';
      /** Never `aborted` or `blocked`: those are not failures and are not recorded. */
      readonly error: ErrorKind;
    };

/** One request's outcome, as the shell hands it to `record`. */
export interface Observation {
  /** Epoch ms; `record` uses its `now` when absent. */
  readonly time?: number | undefined;
  /** Host of the top-level page the request belongs to ('' when unknown). */
  readonly pageHost: string;
  /** Host the request went to. */
  readonly host: string;
  /** Providers on the path of this request, edge first (see `orderProviders`). */
  readonly providerIds: readonly string[];
  /** Absent: the request got a usable answer. */
  readonly failure?: Failure | undefined;
  /**
   * The request is a tab's top-level document: a new visit to its site starts here, and what the
   * site answered before belongs to the earlier one.
   */
  readonly document?: boolean | undefined;
}
