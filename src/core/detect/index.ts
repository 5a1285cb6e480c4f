import ipRangeData from '../catalog/data/ip-ranges.json' with { type: 'json' };
import { CATALOG } from '../catalog/index.ts';
import { type Classifier, compile } from './classify.ts';
import { type CompiledIpRanges, compileIpRanges, type IpRangesData } from './ip.ts';

export { type Classifier, compile, splitUrl } from './classify.ts';
export {
  type CompiledIpRanges,
  compileIpRanges,
  formatCidr,
  type IpMatch,
  type IpRangeSet,
  type IpRangesData,
  parseCidr,
} from './ip.ts';
export * from './types.ts';

/** The generated range snapshot shipped with the extension. */
export const IP_RANGES: IpRangesData = ipRangeData;

let sharedRanges: CompiledIpRanges | undefined;
let shared: Classifier | undefined;

/** The published IP ranges of the snapshot, compiled on first use and kept. */
export function defaultIpMatcher(): CompiledIpRanges {
  sharedRanges ??= compileIpRanges(IP_RANGES);
  return sharedRanges;
}

/** The classifier over the whole catalog with the IP matcher, compiled on first use and kept. */
export function defaultClassifier(): Classifier {
  shared ??= compile(CATALOG, defaultIpMatcher());
  return shared;
}
