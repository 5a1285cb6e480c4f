import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST_CHROME = fileURLToPath(new URL('../../dist/chrome', import.meta.url));
export const DIST_FIREFOX = fileURLToPath(new URL('../../dist/firefox', import.meta.url));
