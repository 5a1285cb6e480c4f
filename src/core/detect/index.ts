import packedRanges from '../catalog/data/ip-ranges.packed.json' with { type: 'json' };
import { CATALOG } from '../catalog/index.ts';
import { type Classifier, compile } from './classify.ts';
import { type CompiledIpRanges, type PackedIpRanges, unpackIpRanges } from './ip.ts';

export { type Classifier, compile, splitUrl } from './classify.ts';
export {
  type CompiledIpRanges,
  formatCidr,
  type IpMatch,
  type IpRangeSet,
  type IpRangeSource,
  type IpRangesData,
  type PackedIpRanges,
  parseCidr,
  unpackIpRanges,
} from './ip.ts';
export { compileIpRanges } from './ip-pack.ts';
export * from './types.ts';

/**
 * The IP-range snapshot shipped with the extension, packed at build time (`npm run update-ranges`;
 * its readable form is src/core/catalog/data/ip-ranges.json): its date, where each set comes
 * from, and the table.
 */
export const IP_RANGES: PackedIpRanges = packedRanges;

let sharedRanges: CompiledIpRanges | undefined;
let shared: Classifier | undefined;

/** The published IP ranges of the snapshot, unpacked on first use and kept. */
export function defaultIpMatcher(): CompiledIpRanges {
  sharedRanges ??= unpackIpRanges(IP_RANGES);
  return sharedRanges;
}

/** The classifier over the whole catalog with the IP matcher, compiled on first use and kept. */
export function defaultClassifier(): Classifier {
  shared ??= compile(CATALOG, defaultIpMatcher());
  return shared;
}
