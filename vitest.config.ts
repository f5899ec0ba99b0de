import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts'],
    // End-to-end tests spawn git, node and servers; 2-core CI machines need headroom.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
