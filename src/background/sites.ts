import { isSiteOff, parseSitesOff, SITES_OFF_KEY, sitesFromChange, switchSite } from '../core/sites.ts';
import type { StorageArea } from './storage.ts';

/**
 * The sites Faultline is off for (src/core/sites.ts), in `storage.local`, kept in memory for
 * the checks every response makes and current through `storage.onChanged` (the options page
 * removes sites too). Unreadable storage reads as no site off.
 */
export class SitesOff {
  readonly ready: Promise<void>;
  private list: string[] = [];

  constructor(private readonly area: StorageArea) {
    this.ready = this.load().then((list) => {
      this.list = list;
    });
  }

  /** Call after `ready`. */
  isOff(host: string | undefined): boolean {
    return isSiteOff(this.list, host);
  }

  /** The sites as stored now. */
  async load(): Promise<string[]> {
    try {
      const got = await this.area.get(SITES_OFF_KEY);
      return parseSitesOff(got[SITES_OFF_KEY]);
    } catch {
      return [];
    }
  }

  /** Switches a site off (or back on) and stores the list; answers it. */
  async set(host: string, off: boolean): Promise<string[]> {
    const next = switchSite(await this.load(), host, off);
    await this.area.set({ [SITES_OFF_KEY]: next });
    this.list = next;
    return next;
  }

  /** `storage.onChanged` of `storage.local`: true when the list changed. */
  follow(changes: Parameters<typeof sitesFromChange>[0]): boolean {
    const next = sitesFromChange(changes);
    if (!next) return false;
    this.list = next;
    return true;
  }
}
