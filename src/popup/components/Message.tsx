import type { ComponentChild } from 'preact';
import { useStrings } from '../i18n.ts';

const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARK = /\uE000(\d)\uE001/;

/**
 * A localised message whose substitutions are elements (`<code>` for header values…): the message
 * is translated with private-use markers as substitutions, then split around them, so translators
 * keep control of word order.
 */
export function Message({ id, parts }: { id: string; parts: readonly ComponentChild[] }) {
  const { t } = useStrings();
  const text = t(
    id,
    parts.map((_, i) => `${OPEN}${i}${CLOSE}`),
  );
  const pieces = text.split(MARK);
  return <>{pieces.map((piece, i) => (i % 2 === 0 ? piece : parts[Number(piece)]))}</>;
}
