import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { TOPICS } from '@gomall/contracts';
import { COMPONENT_SCOPES, TOPIC_ROUTES } from '@gomall/kit';
import type { KubeObject } from '@gomall/kube-harness';
import { renderMall } from '../../services/operator/src/render';
import { byKind, CHART, helmCli, parseObjects, valuesFile } from './support/helm';
import { REPO_ROOT, tempDir } from './support/tools';
import { mallFixture } from '../../services/operator/test/support/mall';

// Dapr pub/sub topic scoping and component scopes: the topic table (TOPIC_ROUTES in @gomall/kit)
// matches what the code publishes and subscribes to, and the local components, the chart and the
// operator all give daprd exactly that table. test/integration/dapr-scopes.test.ts shows real
// daprd enforcing it.
type Table = Record<string, { publishers: string[]; subscribers: string[] }>;
interface Component extends KubeObject {
  spec: { metadata: { name: string; value?: string }[] };
  scopes?: string[];
}

const SERVICES = readdirSync(join(REPO_ROOT, 'services')).filter(
  (name) => name !== 'operator' && name !== 'web',
);
const TOPIC_OF_KEY = TOPICS as Record<string, string>;

/** Publishers and subscribers as the code has them: `topic: TOPICS.x` subscribes, any other use publishes. */
function tableInCode(): Table {
  const table: Table = {};
  const entry = (topic: string) => (table[topic] ??= { publishers: [], subscribers: [] });
  for (const service of SERVICES) {
    const walk = (dir: string) => {
      for (const file of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, file.name);
        if (file.isDirectory()) walk(path);
        else if (file.name.endsWith('.ts')) {
          for (const line of readFileSync(path, 'utf8').split('\n')) {
            for (const m of line.matchAll(/(\w+)?:?\s*TOPICS\.(\w+)/g)) {
              const topic = TOPIC_OF_KEY[m[2]!]!;
              // A subscriber's sidecar publishes what its app drops as poison to the dead letter.
              const side = /\btopic:\s*TOPICS\./.test(m[0]) ? 'subscribers' : 'publishers';
              const list = entry(topic)[side];
              if (!list.includes(service)) list.push(service);
            }
          }
        }
      }
    };
    walk(join(REPO_ROOT, 'services', service, 'src'));
  }
  for (const route of Object.values(table)) {
    route.publishers.sort();
    route.subscribers.sort();
  }
  return table;
}

const sortedTable = (
  table: Record<string, { publishers: readonly string[]; subscribers: readonly string[] }>,
) =>
  Object.fromEntries(
    Object.entries(table).map(([topic, r]) => [
      topic,
      { publishers: [...r.publishers].sort(), subscribers: [...r.subscribers].sort() },
    ]),
  );

/** `app=t1,t2;app2=` → { app: [t1, t2], app2: [] } */
function parseScopes(value: string): Record<string, string[]> {
  return Object.fromEntries(
    value.split(';').map((pair) => {
      const [app, topics] = pair.split('=');
      return [app!, topics ? topics.split(',').sort() : []];
    }),
  );
}

/** The topic table a pub/sub component gives daprd, and the apps that load it. */
function tableOf(pubsub: Component): { table: Table; scopes: string[] } {
  const meta = Object.fromEntries(pubsub.spec.metadata.map((m) => [m.name, m.value ?? '']));
  const allowed = meta.allowedTopics!.split(',').sort();
  expect(meta.protectedTopics!.split(',').sort()).toEqual(allowed);
  const publishing = parseScopes(meta.publishingScopes!);
  const subscribing = parseScopes(meta.subscriptionScopes!);
  // Every app that loads the component is named in both lists (protected topics deny the rest).
  expect(Object.keys(publishing).sort()).toEqual([...pubsub.scopes!].sort());
  expect(Object.keys(subscribing).sort()).toEqual([...pubsub.scopes!].sort());
  const table: Table = {};
  for (const topic of allowed) {
    const apps = (scopes: Record<string, string[]>) =>
      Object.keys(scopes)
        .filter((app) => scopes[app]!.includes(topic))
        .sort();
    table[topic] = { publishers: apps(publishing), subscribers: apps(subscribing) };
  }
  return { table, scopes: [...pubsub.scopes!].sort() };
}

const expected = sortedTable(TOPIC_ROUTES);

describe('Dapr pub/sub and component scopes', () => {
  it('the topic table is the code: each topic has its one owner as publisher and the subscribers the code has', () => {
    const code = tableInCode();
    // Topics nobody subscribes to are published only.
    for (const topic of Object.keys(expected)) code[topic] ??= { publishers: [], subscribers: [] };
    expect(sortedTable(code)).toEqual(expected);
    for (const [topic, route] of Object.entries(TOPIC_ROUTES)) {
      if (topic !== TOPICS.deadLetter) expect(route.publishers).toHaveLength(1);
    }
  });

  it('local components (dapr-components/resources): the table, and every component scoped', () => {
    const dir = join(REPO_ROOT, 'dapr-components', 'resources');
    const components = readdirSync(dir)
      .flatMap((file) =>
        parseAllDocuments(readFileSync(join(dir, file), 'utf8')).map((d) => d.toJS() as Component),
      )
      .filter((object) => object.kind === 'Component');
    const byName = Object.fromEntries(components.map((c) => [c.metadata.name, c]));
    const { table, scopes } = tableOf(byName.pubsub!);
    expect(table).toEqual(expected);
    expect(scopes).toEqual([...COMPONENT_SCOPES.pubsub]);
    expect(byName.statestore!.scopes).toEqual([...COMPONENT_SCOPES.statestore]);
    expect(byName.secretstore!.scopes).toEqual([...COMPONENT_SCOPES.localSecretStore]);
    for (const component of components) expect(component.scopes?.length).toBeGreaterThan(0);
  });

  it('helm template: the same table and scopes, and no component without scopes', async () => {
    const temp = tempDir('gm-helm-scopes-');
    try {
      const helm = helmCli(temp.dir);
      for (const set of ['minimal', 'production']) {
        const components = byKind(
          parseObjects(await helm.ok(['template', 'shop', CHART, '-f', valuesFile(set)])),
          'Component',
        ) as Component[];
        expect(components.map((c) => c.metadata.name).sort()).toEqual([
          'order-sweep',
          'pubsub',
          'statestore',
        ]);
        const pubsub = components.find((c) => c.metadata.name === 'pubsub')!;
        const { table, scopes } = tableOf(pubsub);
        expect(table).toEqual(expected);
        expect(scopes).toEqual([...COMPONENT_SCOPES.pubsub]);
        for (const component of components) {
          const name = component.metadata.name;
          expect(component.scopes).toEqual(
            name === 'statestore'
              ? [...COMPONENT_SCOPES.statestore]
              : name === 'order-sweep'
                ? [...COMPONENT_SCOPES.orderSweep]
                : scopes,
          );
        }
      }
    } finally {
      temp.cleanup();
    }
  });

  it('the chart renders the mail binding for the notification sidecar only, once an SMTP server is set', async () => {
    const temp = tempDir('gomall-scopes-mail-');
    try {
      const helm = helmCli(temp.dir);
      const objects = parseObjects(
        await helm.ok([
          'template',
          'shop',
          CHART,
          '-f',
          valuesFile('minimal'),
          '--set',
          'mail.host=smtp.example.com',
        ]),
      );
      const mail = (byKind(objects, 'Component') as Component[]).find(
        (c) => c.metadata.name === 'mail',
      );
      expect(mail?.scopes).toEqual([...COMPONENT_SCOPES.mail]);
      expect(mail?.spec.metadata.map((m) => m.name).sort()).toEqual(
        ['emailFrom', 'host', 'password', 'port', 'skipTLSVerify', 'user'].sort(),
      );
      // The SMTP credentials are a Secret of their own, read by the Dapr operator, not by a pod.
      expect(byKind(objects, 'Secret').map((s) => s.metadata.name)).toContain('shop-mail');
    } finally {
      temp.cleanup();
    }
  });

  it('the operator renders the same table and scopes', () => {
    const components = renderMall(mallFixture()).dapr.filter(
      (o) => o.kind === 'Component',
    ) as Component[];
    expect(components.map((c) => c.metadata.name).sort()).toEqual(['pubsub', 'statestore']);
    const { table, scopes } = tableOf(components.find((c) => c.metadata.name === 'pubsub')!);
    expect(table).toEqual(expected);
    expect(scopes).toEqual([...COMPONENT_SCOPES.pubsub]);
    expect(components.find((c) => c.metadata.name === 'statestore')!.scopes).toEqual(['cart']);
  });
});
