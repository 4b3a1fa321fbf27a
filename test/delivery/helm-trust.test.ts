import { ALL_SERVICES, usesDatabase } from '@gomall/devstack';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { freePort } from '@gomall/devstack';
import type { KubeObject } from '@gomall/kube-harness';
import { startMariaDb } from '../../tools/devstack/src/mariadb';
import { byKind, CHART, helmCli, parseObjects, valuesFile, type Helm } from './support/helm';
import { REPO_ROOT, tempDir } from './support/tools';

// Issue 11 (zero trust) as the chart renders it: Redis AUTH on the production path and in the
// dev Redis; one database account per service, each pod given only its own.
const run = promisify(execFile);
// The services that own a schema (they have a migration entry point).
const DATABASE_SERVICES: string[] = ALL_SERVICES.filter((s) => usesDatabase(REPO_ROOT, s)).sort();
interface Container {
  name: string;
  args?: string[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string } };
  }[];
}
const containersOf = (workload: KubeObject) =>
  (workload.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers;

describe('helm chart: Redis AUTH', () => {
  let helm: Helm;
  let cleanup: () => void;

  beforeAll(() => {
    const temp = tempDir('gm-helm-trust-');
    cleanup = temp.cleanup;
    helm = helmCli(temp.dir);
  });
  afterAll(() => cleanup?.());

  it('the values schema refuses a Redis without a password unless the Secret is managed outside', async () => {
    const refused = await helm([
      'template',
      'shop',
      CHART,
      '-f',
      valuesFile('minimal'),
      '--set',
      'redis.password=',
    ]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/redis\/password/);
    const objects = parseObjects(
      await helm.ok(['template', 'shop', CHART, '-f', valuesFile('minimal')]),
    );
    const secret = objects.find((o) => o.kind === 'Secret' && o.metadata.name === 'shop-redis') as
      (KubeObject & { stringData: Record<string, string> }) | undefined;
    expect(new URL(secret!.stringData['redis-url']!).password).not.toBe('');
  });

  it('the dev Redis requires the release password (--requirepass from the Redis Secret)', async () => {
    const objects = parseObjects(
      await helm.ok([
        'template',
        'gomall',
        CHART,
        '-f',
        join(REPO_ROOT, 'tilt', 'values-dev.yaml'),
      ]),
    );
    const redis = byKind(objects, 'Deployment').find((d) => d.metadata.name === 'gomall-redis')!;
    const [container] = containersOf(redis);
    expect(container!.args).toEqual(expect.arrayContaining(['--requirepass', '$(REDIS_PASSWORD)']));
    expect(container!.env).toContainEqual({
      name: 'REDIS_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'gomall-redis', key: 'redis-password' } },
    });
  });
});

describe('helm chart: one database account per service', () => {
  let helm: Helm;
  let cleanup: () => void;
  let dir: string;

  beforeAll(() => {
    const temp = tempDir('gm-helm-db-');
    cleanup = temp.cleanup;
    dir = temp.dir;
    helm = helmCli(join(dir, 'helm'));
  });
  afterAll(() => cleanup?.());

  const secretRefs = (workload: KubeObject) =>
    new Set(
      containersOf(workload).flatMap((c) =>
        (c.env ?? []).flatMap((e) =>
          e.name.startsWith('DB_') && e.valueFrom?.secretKeyRef
            ? [e.valueFrom.secretKeyRef.name]
            : [],
        ),
      ),
    );

  it.each(['minimal', 'production', 'external-database'])(
    "%s: every Deployment and migration Job gets its own service's account Secret, no other",
    async (set) => {
      const objects = parseObjects(
        await helm.ok(['template', 'shop', CHART, '-f', valuesFile(set)]),
      );
      const own = (service: string) =>
        set === 'production'
          ? `gomall-db-${service}`
          : set === 'external-database'
            ? `managed-db-${service}`
            : `shop-${service}-db`;
      for (const kind of ['Deployment', 'Job']) {
        for (const workload of byKind(objects, kind)) {
          const service = workload.metadata.name.replace(/^shop-(migrate-)?/, '');
          const expected = DATABASE_SERVICES.includes(service) ? [own(service)] : [];
          expect({ kind, service, secrets: [...secretRefs(workload)] }).toEqual({
            kind,
            service,
            secrets: expected,
          });
        }
      }
      const dbSecrets = byKind(objects, 'Secret').filter((s) => s.metadata.name.endsWith('-db'));
      if (set === 'minimal') {
        expect(
          dbSecrets.map((s) => [
            s.metadata.name,
            (s as KubeObject & { stringData: Record<string, string> }).stringData['db-user'],
          ]),
        ).toEqual(DATABASE_SERVICES.map((s) => [`shop-${s}-db`, `gomall_${s}`]));
      } else {
        expect(dbSecrets).toEqual([]);
      }
    },
  );

  it('the schema wants a password (or a Secret of yours) for every service with a schema', async () => {
    const result = await helm([
      'template',
      'shop',
      CHART,
      '-f',
      valuesFile('minimal'),
      '--set',
      'database.passwords.order=null',
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('database.passwords.order or database.existingSecrets.order');
  });

  it('the dev MariaDB creates each account, privileged on its own schema only (real MariaDB)', async () => {
    const objects = parseObjects(
      await helm.ok([
        'template',
        'gomall',
        CHART,
        '-f',
        join(REPO_ROOT, 'tilt', 'values-dev.yaml'),
      ]),
    );
    const init = objects.find(
      (o) => o.kind === 'ConfigMap' && o.metadata.name === 'gomall-mariadb-init',
    ) as KubeObject & { data: Record<string, string> };
    const script = join(dir, 'accounts.sh');
    writeFileSync(script, init.data['accounts.sh']!);
    const mariadb = containersOf(
      byKind(objects, 'Deployment').find((d) => d.metadata.name === 'gomall-mariadb')!,
    )[0]!;
    // The container's env: each account's user and password from its service's Secret.
    const secrets = Object.fromEntries(
      byKind(objects, 'Secret').map((s) => [
        s.metadata.name,
        (s as KubeObject & { stringData: Record<string, string> }).stringData,
      ]),
    );
    const env: Record<string, string> = {};
    for (const e of mariadb.env ?? []) {
      const ref = e.valueFrom?.secretKeyRef;
      if (ref && e.name.startsWith('DB_')) env[e.name] = secrets[ref.name]![ref.key]!;
    }
    expect(Object.keys(env)).toHaveLength(2 * DATABASE_SERVICES.length);

    const port = await freePort();
    const server = await startMariaDb({
      dataDir: join(dir, 'db'),
      port,
      user: 'admin',
      password: 'admin-password',
      schemaUsers: [],
      fast: true,
      onExit: () => undefined,
    });
    try {
      // What the image's entrypoint does with the script: source it with docker_process_sql.
      const socket = join(dir, 'db', 'mariadb', 'mysqld.sock');
      await run(
        'bash',
        [
          '-c',
          `set -e; docker_process_sql() { mariadb --no-defaults --socket='${socket}' -uroot; }; source '${script}'`,
        ],
        { env: { ...env, PATH: process.env.PATH ?? '' } },
      );
      for (const service of DATABASE_SERVICES) {
        const db = await mysql.createConnection({
          host: '127.0.0.1',
          port,
          user: env[`DB_USER_${service.toUpperCase()}`],
          password: env[`DB_PASSWORD_${service.toUpperCase()}`],
        });
        try {
          expect(env[`DB_USER_${service.toUpperCase()}`]).toBe(`gomall_${service}`);
          await db.query(`CREATE DATABASE IF NOT EXISTS \`gomall_${service}\``);
          await db.query(`CREATE TABLE \`gomall_${service}\`.t (id INT)`);
          const denied = async (sql: string) =>
            db.query(sql).then(
              () => 'allowed',
              (error: { code?: string }) => error.code,
            );
          for (const other of DATABASE_SERVICES.filter((s) => s !== service)) {
            expect(await denied(`CREATE DATABASE IF NOT EXISTS \`gomall_${other}\``)).toMatch(
              /ER_DBACCESS_DENIED_ERROR/,
            );
          }
          // The escaped underscore: gomall_order's grant is no pattern for gomallXorder.
          expect(await denied(`CREATE DATABASE \`gomallX${service}\``)).toBe(
            'ER_DBACCESS_DENIED_ERROR',
          );
          expect(await denied('SELECT user FROM mysql.user')).toBe('ER_TABLEACCESS_DENIED_ERROR');
        } finally {
          await db.end();
        }
      }
      // Each account sees only its own schema, now that all of them exist.
      const order = await mysql.createConnection({
        host: '127.0.0.1',
        port,
        user: env.DB_USER_ORDER,
        password: env.DB_PASSWORD_ORDER,
      });
      try {
        const [rows] = await order.query<mysql.RowDataPacket[]>('SHOW DATABASES');
        expect(rows.map((r) => r.Database as string).sort()).toEqual([
          'gomall_order',
          'information_schema',
        ]);
      } finally {
        await order.end();
      }
    } finally {
      await server.stop(30_000);
    }
  });
});
