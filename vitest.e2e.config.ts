import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the built extension (dist/) in real headless Chromium and Firefox against
 * the local lab (e2e/lab), which globalSetup starts once on 127.0.0.1:443. One file at a time:
 * the machine is small and the browsers are heavy.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 20_000,
  },
});
