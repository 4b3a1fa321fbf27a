// jest ignores `testTimeout` inside a project's config; the project sets it here instead.
// Generous: CI machines have 2 cores and the first test of a file pays for transforming it.
jest.setTimeout(20_000);
