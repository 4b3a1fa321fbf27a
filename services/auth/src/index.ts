import { serve } from '@gomall/kit';
import { createAuthService, SERVICE } from './app';
import { loadAuthConfig } from './config';

serve(SERVICE, loadAuthConfig, createAuthService);
