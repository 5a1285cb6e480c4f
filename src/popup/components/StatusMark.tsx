import type { Level } from '../../core/status/model.ts';

/**
 * The level's shape (circle, square, triangle, diamond, octagon, dashed ring) in its colour. Always
 * next to the level in words, so it is hidden from assistive technology.
 */
export function StatusMark({ level }: { level: Level }) {
  return <span class={`status-mark mark-${level}`} aria-hidden="true" />;
}
