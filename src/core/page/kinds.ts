import type { ResourceKind } from '../detect/types.ts';

/**
 * Resource types as webRequest (Chrome, Firefox) and HAR files (`_resourceType`) name them,
 * folded into the kinds we count.
 */
const KINDS: Readonly<Record<string, ResourceKind>> = {
  main_frame: 'document',
  document: 'document',
  sub_frame: 'subframe',
  subframe: 'subframe',
  iframe: 'subframe',
  script: 'script',
  stylesheet: 'stylesheet',
  image: 'image',
  imageset: 'image',
  font: 'font',
  xmlhttprequest: 'xhr',
  xhr: 'xhr',
  fetch: 'xhr',
  eventsource: 'xhr',
  websocket: 'xhr',
  media: 'media',
  object: 'other',
};

export function kindOf(type: string | undefined): ResourceKind {
  return (type && KINDS[type.toLowerCase()]) || 'other';
}
