import { setCondition } from '../src/reconcile/conditions';
import { computeStatus, serviceStatus } from '../src/reconcile/status';
import { SERVICE_NAMES } from '../src/mall/services';
import type { MallStatus, ServiceStatus } from '../src/mall/types';
import { mallFixture } from './support/mall';

const t0 = new Date('2026-01-01T00:00:00.000Z');
const t1 = new Date('2026-01-01T00:05:00.000Z');
const summary = (status: MallStatus) =>
  Object.fromEntries((status.conditions ?? []).map((c) => [c.type, `${c.status}:${c.reason}`]));
const allServices = (service: ServiceStatus) =>
  Object.fromEntries(SERVICE_NAMES.map((name) => [name, service]));

describe('setCondition', () => {
  it('moves lastTransitionTime only when the status changes', () => {
    const first = setCondition(
      [],
      { type: 'Ready', status: 'False', reason: 'A', message: 'a' },
      t0,
    );
    const sameStatus = setCondition(
      first,
      { type: 'Ready', status: 'False', reason: 'B', message: 'b' },
      t1,
    );
    expect(sameStatus[0]).toMatchObject({ reason: 'B', lastTransitionTime: t0.toISOString() });
    const flipped = setCondition(
      sameStatus,
      { type: 'Ready', status: 'True', reason: 'C', message: 'c' },
      t1,
    );
    expect(flipped[0]).toMatchObject({ status: 'True', lastTransitionTime: t1.toISOString() });
  });

  it('keeps one condition per type in a fixed order', () => {
    let conditions = setCondition(
      [],
      { type: 'Degraded', status: 'False', reason: 'x', message: '' },
      t0,
    );
    conditions = setCondition(
      conditions,
      { type: 'Ready', status: 'True', reason: 'x', message: '' },
      t0,
    );
    conditions = setCondition(
      conditions,
      { type: 'Degraded', status: 'True', reason: 'y', message: '' },
      t0,
      4,
    );
    expect(conditions.map((c) => c.type)).toEqual(['Ready', 'Degraded']);
    expect(conditions[1]).toMatchObject({ status: 'True', observedGeneration: 4 });
  });
});

describe('computeStatus', () => {
  const mall = mallFixture();

  it('while migrating: Migrated False, Progressing True, no Deployments yet', () => {
    const status = computeStatus(mall, undefined, { stage: 'Migrating', job: 'j1' }, undefined, t0);
    expect(status).toMatchObject({
      phase: 'Migrating',
      migrationJob: 'j1',
      ready: '0/8',
      observedGeneration: 1,
    });
    expect(summary(status)).toEqual({
      Ready: 'False:NotDeployed',
      Migrated: 'False:MigrationRunning',
      Progressing: 'True:Migrating',
      Degraded: 'False:AsExpected',
    });
    expect(status.version).toBeUndefined();
  });

  it('a failed migration is Degraded and stops progress', () => {
    const status = computeStatus(
      mall,
      undefined,
      { stage: 'MigrationFailed', job: 'j1', message: 'BackoffLimitExceeded' },
      undefined,
      t0,
    );
    expect(status.phase).toBe('Degraded');
    expect(summary(status)).toMatchObject({
      Migrated: 'False:MigrationFailed',
      Progressing: 'False:MigrationFailed',
      Degraded: 'True:MigrationFailed',
    });
    expect(status.conditions?.find((c) => c.type === 'Degraded')?.message).toContain(
      'BackoffLimitExceeded',
    );
  });

  it('rolled out but pods not ready: RollingOut, then Ready once every replica is', () => {
    const rolling = computeStatus(
      mall,
      undefined,
      { stage: 'RolledOut', job: 'j1' },
      allServices({ replicas: 1, readyReplicas: 0, updatedReplicas: 0 }),
      t0,
    );
    expect(rolling).toMatchObject({ phase: 'RollingOut', version: '1.0.0', ready: '0/8' });
    expect(summary(rolling)).toMatchObject({
      Ready: 'False:ServicesNotReady',
      Migrated: 'True:MigrationComplete',
      Progressing: 'True:RollingOut',
    });
    const ready = computeStatus(
      mall,
      rolling,
      { stage: 'RolledOut', job: 'j1' },
      allServices({ replicas: 1, readyReplicas: 1, updatedReplicas: 1 }),
      t1,
    );
    expect(ready).toMatchObject({ phase: 'Ready', ready: '8/8' });
    expect(summary(ready)).toMatchObject({
      Ready: 'True:AllServicesReady',
      Progressing: 'False:RolloutComplete',
    });
    // Migrated did not change status: its transition time stays.
    const migrated = ready.conditions?.find((c) => c.type === 'Migrated');
    expect(migrated?.lastTransitionTime).toBe(t0.toISOString());
  });

  it('a new version keeps the served version in status until its own rollout', () => {
    const served = computeStatus(mall, undefined, { stage: 'RolledOut', job: 'j1' }, undefined, t0);
    const next = mallFixture({ version: '2.0.0' });
    const migrating = computeStatus(next, served, { stage: 'Migrating', job: 'j2' }, undefined, t1);
    expect(migrating).toMatchObject({ version: '1.0.0', migrationJob: 'j2', phase: 'Migrating' });
    expect(summary(migrating).Migrated).toBe('False:MigrationRunning');
  });

  it('paused and blocked outcomes say why', () => {
    expect(
      summary(computeStatus(mall, undefined, { stage: 'Paused' }, undefined, t0)).Progressing,
    ).toBe('False:Paused');
    const blocked = computeStatus(
      mall,
      undefined,
      { stage: 'Blocked', reason: 'DaprNotInstalled', message: 'install Dapr' },
      undefined,
      t0,
    );
    expect(blocked.phase).toBe('Degraded');
    expect(summary(blocked).Degraded).toBe('True:DaprNotInstalled');
  });

  it('is identical when nothing changed, so the operator does not rewrite it', () => {
    const services = allServices({ replicas: 2, readyReplicas: 2, updatedReplicas: 2 });
    const first = computeStatus(mall, undefined, { stage: 'RolledOut', job: 'j1' }, services, t0);
    const again = computeStatus(mall, first, { stage: 'RolledOut', job: 'j1' }, services, t1);
    expect(again).toEqual(first);
  });
});

describe('serviceStatus', () => {
  it('does not count updated replicas of an older Deployment generation', () => {
    expect(
      serviceStatus({
        metadata: { generation: 3 },
        spec: { replicas: 2 },
        status: { observedGeneration: 2, readyReplicas: 2, updatedReplicas: 2 },
      }),
    ).toEqual({ replicas: 2, readyReplicas: 2, updatedReplicas: 0 });
    expect(
      serviceStatus({
        metadata: { generation: 3 },
        spec: { replicas: 2 },
        status: { observedGeneration: 3, readyReplicas: 1, updatedReplicas: 2 },
      }),
    ).toEqual({ replicas: 2, readyReplicas: 1, updatedReplicas: 2 });
  });
});
