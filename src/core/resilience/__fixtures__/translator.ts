/** Test helpers: page views built with the real record/view code, and the merged locales' `t`. */

export { translator } from '../../../../scripts/lib/locales-fragments.ts';
export { buildView, type Served } from '../../page/__fixtures__/pages.ts';
