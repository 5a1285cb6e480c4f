import { useId } from 'preact/hooks';
import type { Place } from '../../core/catalog/places.ts';
import { placeText } from '../describe.ts';
import { useStrings } from '../i18n.ts';

/** Edge locations that answered, "CDG · Paris". */
export function Pops({ pops }: { pops: readonly Place[] }) {
  const s = useStrings();
  const id = useId();
  if (pops.length === 0) return null;
  return (
    <div class="pops">
      <span id={id} class="label">
        {s.t('popsLabel')}
      </span>
      <ul aria-labelledby={id}>
        {pops.map((place) => (
          <li key={place.code} data-pop={place.code}>
            {placeText(s, place)}
          </li>
        ))}
      </ul>
    </div>
  );
}
