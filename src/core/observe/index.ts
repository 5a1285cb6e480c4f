export * from './document.ts';
export * from './errors.ts';
export * from './explanations.ts';
export * from './hosts.ts';
export * from './page.ts';
export * from './signal.ts';
export * from './types.ts';
export * from './window.ts';
