import { serve } from '@gomall/kit';
import { createPaymentService, SERVICE } from './app';
import { loadPaymentConfig } from './config';

serve(SERVICE, loadPaymentConfig, createPaymentService);
