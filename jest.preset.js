// Shared Jest set-up: native ESM (vega 6 is ESM-only) with ts-jest transpiling TypeScript on the fly.
// Type checking is the job of `tsc` (npm run typecheck / build), so ts-jest only transpiles (isolatedModules).
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  // tsyringe needs Reflect's metadata API before it is imported (the cli's entry loads it the same way).
  setupFiles: ['reflect-metadata'],
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  testTimeout: 120000,
};
