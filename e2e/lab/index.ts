export {
  DOH_HOSTNAMES,
  DOH_STATES,
  DohLab,
  type DohSnapshot,
  type DohState,
  type ResolverSnapshot,
  ZONES,
} from './doh.ts';
export {
  FAILURE_MODES,
  FailureLab,
  type FailureMode,
  type FailureSnapshot,
  ORIGIN_DOWN_HOST,
} from './failures.ts';
export { SCENARIOS, type Scenario } from './scenarios.ts';
export { LAB_DIR, type Lab, type LabOptions, startLab, type VisitStats } from './server.ts';
export {
  CHECKOUT,
  CROWDED,
  CROWDED_HOST_COUNT,
  CROWDED_THIRD_PARTIES,
  FRONT_HOST,
  HOSTNAMES,
  HOSTS,
  SITES,
  SLOW_PHASE1,
  SLOW_PHASE2,
  SLOW_TOTAL,
} from './sites.ts';
export {
  FAILURE_STATES,
  FEEDS,
  type FeedSnapshot,
  STATUS_HOSTNAMES,
  StatusLab,
  type StatusSnapshot,
} from './status.ts';
export type { ExpectedProvider, HostDef, LabRequest, Resource, SiteDef } from './types.ts';
