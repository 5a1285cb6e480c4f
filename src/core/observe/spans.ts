/** The spans of the observation window (window.ts), in a module with no dependency. */

/** How far back observations are kept. The signal looks at a shorter span (signal.ts). */
export const WINDOW_MS = 15 * 60_000;
/** Observations are aggregated per minute. */
export const BUCKET_MS = 60_000;
