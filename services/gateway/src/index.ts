import { serve } from '@gomall/kit';
import { createGatewayService, SERVICE } from './app';
import { loadGatewayConfig } from './config';

serve(SERVICE, loadGatewayConfig, createGatewayService);
