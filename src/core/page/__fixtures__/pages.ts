import { providerById } from '../../catalog/index.ts';
import type { Role } from '../../catalog/types.ts';
import type { Detection, ResourceKind } from '../../detect/types.ts';
import { addResponse, newPage } from '../record.ts';
import { type PageView, pageView } from '../view.ts';

/**
 * Test helper: a page view built with the real record and view code from a short description of
 * what each host served and which providers were detected on it. Shared by the tests of every
 * module that reads page views (badge, resilience, background).
 */

export interface Served {
  readonly host: string;
  readonly kind: ResourceKind;
  /** Provider ids detected on each of these responses, with their role. */
  readonly by: readonly (readonly [id: string, role: Role])[];
  readonly n?: number;
  readonly main?: boolean;
  readonly pop?: string;
  readonly ip?: string;
}

export function buildView(url: string, served: readonly Served[]): PageView {
  const host = new URL(url).hostname;
  const page = newPage(7, url, host, 1_760_000_000_000);
  let now = page.startedAt;
  for (const s of served) {
    const detections: Detection[] = s.by.map(([providerId, role]) => ({
      providerId,
      role,
      ...(s.pop && role === 'edge' ? { pop: s.pop } : {}),
      evidence: [{ kind: 'host', host: s.host, suffix: s.host }],
    }));
    for (let i = 0; i < (s.n ?? 1); i++) {
      now += 10;
      addResponse(
        page,
        {
          url: s.main ? url : `https://${s.host}/r${i}`,
          host: s.host,
          kind: s.kind,
          status: 200,
          ip: s.ip,
          mainDocument: s.main === true,
        },
        detections,
        now,
      );
    }
  }
  return pageView(page, providerById);
}
