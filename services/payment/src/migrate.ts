import { runMigrationJob } from '@gomall/kit';
import { schemaPlan, SERVICE } from './app';
import { loadPaymentConfig } from './config';

/** Entry point of the migration Job (Helm pre-install/pre-upgrade hook, operator). */
runMigrationJob(SERVICE, loadPaymentConfig, schemaPlan);
