import type { ComponentChildren } from 'preact';
import { safeHref } from '../status-text.ts';

/** A link out of the popup, in a new tab, with no referrer; plain text when the URL is not http(s). */
export function ExternalLink({
  href,
  children,
  testId,
}: {
  href: string | undefined;
  children: ComponentChildren;
  testId?: string;
}) {
  const safe = safeHref(href);
  if (!safe) return <>{children}</>;
  return (
    <a href={safe} target="_blank" rel="noreferrer" data-testid={testId}>
      {children}
    </a>
  );
}
