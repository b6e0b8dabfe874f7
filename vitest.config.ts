import { defineConfig } from 'vitest/config';

// Unit and integration tests run in plain Node: the Electron shell is tested with a mocked
// `electron` module, everything else against the Deel simulator over real loopback HTTP.
export default defineConfig({
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/integration/**/*.test.ts',
      'test/start-path/**/*.test.ts',
      // Fault drills: a CI size here; `npm run drills` runs them at full size.
      'test/drills/**/*.test.ts',
    ],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    reporters: ['default'],
  },
});
