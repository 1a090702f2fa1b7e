import { defineConfig } from 'vitest/config';

// Three kinds of test, run by scripts/test.mjs in this order:
//   unit         *.test.ts beside the code, pure, no database
//   integration  *.int.test.ts, the app in process against a real migrated database
//                (SQLite, or PostgreSQL when TEST_DATABASE_URL points at one)
//   e2e          e2e/*.e2e.ts, a real server driven through Chromium
// Tests of PostgreSQL itself (*.postgres.int.test.ts) belong to the PostgreSQL pass only.
const onPostgres = process.env.TEST_DATABASE_URL?.startsWith('postgres') ?? false;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts'],
          setupFiles: ['test/fail-on-console-error.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          exclude: onPostgres ? [] : ['**/*.postgres.int.test.ts'],
          setupFiles: ['test/fail-on-console-error.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // A journey waits on a real server on a shared machine: an answer may take seconds, not vitest's 1 s.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
