import { runMigrationJob } from '@gomall/kit/db';
import { schemaPlan, SERVICE } from './app';
import { loadUserMigrationConfig } from './config';

/** Entry point of the migration Job (Helm pre-install/pre-upgrade hook, operator). */
runMigrationJob(SERVICE, loadUserMigrationConfig, schemaPlan);
