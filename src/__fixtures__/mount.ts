import { type ComponentChild, render } from 'preact';
import { act } from 'preact/test-utils';

/**
 * A UI (the popup's or the options page's App) mounted in a test document. Every root mounted
 * during a test is unmounted after it (`afterEach(unmountAll)` in the test file), so a test that
 * mounts twice leaves nothing behind for the next.
 */

const roots: HTMLElement[] = [];

/** Lets pending promises (connector answers) settle and Preact re-render. */
export async function settle(): Promise<void> {
  await act(async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

/** Renders `ui` into a fresh root appended to the document; the root. */
export async function mount(ui: ComponentChild): Promise<HTMLElement> {
  const root = document.createElement('div');
  document.body.append(root);
  roots.push(root);
  await act(() => render(ui, root));
  return root;
}

/** Unmounts one root (Preact's cleanups run); it stays in the document. */
export function unmountRoot(root: HTMLElement): void {
  render(null, root);
}

/** Unmounts and removes every root mounted since the last call. */
export function unmountAll(): void {
  for (const root of roots.splice(0)) {
    render(null, root);
    root.remove();
  }
}
