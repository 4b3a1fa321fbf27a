// Jest ignores `testTimeout` inside a `projects` entry; operator tests wait on real resyncs and
// lease expiry, so each test gets two minutes.
jest.setTimeout(120_000);
