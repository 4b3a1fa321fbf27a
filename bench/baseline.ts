import { execFileSync, execSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The mall as it was at another commit, built beside this checkout, so one bench run can drive
 * both builds on the same box under the same load. The tree comes from `git archive` (no
 * worktree is registered anywhere); with the same package-lock.json its node_modules link to this
 * checkout's (the workspace links under @gomall point into the baseline's own tree), with another
 * one it gets its own (`npm ci`), so each build runs on its own dependencies; then `tsc -b` builds
 * it once per commit: the build is kept in ~/.cache/gomall/bench-baseline/<commit>.
 */
export function prepareBaseline(repoRoot: string, rev: string, log: (m: string) => void): string {
  const commit = execFileSync('git', ['-C', repoRoot, 'rev-parse', '--verify', `${rev}^{commit}`], {
    encoding: 'utf8',
  }).trim();
  const cache = process.env.GOMALL_CACHE_DIR ?? join(homedir(), '.cache', 'gomall');
  const root = join(cache, 'bench-baseline', commit);
  const done = join(root, '.built');
  if (existsSync(done)) {
    log(`baseline ${commit.slice(0, 10)}: built already (${root})`);
    return root;
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  log(`baseline ${commit.slice(0, 10)}: extracting into ${root}`);
  execSync(`git -C '${repoRoot}' archive '${commit}' | tar -x -C '${root}'`, { stdio: 'inherit' });
  const lock = (dir: string) => readFileSync(join(dir, 'package-lock.json'), 'utf8');
  if (lock(root) === lock(repoRoot)) {
    linkModules(repoRoot, root);
  } else {
    log("baseline: its dependencies differ from this checkout's: npm ci (once per commit)");
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  }
  log('baseline: tsc -b (once per commit)');
  execFileSync(
    process.execPath,
    [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-b', 'tsconfig.build.json'],
    { cwd: root, stdio: 'inherit' },
  );
  writeFileSync(done, `${new Date().toISOString()}\n`);
  return root;
}

/**
 * Root node_modules: a folder of links to this checkout's packages, except @gomall, whose
 * (relative) workspace links are copied as they are so they resolve inside the baseline. A
 * workspace's own node_modules (packages/kit has one) is linked whole.
 */
function linkModules(repoRoot: string, root: string): void {
  const source = join(repoRoot, 'node_modules');
  const target = join(root, 'node_modules');
  mkdirSync(target);
  for (const entry of readdirSync(source)) {
    if (entry === '@gomall') continue;
    symlinkSync(join(source, entry), join(target, entry));
  }
  mkdirSync(join(target, '@gomall'));
  for (const entry of readdirSync(join(source, '@gomall'))) {
    symlinkSync(readlinkSync(join(source, '@gomall', entry)), join(target, '@gomall', entry));
  }
  for (const group of ['packages', 'services', 'tools']) {
    if (!existsSync(join(root, group))) continue;
    for (const name of readdirSync(join(root, group))) {
      const nested = join(repoRoot, group, name, 'node_modules');
      if (existsSync(nested) && !existsSync(join(root, group, name, 'node_modules'))) {
        symlinkSync(nested, join(root, group, name, 'node_modules'));
      }
    }
  }
}
