import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Two cores are shared with other work here; one fork keeps timings steady.
    pool: 'forks',
    maxWorkers: 1,
  },
});
