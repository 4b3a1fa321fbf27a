import { serve } from '@gomall/kit';
import { createOrderService, SERVICE } from './app';
import { loadOrderConfig } from './config';

serve(SERVICE, loadOrderConfig, createOrderService);
