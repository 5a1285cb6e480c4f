import type { GroupId } from '../../src/popup/groups.ts';
import type { EdgeProfile } from './edges.ts';

/** The lab's shapes: a request, a resource, a host with its edge, a site and what it should show. */

export interface LabRequest {
  host: string;
  path: string;
  query: URLSearchParams;
}

export interface Resource {
  contentType: string;
  body: string | ((req: LabRequest) => string);
  /** Server-side delay before answering, in ms. */
  delayMs?: number;
  status?: number;
}

export interface HostDef {
  host: string;
  edge: EdgeProfile;
  routes: Readonly<Record<string, Resource>>;
  /** Resources computed from the path (checked when no route matches). */
  dynamic?: (req: LabRequest) => Resource | undefined;
}

export interface ExpectedProvider {
  id: string;
  role: 'edge' | 'origin' | 'service';
  /**
   * Carried the main document (listed first in the popup). With stacked proxies the edge and the
   * origin platform behind it both carried it: both are `true`.
   */
  document: boolean;
  /** PoP codes, in any order. */
  pops: readonly string[];
  /** The popup's group (`section[data-group]`) this provider is listed under. */
  group: GroupId;
}

export interface SiteDef {
  id: string;
  name: string;
  url: string;
  description: string;
  /** Exactly the providers the popup must list; empty: none at all. */
  expected: readonly ExpectedProvider[];
}
