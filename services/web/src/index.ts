import { serve } from '@gomall/kit';
import { createWebService, SERVICE } from './app';
import { loadWebConfig } from './config';

serve(SERVICE, loadWebConfig, createWebService);
