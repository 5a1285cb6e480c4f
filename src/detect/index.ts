import { CATALOG } from '../catalog/index.ts';
import { type Classifier, compile } from './classify.ts';

export { type Classifier, compile, headersFromRecord, splitUrl } from './classify.ts';
export * from './types.ts';

let shared: Classifier | undefined;

/** The classifier over the whole catalog, compiled on first use and kept. */
export function defaultClassifier(): Classifier {
  shared ??= compile(CATALOG);
  return shared;
}
