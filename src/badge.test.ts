import { describe, expect, it } from 'vitest';
import { badgeFor, NEUTRAL_BADGE_COLOR } from './badge.ts';
import { providerById } from './catalog/index.ts';
import { addResponse, newPage } from './page/record.ts';
import { pageView } from './page/view.ts';

const t = (key: string, subs?: string | string[]): string =>
  key === 'extensionName' ? 'Faultline' : `${key}(${[subs ?? []].flat().join('|')})`;

describe('badge', () => {
  it('is empty with no page or no provider', () => {
    expect(badgeFor(undefined, t)).toEqual({ text: '', color: NEUTRAL_BADGE_COLOR, title: 'Faultline' });
    const page = newPage(1, 'https://plain.example/', 'plain.example', 0);
    addResponse(
      page,
      { url: 'https://plain.example/', host: 'plain.example', kind: 'document', status: 200 },
      [],
      0,
    );
    expect(badgeFor(pageView(page, providerById), t).text).toBe('');
  });

  it('counts providers in a neutral colour and names them in the title', () => {
    const page = newPage(1, 'https://s.example/', 's.example', 0);
    const base = { url: 'https://s.example/', host: 's.example', kind: 'document' as const, status: 200 };
    addResponse(
      page,
      { ...base, mainDocument: true },
      [{ providerId: 'cloudflare', role: 'edge', evidence: [] }],
      0,
    );
    addResponse(
      page,
      { ...base, kind: 'script' },
      [{ providerId: 'fastly', role: 'origin', evidence: [] }],
      0,
    );
    const badge = badgeFor(pageView(page, providerById), t);
    expect(badge).toEqual({
      text: '2',
      color: NEUTRAL_BADGE_COLOR,
      title: 'badgeTitleProviders(Faultline|Cloudflare, Fastly)',
    });
  });
});
