import { serve } from '@gomall/kit';
import { createProductService, SERVICE } from './app';
import { loadProductConfig } from './config';

serve(SERVICE, loadProductConfig, createProductService);
