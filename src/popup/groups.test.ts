import { describe, expect, it } from 'vitest';
import type { ProviderView } from '../core/page/view.ts';
import type { PageState } from '../messages.ts';
import { shopPage, vercelPage } from './__fixtures__/pages.ts';
import { groupProviders } from './groups.ts';

function providers(state: PageState): readonly ProviderView[] {
  if (state.kind !== 'page') throw new Error('fixture is not a page');
  return state.page.providers;
}

describe('groupProviders', () => {
  it('groups by category in display order, storage with hosting', () => {
    const groups = groupProviders(providers(shopPage()));
    expect(groups.map((g) => [g.id, g.providers.map((p) => p.id)])).toEqual([
      ['edge', ['cloudflare', 'fastly']],
      ['hosting', ['render', 'aws-s3']],
      ['service', ['stripe']],
    ]);
  });

  it('moves the main document group to the front', () => {
    expect(groupProviders(providers(vercelPage())).map((g) => g.id)).toEqual(['hosting', 'edge']);
  });

  it('returns nothing for no providers', () => {
    expect(groupProviders([])).toEqual([]);
  });
});
