// The cluster stage's files in a fixed order, one at a time (`npm test` passes this file as
// --testSequencer): mall.test.ts first — it tests the chart's mall that globalSetup installed, then
// the operator's, and removes both — and tilt.test.ts last, so `tilt ci` builds its images and
// deploys its mall on a cluster running no other mall. Two malls and ten image builds at once
// starve this 2-core machine (probes missed, a migration Job timed out).
const LAST = ['tilt.test.ts'];

const rank = (path) => LAST.findIndex((name) => path.endsWith(`/${name}`));

module.exports = class ClusterStageSequencer {
  sort(tests) {
    return [...tests].sort((a, b) => rank(a.path) - rank(b.path) || a.path.localeCompare(b.path));
  }

  // Jest asks these of every sequencer: no order is learned from earlier runs, so nothing to keep.
  cacheResults() {}

  allFailedTests(tests) {
    return tests;
  }

  shard(tests) {
    return tests;
  }
};
