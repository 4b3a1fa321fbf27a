import { ERRORS, type ApiArea } from './building-blocks';
import { adminCatalogArea } from './areas/admin-catalog';
import { adminOpsArea } from './areas/admin-ops';
import { adminUsersArea } from './areas/admin-users';
import { authArea } from './areas/auth';
import { cartArea } from './areas/cart';
import { catalogArea } from './areas/catalog';
import { checkoutArea } from './areas/checkout';
import { metaArea } from './areas/meta';
import { ordersArea } from './areas/orders';
import { usersArea } from './areas/users';

/**
 * The OpenAPI 3.1 document of the public API (shared/api.md), served at GET /api/v1/openapi.json.
 * Each area of the API describes itself in areas/; a unit test checks that every route the
 * gateway serves is described here and nothing else is.
 */
const AREAS: ApiArea[] = [
  metaArea,
  catalogArea,
  adminCatalogArea,
  ordersArea,
  authArea,
  usersArea,
  cartArea,
  checkoutArea,
  adminOpsArea,
  adminUsersArea,
];

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'Gomall public API',
    version: '1.0.0',
    description:
      'The gateway is the only public entry. JSON in and out; errors use the envelope ' +
      '`{ error: { code, message, details? } }`; every response carries X-Request-Id.',
  },
  servers: [{ url: '/api/v1' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    schemas: Object.assign({}, ...AREAS.map((area) => area.schemas)) as ApiArea['schemas'],
  },
  paths: withEveryOperationAnswers(
    Object.assign({}, ...AREAS.map((area) => area.paths)) as ApiArea['paths'],
  ),
};

/**
 * What any operation may answer whatever it is: 429 (the gateway's rate limits run before routing,
 * on every path), 503 where a service is called (it is down, or the request ran out of time), and
 * 400 for an id in the path that is not one (each area states its own 400 where the body or query
 * can be wrong too).
 */
function withEveryOperationAnswers(paths: ApiArea['paths']): ApiArea['paths'] {
  for (const [path, operations] of Object.entries(paths)) {
    for (const operation of Object.values(operations) as Array<{
      responses: Record<string, unknown>;
    }>) {
      operation.responses[429] ??= ERRORS[429];
      if (path !== '/openapi.json') operation.responses[503] ??= ERRORS[503];
      if (path.includes('{')) operation.responses[400] ??= ERRORS[400];
    }
  }
  return paths;
}
