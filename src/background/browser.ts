import browser from 'webextension-polyfill';

export type { Runtime, Tabs, WebNavigation, WebRequest } from 'webextension-polyfill';
/** The one import of the browser API; everything under src/background goes through it. */
export { browser };
