import { serve } from '@gomall/kit';
import { createCartService, SERVICE } from './app';
import { loadCartConfig } from './config';

serve(SERVICE, loadCartConfig, createCartService);
