import { ALL_SERVICES } from '@gomall/devstack';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { byKind, CHART, helmCli, parseObjects, valuesFile } from './support/helm';
import { REPO_ROOT, tempDir } from './support/tools';

// No Docker engine runs here, so the image is not built. This reproduces the Dockerfile's
// prod-deps and runtime stages on the filesystem (the same commands and copies) and checks what
// the image would hold: production dependencies only, and every service's module graph resolving
// from that layout. Needs the TypeScript build (`npm test` runs it first).
const run = promisify(execFile);
const SERVICES: readonly string[] = ALL_SERVICES;
const DEV_TOOLING = ['typescript', 'jest', 'eslint', 'prettier', '@swc/core', 'autocannon'];

function workspaceManifests(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      // The same folders .dockerignore leaves out of the build context.
      if (
        ['node_modules', 'dist', '.git', '.data', 'test', 'charts', 'k8s', 'tilt'].includes(
          entry.name,
        )
      )
        continue;
      workspaceManifests(path, found);
    } else if (entry.name === 'package.json') {
      found.push(path);
    }
  }
  return found;
}

describe('image layout (Dockerfile stages reproduced without Docker)', () => {
  const dockerfile = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8');
  let app: string;
  let cleanup: () => void;

  beforeAll(async () => {
    const temp = tempDir('gm-image-');
    cleanup = temp.cleanup;
    app = temp.dir;
    // prod-deps stage: the workspace manifests and the lock, then a production-only install.
    for (const manifest of workspaceManifests('')) {
      mkdirSync(join(app, manifest, '..'), { recursive: true });
      cpSync(join(REPO_ROOT, manifest), join(app, manifest));
    }
    cpSync(join(REPO_ROOT, 'package-lock.json'), join(app, 'package-lock.json'));
    await run(
      'npm',
      ['ci', '--omit=dev', '--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline'],
      {
        cwd: app,
      },
    );
    // runtime stage: the kit's, the contracts' and each service's compiled output.
    for (const pkg of ['kit', 'contracts']) {
      cpSync(join(REPO_ROOT, 'packages', pkg, 'dist'), join(app, 'packages', pkg, 'dist'), {
        recursive: true,
      });
    }
    for (const service of SERVICES) {
      const dist = join(REPO_ROOT, 'services', service, 'dist');
      if (!existsSync(dist))
        throw new Error(`${dist} is missing: run \`npx tsc -b tsconfig.build.json\``);
      cpSync(dist, join(app, 'services', service, 'dist'), { recursive: true });
    }
  }, 600_000);

  afterAll(() => cleanup?.());

  it('is built the way the layout here assumes', () => {
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toMatch(/^USER 10001:10001$/m);
    // The dev target (Tilt) runs the services with their development defaults.
    expect(dockerfile.slice(dockerfile.indexOf('AS dev'))).toMatch(/^ENV NODE_ENV=development$/m);
    expect(dockerfile).toContain('rm -rf /usr/local/lib/node_modules/npm');
    expect(dockerfile).toContain('COPY --from=build /src/services/${SERVICE}/dist');
    expect(readFileSync(join(REPO_ROOT, '.dockerignore'), 'utf8')).toMatch(/^\*\*\/node_modules$/m);
  });

  it('holds production dependencies only', () => {
    for (const tool of DEV_TOOLING) {
      expect({ tool, installed: existsSync(join(app, 'node_modules', tool)) }).toEqual({
        tool,
        installed: false,
      });
    }
    expect(existsSync(join(app, 'node_modules', 'koa'))).toBe(true);
  });

  it.each(SERVICES)(
    'loads %s (app, config and its dependencies) from the image layout',
    async (service) => {
      const { stdout } = await run(
        'node',
        [
          '-e',
          `require('./services/${service}/dist/app.js'); require('./services/${service}/dist/config.js'); console.log('ok')`,
        ],
        { cwd: app, env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production' } },
      );
      expect(stdout.trim()).toBe('ok');
    },
  );

  it('accepts the environment the chart gives each service (production mode)', async () => {
    // What the Secrets would hold, for the minimal values.
    const secretValues: Record<string, string> = {
      // Each service's own database account (its `<release>-<service>-db` Secret).
      'db-user': 'gomall_service',
      'db-password': 'minimal-db-password',
      // Production needs Redis AUTH (the kit refuses a REDIS_URL without a password).
      'redis-url': 'redis://:minimal-redis-password@redis.cache.svc:6379',
      'jwt-keys': JSON.stringify({ k1: 'minimal-signing-secret-0123456789abcdef' }),
      // The Dapr app and API tokens (charts/gomall/templates/secrets.yaml: 48 random characters).
      token: 'minimal-dapr-token-0123456789abcdefghijklmnopqrstu',
      'cookie-keys': 'minimal-storefront-cookie-key-0123456789abcdef',
    };
    const helm = helmCli(join(app, '.helm'));
    const objects = parseObjects(
      await helm.ok(['template', 'shop', CHART, '-f', valuesFile('minimal')]),
    );
    for (const deployment of byKind(objects, 'Deployment')) {
      const service = deployment.metadata.name.replace(/^shop-/, '');
      const container = (
        deployment.spec as {
          template: {
            spec: {
              containers: {
                env: {
                  name: string;
                  value?: string;
                  valueFrom?: { secretKeyRef: { key: string } };
                }[];
              }[];
            };
          };
        }
      ).template.spec.containers[0]!;
      const env: Record<string, string> = { PATH: process.env.PATH ?? '', NODE_ENV: 'production' };
      for (const variable of container.env) {
        env[variable.name] = variable.value ?? secretValues[variable.valueFrom!.secretKeyRef.key]!;
      }
      // Every load…Config export validates the whole environment, as the service does at start.
      const script = `const config = require('./services/${service}/dist/config.js');
        const loaders = Object.entries(config).filter(([name]) => /^load\\w*Config$/.test(name));
        if (loaders.length === 0) throw new Error('no config loader');
        for (const [, load] of loaders) load(process.env);
        console.log('ok');`;
      const result = await run('node', ['-e', script], { cwd: app, env }).catch(
        (error: Error & { stderr?: string }) => ({
          stdout: `${service}: ${error.stderr ?? error.message}`,
        }),
      );
      expect(result.stdout.trim()).toBe('ok');
    }
  });

  it('migrates with the environment a migration Job gets and nothing else (production mode)', async () => {
    const helm = helmCli(join(app, '.helm'));
    const objects = parseObjects(
      await helm.ok(['template', 'shop', CHART, '-f', valuesFile('minimal')]),
    );
    const jobs = byKind(objects, 'Job');
    expect(jobs).toHaveLength(7);
    for (const job of jobs) {
      const container = (
        job.spec as {
          template: {
            spec: {
              containers: {
                command: string[];
                env: { name: string; value?: string; valueFrom?: unknown }[];
              }[];
            };
          };
        }
      ).template.spec.containers[0]!;
      const service = /services\/(\w+)\/dist\/migrate\.js/.exec(container.command.join(' '))![1]!;
      const env: Record<string, string> = { PATH: process.env.PATH ?? '', NODE_ENV: 'production' };
      for (const variable of container.env) env[variable.name] = variable.value ?? 'from-a-secret';
      expect(Object.keys(env).filter((name) => /JWT|REDIS|ADMIN/.test(name))).toEqual([]);
      // migrate.js loads exactly this loader; it must accept the Job's environment.
      expect(readFileSync(join(app, 'services', service, 'dist', 'migrate.js'), 'utf8')).toMatch(
        /load\w+MigrationConfig/,
      );
      const script = `const config = require('./services/${service}/dist/config.js');
        const [load] = Object.entries(config).filter(([name]) => /^load\\w*MigrationConfig$/.test(name)).map(([, f]) => f);
        const loaded = load(process.env);
        console.log(loaded.DB_PASSWORD === 'from-a-secret' && loaded.DB_MIGRATE_ON_START === false ? 'ok' : JSON.stringify(loaded));`;
      const result = await run('node', ['-e', script], { cwd: app, env }).catch(
        (error: Error & { stderr?: string }) => ({
          stdout: `${service}: ${error.stderr ?? error.message}`,
        }),
      );
      expect(result.stdout.trim()).toBe('ok');
    }
  });

  it('has dist/migrate.js for exactly the services the chart migrates', () => {
    const values = parse(readFileSync(join(REPO_ROOT, 'charts/gomall/values.yaml'), 'utf8')) as {
      services: Record<string, { migrate: boolean }>;
    };
    for (const service of SERVICES) {
      const hasMigrate = existsSync(join(app, 'services', service, 'dist', 'migrate.js'));
      expect({ service, migrate: values.services[service]!.migrate }).toEqual({
        service,
        migrate: hasMigrate,
      });
    }
  });
});
