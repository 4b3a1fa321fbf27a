import { apiRouter, API_PREFIX, type ApiClients } from '../src/routes/api-router';
import { openApiDocument } from '../src/openapi/document';

/** Every route the gateway serves is in the OpenAPI document, and the document lists nothing else. */
describe('OpenAPI document', () => {
  const router = apiRouter({} as ApiClients);
  const served = new Set<string>();
  for (const layer of router.stack) {
    const path = String(layer.path)
      .slice(API_PREFIX.length)
      .replace(/:([A-Za-z]+)/g, '{$1}');
    for (const method of layer.methods.filter((m) => m !== 'HEAD'))
      served.add(`${method.toLowerCase()} ${path}`);
  }
  const documented = new Set<string>();
  for (const [path, operations] of Object.entries(openApiDocument.paths)) {
    for (const method of Object.keys(operations)) documented.add(`${method} ${path}`);
  }

  it('describes exactly the served routes', () => {
    expect([...documented].sort()).toEqual([...served].sort());
  });

  it('gives every operation an id and a success response', () => {
    for (const operations of Object.values(openApiDocument.paths)) {
      for (const operation of Object.values(operations) as Array<{
        operationId: string;
        responses: object;
      }>) {
        expect(operation.operationId).toBeTruthy();
        expect(Object.keys(operation.responses).some((code) => code.startsWith('2'))).toBe(true);
      }
    }
  });
});
