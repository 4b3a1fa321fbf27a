import { runMigrationJob } from '@gomall/kit/db';
import { schemaPlan, SERVICE } from './app';
import { loadCheckoutMigrationConfig } from './config';

/** Entry point of the migration Job (Helm pre-install/pre-upgrade hook, operator). */
runMigrationJob(SERVICE, loadCheckoutMigrationConfig, schemaPlan);
