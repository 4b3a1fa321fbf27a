import { LABELS } from '../mall/labels';
import { RESOURCES } from '../k8s/resources';
import type { KubeObject } from '../k8s/object';
import { jobFailureMessage, jobState, MIGRATION_COMPONENT } from '../render/migration-job';
import { PROCEED, stop, type ReconcileContext, type StepResult } from './context';

/**
 * Step 2: the migration Job of this version. Nothing is rolled out until it has completed; a failed
 * Job stops the reconcile (Degraded) until the version changes or someone deletes the Job to retry.
 */
export async function reconcileMigration(context: ReconcileContext): Promise<StepResult> {
  const { mall, cache, desired } = context;
  const name = desired.migrationJob.metadata.name;
  const live = cache.get<KubeObject>(RESOURCES.job, mall.metadata.namespace, name);
  switch (jobState(live)) {
    case 'Missing': {
      const result = await context.applier.createIfMissing(desired.migrationJob);
      if (result === 'created') {
        context.recorder.applied('Job', 'missing');
        context.logger.info({ job: name, version: mall.spec.version }, 'started migration');
      }
      return stop({ stage: 'Migrating', job: name });
    }
    case 'Running':
      return stop({ stage: 'Migrating', job: name });
    case 'Failed':
      return stop({ stage: 'MigrationFailed', job: name, message: jobFailureMessage(live) });
    case 'Complete':
      return PROCEED;
  }
}

/** After a rollout: the Jobs of earlier versions have done their work. */
export async function deleteOldMigrations(context: ReconcileContext): Promise<void> {
  const { mall, cache, desired } = context;
  const current = desired.migrationJob.metadata.name;
  const old = cache
    .list<KubeObject>(RESOURCES.job, mall.metadata.namespace)
    .filter(
      (job) =>
        job.metadata.labels?.[LABELS.mall] === mall.metadata.name &&
        job.metadata.labels?.[LABELS.component] === MIGRATION_COMPONENT &&
        job.metadata.name !== current,
    );
  for (const job of old) {
    await context.applier.delete(RESOURCES.job, mall.metadata.namespace, job.metadata.name);
    context.recorder.deleted('Job');
    context.logger.info(
      { job: job.metadata.name },
      'deleted the migration Job of an earlier version',
    );
  }
}
