import { serve } from '@gomall/kit';
import { createCheckoutService, SERVICE } from './app';
import { loadCheckoutConfig } from './config';

serve(SERVICE, loadCheckoutConfig, async (config) => {
  const checkout = await createCheckoutService(config);
  // Sagas a crash left in flight are finished or compensated once we can serve again.
  return { ...checkout, afterListen: checkout.startRecovery };
});
