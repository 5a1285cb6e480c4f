export * from './text.ts';
export * from './verdict.ts';
