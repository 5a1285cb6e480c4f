import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

/** A titled explanation (restricted, empty, none, error), as a labelled region. */
export function StateMessage({
  title,
  children,
  testId,
}: {
  title: string;
  children: ComponentChildren;
  testId: string;
}) {
  const id = useId();
  return (
    <section class="state" aria-labelledby={id} data-testid={testId}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
