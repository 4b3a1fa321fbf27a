import { startTracing, tracingSettings } from './setup';

// Loaded first by the kit's index (see startTracing): tracing must be on before the modules it
// instruments are required. A bad setting fails the process at start, like any configuration.
startTracing(tracingSettings());
