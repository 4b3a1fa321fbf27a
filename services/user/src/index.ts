import { serve } from '@gomall/kit';
import { createUserService, SERVICE } from './app';
import { loadUserConfig } from './config';

serve(SERVICE, loadUserConfig, createUserService);
