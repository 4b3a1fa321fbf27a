// Projects: unit tests (pure logic, no processes); integration tests, which run against a real
// stack — MariaDB, Redis, every service and its daprd — started once per run by globalSetup (the
// browser tests, test/browser: headless Chromium driving the storefront, use that same mall);
// delivery and operator tests against a real control plane; and the cluster project (a stage of
// its own in `npm test`, scripts/test.sh).
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const moduleNameMapper = {
  '^@gomall/contracts$': '<rootDir>/packages/contracts/src',
  '^@gomall/kit$': '<rootDir>/packages/kit/src',
  '^@gomall/kit/db$': '<rootDir>/packages/kit/src/db',
  '^@gomall/devstack$': '<rootDir>/tools/devstack/src',
  '^@gomall/kube-harness$': '<rootDir>/tools/kube-harness/src',
};

/* global process */
// The cluster project brings up a whole Kubernetes cluster: only when asked for by name
// (`--selectProjects cluster`, as `npm test` does in a stage before the others) or with
// GOMALL_CLUSTER_TESTS=1.
const CLUSTER_SELECTED =
  process.argv.includes('cluster') || process.env.GOMALL_CLUSTER_TESTS === '1';

module.exports = {
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      setupFilesAfterEnv: ['<rootDir>/test/unit-setup/timeout.ts'],
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/{packages,services,tools}/*/test/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/test/integration/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/integration/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/integration/setup/timeout.ts'],
      slowTestThreshold: 30,
    },
    {
      // Delivery: the Helm chart, Tiltfile and monitoring rules against real tools (helm, tilt,
      // promtool) and a real control plane (etcd + kube-apiserver, started by each test file).
      displayName: 'delivery',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/delivery/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/delivery/setup/timeout.ts'],
      testTimeout: 180_000,
      slowTestThreshold: 60,
    },
    {
      // The Mall operator (built dist, as separate processes) against the same real control plane
      // (etcd + kube-apiserver with the Dapr and Mall CRDs), started by each test file.
      displayName: 'operator',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/operator/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/test/operator/setup/timeout.ts'],
      slowTestThreshold: 60,
    },
    CLUSTER_SELECTED && {
      // A real single-node Kubernetes cluster (tools/cluster, `npm run cluster -- up`) with Dapr,
      // CoreDNS and Traefik: globalSetup brings it up once and installs the chart, globalTeardown
      // takes it down. Linux and root only: `npx jest --selectProjects cluster`.
      displayName: 'cluster',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
      globalSetup: '<rootDir>/test/cluster/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/cluster/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/cluster/setup/timeout.ts'],
      slowTestThreshold: 120,
    },
  ].filter(Boolean),
};
