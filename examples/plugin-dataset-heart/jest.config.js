// reflect-metadata first: the test that resolves the plugin through a container loads tsyringe.
export default { testEnvironment: 'node', transform: {}, setupFiles: ['reflect-metadata'], testMatch: ['<rootDir>/test/**/*.test.js'], testTimeout: 300000 };
