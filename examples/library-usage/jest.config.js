export default { testEnvironment: 'node', transform: {}, testMatch: ['<rootDir>/test/**/*.test.js'], testTimeout: 300000 };
