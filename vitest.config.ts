import { defineConfig } from 'vitest/config';

/** Unit tests: pure code and the shell's browser-free parts, beside the code they test. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    environment: 'node',
  },
});
