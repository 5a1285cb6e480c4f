import browser, { type Permissions } from 'webextension-polyfill';

/**
 * Firefox's own consent for the data the DNS look-ups send. The Firefox manifest declares
 * `browsingActivity` as an *optional* data collection permission (the domain names of visited
 * sites leave the browser, but only once the user agreed), so Firefox asks its own question when
 * the user says yes in Faultline's, and the user can withdraw it in the add-ons manager. Chrome
 * and Edge have no such permission: their manifest declares none, and these functions answer
 * "granted" there. Used by the popup and the options page (where the user answers) and the
 * background (which checks before every look-up).
 */

const DATA_COLLECTION = ['browsingActivity'];

interface GeckoManifest {
  browser_specific_settings?: { gecko?: { data_collection_permissions?: { optional?: string[] } } };
}

/** Whether this build's manifest declares the look-ups as optional data collection (Firefox). */
function declared(): boolean {
  const manifest = browser.runtime.getManifest() as GeckoManifest;
  const optional = manifest.browser_specific_settings?.gecko?.data_collection_permissions?.optional;
  return optional?.includes('browsingActivity') === true;
}

/** The `permissions` argument for the data category (a key the polyfill's types do not know). */
const dataPermission = (): Permissions.Permissions =>
  ({ data_collection: DATA_COLLECTION }) as Permissions.Permissions;

/**
 * Asks the browser for the data category, when it has one. Call it straight from the click, with
 * no await before: Firefox grants only within the user's gesture.
 */
export function requestDataCollection(): Promise<boolean> {
  return declared() ? browser.permissions.request(dataPermission()) : Promise.resolve(true);
}

/** Gives the data category back (the user said no, or turned the look-ups off). */
export async function releaseDataCollection(): Promise<void> {
  if (declared()) await browser.permissions.remove(dataPermission());
}

/** Whether the browser lets the look-ups send what they send (always, where it does not ask). */
export async function dataCollectionGranted(): Promise<boolean> {
  return declared() ? browser.permissions.contains(dataPermission()) : true;
}
