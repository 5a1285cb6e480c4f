// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { mount, settle, unmountAll } from '../__fixtures__/mount.ts';
import type { TabHistory } from '../messages.ts';
import { type MockOptions, mockConnector } from './__fixtures__/mock-connector.ts';
import { shopPage } from './__fixtures__/pages.ts';
import { event, MIN, NOW, relevant, status, withStatuses } from './__fixtures__/status.ts';
import { App } from './App.tsx';

/** The line under the verdict: since when its problem lasts, "Watch this site", History. */

afterEach(unmountAll);

async function show(options: Omit<MockOptions, 'page'>) {
  const outage = event({ id: 'inc-1', title: 'Widespread 5xx errors', startedAt: NOW - 12 * MIN });
  const connector = mockConnector({
    now: NOW,
    tabId: 4,
    page: withStatuses(shopPage(), [
      status('cloudflare', { level: 'major_outage', incidents: [relevant(outage, 'pop')] }),
    ]),
    ...options,
  });
  const root = await mount(<App connector={connector} />);
  await settle();
  return { main: root.querySelector('main')!, connector };
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

describe('since when, and Watch this site', () => {
  it('says since when the named provider’s incident lasts', async () => {
    const { main } = await show({
      tabHistory: {
        host: 'www.maple-shop.com',
        watched: false,
        ongoing: [{ providerId: 'cloudflare', since: NOW - 25 * MIN }],
      },
    });
    expect(main.querySelector('[data-testid="verdict"]')?.getAttribute('data-provider')).toBe('cloudflare');
    const since = main.querySelector<HTMLElement>('[data-testid="since"]');
    expect(since?.dataset.since).toBe(String(NOW - 25 * MIN));
    expect(text(since)).toMatch(/^Since .+ \(25 min\)\.$/);
  });

  it('an incident that starts after the popup opened shows once the background says the page changed', async () => {
    let history: TabHistory = { host: 'www.maple-shop.com', watched: false, ongoing: [] };
    const { main, connector } = await show({ tabHistory: () => history });
    expect(main.querySelector('[data-testid="since"]')).toBeNull();
    history = { ...history, ongoing: [{ providerId: 'cloudflare', since: NOW - MIN }] };
    await act(() => connector.notify(4));
    await settle();
    expect(main.querySelector<HTMLElement>('[data-testid="since"]')?.dataset.since).toBe(String(NOW - MIN));
  });

  it('Watch this site is a toggle', async () => {
    const { main, connector } = await show({});
    const button = () => main.querySelector<HTMLButtonElement>('[data-testid="watch"]')!;
    expect(button().getAttribute('aria-pressed')).toBe('false');
    await act(() => button().click());
    await settle();
    expect(button().getAttribute('aria-pressed')).toBe('true');
    await act(() => button().click());
    await settle();
    expect(button().getAttribute('aria-pressed')).toBe('false');
    expect(connector.watchCalls).toEqual(['watch www.maple-shop.com', 'unwatch www.maple-shop.com']);
  });
});
