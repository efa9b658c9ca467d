import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The web's pure helpers (web/src/lib) are tested here too; they import the server as @server/*.
  resolve: { alias: { '@server': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/src/lib/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.case.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The JSON report feeds the one-line summary that .ci/run prints.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-output/vitest.json' },
  },
});
