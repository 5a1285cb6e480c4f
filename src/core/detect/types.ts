import type { Role } from '../catalog/types.ts';

/** One HTTP header as the browser (webRequest, HAR) reports it. */
export interface HeaderLike {
  readonly name: string;
  readonly value?: string | undefined;
}

/** The kinds of resources we count per host, normalised from webRequest / HAR types. */
export type ResourceKind =
  | 'document'
  | 'script'
  | 'stylesheet'
  | 'xhr'
  | 'font'
  | 'image'
  | 'media'
  | 'subframe'
  | 'other';

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  'document',
  'script',
  'stylesheet',
  'xhr',
  'font',
  'image',
  'media',
  'subframe',
  'other',
];

/** What a single response tells us. */
export interface ResponseInput {
  readonly url: string;
  readonly headers: readonly HeaderLike[];
  /** Server IP as reported by the browser; absent for cache or service-worker answers. */
  readonly ip?: string | undefined;
}

export type Evidence =
  | { readonly kind: 'header'; readonly name: string; readonly value: string }
  | { readonly kind: 'host'; readonly host: string; readonly suffix: string }
  | { readonly kind: 'ip'; readonly ip: string; readonly range: string };

export interface Detection {
  readonly providerId: string;
  readonly role: Role;
  /** Upper-case PoP code read from the provider's own header, when it sends one. */
  readonly pop?: string;
  readonly evidence: readonly Evidence[];
}

/** Matches an IP address against the compiled published ranges. */
export interface IpMatcher {
  /** Returns the range-set id (e.g. `cloudflare`) and the matching CIDR, or undefined. */
  match(ip: string): { readonly set: string; readonly cidr: string } | undefined;
}
