// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { mount as mountUi, settle, unmountAll } from '../__fixtures__/mount.ts';
import type { PageState } from '../messages.ts';
import { type MockOptions, mockConnector } from './__fixtures__/mock-connector.ts';
import { shopPage } from './__fixtures__/pages.ts';
import { App } from './App.tsx';

/** The popup's controls: the per-site switch and host access (Firefox). */

afterEach(unmountAll);

async function show(options: Partial<MockOptions>) {
  const connector = mockConnector({ page: shopPage(1), ...options });
  const root = await mountUi(<App connector={connector} />);
  await settle();
  await settle();
  return { main: root.querySelector('main')!, connector };
}

const text = (el: Element | null | undefined) => el?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const q = (el: Element, selector: string) => el.querySelector<HTMLElement>(selector);

const OFF: PageState = { kind: 'off', url: 'https://shop.example/cart', host: 'shop.example' };

describe('per-site switch', () => {
  it('is a named switch in the header, on for a recorded page; a click switches the site off', async () => {
    const { main, connector } = await show({});
    const sw = q(main, 'header [data-testid="site-switch"]')!;
    expect(sw.getAttribute('role')).toBe('switch');
    expect(sw.getAttribute('aria-checked')).toBe('true');
    expect(sw.getAttribute('aria-label')).toBe('Faultline on shop.example');
    await act(() => sw.click());
    await settle();
    expect(connector.siteSwitches).toEqual([{ host: 'shop.example', off: true }]);
    // Shows what was asked until the background says it is applied.
    expect(sw.getAttribute('aria-checked')).toBe('false');
  });

  it('a site switched off: says so (nothing recorded, no badge), and switches back on', async () => {
    const { main, connector } = await show({ page: OFF });
    expect(main.dataset.state).toBe('off');
    expect(text(q(main, 'h1'))).toBe('shop.example');
    const off = q(main, '[data-testid="site-off"]')!;
    expect(text(q(off, 'h2'))).toBe('Faultline is off for this site');
    expect(text(q(off, 'p'))).toContain('On shop.example nothing is recorded or looked up');
    expect(q(main, '[data-testid="resilience"]')).toBeNull();
    expect(connector.resilienceRequests).toEqual([]);
    const sw = q(main, '[data-testid="site-switch"]')!;
    expect(sw.getAttribute('aria-checked')).toBe('false');
    await act(() => sw.click());
    expect(connector.siteSwitches).toEqual([{ host: 'shop.example', off: false }]);
  });

  it('speaks French', async () => {
    const { main } = await show({ page: OFF, locale: 'fr' });
    expect(text(q(main, '[data-testid="site-off"] h2'))).toBe('Faultline est désactivé pour ce site');
    expect(q(main, '[data-testid="site-switch"]')!.getAttribute('aria-label')).toBe(
      'Faultline actif sur shop.example',
    );
  });

  it('no switch where there is no site (browser pages)', async () => {
    const { main } = await show({ page: { kind: 'restricted', url: 'about:addons' } });
    expect(q(main, '[data-testid="site-switch"]')).toBeNull();
  });
});

describe('host access (Firefox lets users withhold it)', () => {
  it('never shows while access is granted', async () => {
    const { main } = await show({ hostAccess: true });
    expect(q(main, '[data-testid="host-access"]')).toBeNull();
    expect(main.dataset.state).toBe('page');
  });

  it('says plainly that access is missing, and asks for it from the click', async () => {
    const { main, connector } = await show({
      hostAccess: false,
      grant: true,
      page: { kind: 'restricted', url: '' },
    });
    expect(main.dataset.state).toBe('no-access');
    const box = q(main, '[data-testid="host-access"]')!;
    expect(text(q(box, 'h2'))).toBe('Faultline has no access to websites');
    expect(text(box)).not.toContain('browser pages');
    expect(q(main, '[data-testid="restricted"]')).toBeNull();
    await act(() => q(box, '[data-testid="host-access-request"]')!.click());
    await settle();
    expect(connector.accessRequests()).toBe(1);
    expect(q(main, '[data-testid="host-access"]')).toBeNull();
    // The page is asked for again.
    expect(connector.requests.length).toBe(2);
  });

  it('refused: says so, and stays', async () => {
    const { main } = await show({ hostAccess: false, grant: false });
    await act(() => q(main, '[data-testid="host-access-request"]')!.click());
    await settle();
    expect(text(q(main, '[data-testid="host-access-refused"]'))).toContain('Access was not given.');
    expect(main.dataset.state).toBe('no-access');
  });
});
