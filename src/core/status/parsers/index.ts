/**
 * One pure parser per feed kind, behind a dispatcher. `parseFeed` never throws: a parser bug on a
 * hostile body becomes `{ok: false, reason: 'unparseable'}` like any other bad body.
 */
import type { FeedKind } from '../../catalog/types.ts';
import type { ParseResult } from '../model.ts';
import { parseAws } from './aws.ts';
import { parseGcp } from './gcp.ts';
import { parseHeroku } from './heroku.ts';
import { parseIncidentio } from './incidentio.ts';
import { parseInstatus } from './instatus.ts';
import { parsePaypal } from './paypal.ts';
import { parseRss } from './rss.ts';
import { parseStatusio } from './statusio.ts';
import { parseStatuspage } from './statuspage.ts';
import { parseStripe } from './stripe.ts';
import { fail, type ParseContext } from './util.ts';

export type { StatuspageRollup } from './statuspage.ts';
export { parseStatuspageRollup } from './statuspage.ts';
export type { ParseContext } from './util.ts';

const PARSERS: Readonly<Record<FeedKind, (body: string, ctx: ParseContext) => ParseResult>> = {
  statuspage: parseStatuspage,
  incidentio: parseIncidentio,
  instatus: parseInstatus,
  statusio: parseStatusio,
  gcp: parseGcp,
  aws: parseAws,
  heroku: parseHeroku,
  stripe: parseStripe,
  paypal: parsePaypal,
  rss: parseRss,
};

export function parseFeed(kind: FeedKind, body: string, ctx: ParseContext): ParseResult {
  const parser = PARSERS[kind];
  if (!parser) return fail(`unknown feed kind ${String(kind).slice(0, 40)}`);
  try {
    return parser(body, ctx);
  } catch (error) {
    return fail(`parser error: ${error instanceof Error ? error.message : String(error)}`);
  }
}
