// jest ignores `testTimeout` inside a project's config; the project sets it here instead. Requests
// go through a whole mall on a 2-core machine, and some tests race dozens of buyers.
jest.setTimeout(60_000);
