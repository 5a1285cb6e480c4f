import { expect, it } from 'vitest';
import { tabFromSearch } from './tab-param.ts';

it('reads ?tab=<integer> and ignores anything else', () => {
  expect(tabFromSearch('?tab=42')).toBe(42);
  expect(tabFromSearch('?x=1&tab=0')).toBe(0);
  expect(tabFromSearch('')).toBeUndefined();
  expect(tabFromSearch('?tab=')).toBeUndefined();
  expect(tabFromSearch('?tab=-1')).toBeUndefined();
  expect(tabFromSearch('?tab=1.5')).toBeUndefined();
  expect(tabFromSearch('?tab=12abc')).toBeUndefined();
  expect(tabFromSearch('?tab=99999999999')).toBeUndefined();
});
