// A real cluster on a 2-core machine: rollouts and Helm upgrades take minutes.
jest.setTimeout(900_000);
