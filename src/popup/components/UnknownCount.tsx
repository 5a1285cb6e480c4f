import { useStrings } from '../i18n.ts';

/** Responses with nothing to attribute them to (service worker / cache): unknown, not "none". */
export function UnknownCount({ count }: { count: number }) {
  const s = useStrings();
  if (count <= 0) return null;
  return (
    <p class="unknown" data-testid="unknown-count" data-count={count}>
      {s.count('unknown', count)}
    </p>
  );
}
