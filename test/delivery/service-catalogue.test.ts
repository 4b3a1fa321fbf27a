import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SERVICE_CATALOGUE, TOPICS, type ServiceName } from '@gomall/contracts';
import { ALL_SERVICES, defaultPortPlan } from '@gomall/devstack';
import { ALLOWED_CALLS, MALL_SERVICES } from '../../services/operator/src/mall/services';
import { REPO_ROOT } from './support/tools';

// The service catalogue (packages/contracts/src/catalogue.ts) is the one list of the services: the
// kit's app ids and topic routes and each service's default port come from it; the places below
// keep lists of their own (YAML, the operator's table, devstack's order), and must say the same.
const NAMES = Object.keys(SERVICE_CATALOGUE) as ServiceName[];

/** caller → callees, each list sorted; callers that invoke nothing left out. */
const sortedCalls = (calls: Record<string, readonly string[]>) =>
  Object.fromEntries(
    Object.entries(calls)
      .filter(([, callees]) => callees.length > 0)
      .map(([caller, callees]) => [caller, [...callees].sort()]),
  );

const catalogueCalls = (among: readonly string[]) =>
  sortedCalls(
    Object.fromEntries(
      NAMES.filter((name) => among.includes(name)).map((name) => [
        name,
        SERVICE_CATALOGUE[name].invokes.filter((callee) => among.includes(callee)),
      ]),
    ),
  );

interface ChartValues {
  services: Record<string, { port: number }>;
  dapr: {
    accessControl: { calls: Record<string, string[]> };
    topics: Record<string, { publishers: string[]; subscribers: string[] }>;
  };
}

const chart = parse(
  readFileSync(join(REPO_ROOT, 'charts', 'gomall', 'values.yaml'), 'utf8'),
) as ChartValues;

describe('the service catalogue and the places that list the services', () => {
  it('the chart: every service on its port, the calls its access control allows, the topics', () => {
    expect(
      Object.fromEntries(Object.entries(chart.services).map(([name, s]) => [name, s.port])),
    ).toEqual(Object.fromEntries(NAMES.map((name) => [name, SERVICE_CATALOGUE[name].port])));
    expect(sortedCalls(chart.dapr.accessControl.calls)).toEqual(catalogueCalls(NAMES));
    for (const [topic, route] of Object.entries(chart.dapr.topics)) {
      if (topic === TOPICS.deadLetter) continue;
      const apps = (side: 'publishes' | 'subscribes') =>
        NAMES.filter((name) =>
          (SERVICE_CATALOGUE[name][side] as readonly string[]).includes(topic),
        );
      expect([[...route.publishers].sort(), [...route.subscribers].sort()]).toEqual([
        apps('publishes').sort(),
        apps('subscribes').sort(),
      ]);
    }
  });

  it('the operator: the services a Mall runs, on their ports, and the calls among them', () => {
    for (const service of MALL_SERVICES) {
      expect(NAMES).toContain(service.name);
      expect([service.name, service.port]).toEqual([
        service.name,
        SERVICE_CATALOGUE[service.name as ServiceName].port,
      ]);
    }
    expect(sortedCalls(ALLOWED_CALLS)).toEqual(
      catalogueCalls(MALL_SERVICES.map((service) => service.name)),
    );
  });

  it('devstack: every service, in catalogue order, locally on its default port', () => {
    expect([...ALL_SERVICES]).toEqual(NAMES);
    const base = process.env.GOMALL_APP_PORT_BASE;
    delete process.env.GOMALL_APP_PORT_BASE;
    try {
      const plan = defaultPortPlan(ALL_SERVICES);
      for (const name of NAMES)
        expect([name, plan.services[name]?.app]).toEqual([name, SERVICE_CATALOGUE[name].port]);
    } finally {
      if (base !== undefined) process.env.GOMALL_APP_PORT_BASE = base;
    }
  });

  it('names only services it has, and gives each topic one publisher', () => {
    for (const name of NAMES) {
      expect(SERVICE_CATALOGUE[name].appId).toBe(name);
      for (const callee of SERVICE_CATALOGUE[name].invokes) expect(NAMES).toContain(callee);
    }
    for (const topic of Object.values(TOPICS).filter((t) => t !== TOPICS.deadLetter)) {
      expect([
        topic,
        NAMES.filter((name) =>
          (SERVICE_CATALOGUE[name].publishes as readonly string[]).includes(topic),
        ).length,
      ]).toEqual([topic, 1]);
    }
  });
});
