import { serve } from '@gomall/kit';
import { createNotificationService, SERVICE } from './app';
import { loadNotificationConfig } from './config';

serve(SERVICE, loadNotificationConfig, createNotificationService);
