// Two projects: unit tests (pure logic, no processes) and integration tests, which run against a
// real stack — MariaDB, Redis, every service and its daprd — started once per run by globalSetup.
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const moduleNameMapper = {
  '^@gomall/kit$': '<rootDir>/packages/kit/src',
  '^@gomall/devstack$': '<rootDir>/tools/devstack/src',
};

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      // Generous: CI machines have 2 cores and the first test of a file pays for transforming it.
      testTimeout: 20_000,
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/{packages,services,tools}/*/test/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/setup/global-teardown.ts',
      testTimeout: 60_000,
      slowTestThreshold: 30,
    },
  ],
};
