import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { errorEnvelopeSchema } from '@gomall/contracts';
import Koa from 'koa';
import { z } from 'zod';
import type { Operation } from '../src/openapi/operation';
import { API_PREFIX, publicApi, type ApiClients } from '../src/routes/api-router';

/**
 * The served OpenAPI document against what the gateway really does: every route of the Koa router
 * is in the document and nothing else is; for every operation its parameters, request body and
 * answers are compared field by field (types, bounds, required, patterns, closed objects, enums)
 * with the zod schemas its route parses with — read here from the schemas themselves, not from
 * the document generator — and its status codes with the rules of shared/api.md.
 */

type Json = { [key: string]: unknown };
type Document = {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json> };
};

const api = publicApi({} as ApiClients);

/** The document as the gateway serves it over HTTP. */
async function servedDocument(): Promise<Document> {
  const app = new Koa();
  app.use(api.router.routes());
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}${API_PREFIX}/openapi.json`);
    expect(res.status).toBe(200);
    return (await res.json()) as Document;
  } finally {
    server.close();
  }
}

// ---- A schema's rules, in one comparable form ------------------------------------------------

/** The validation keywords compared; descriptions, defaults and examples are text, not rules. */
interface Rules {
  type?: string | string[];
  nullable?: true;
  properties?: Record<string, Rules>;
  required?: string[];
  additionalProperties?: false | Rules;
  items?: Rules;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  patterns?: string[];
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  minProperties?: number;
  anyOf?: Rules[];
  not?: Rules;
}

const COMPARED = [
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'enum',
  'const',
  'minProperties',
] as const;

/** The rules a JSON Schema of the document states ($refs followed). */
function fromJson(json: Json, doc: Document): Rules {
  if (typeof json.$ref === 'string') {
    const name = json.$ref.replace('#/components/schemas/', '');
    const target = doc.components.schemas[name];
    if (!target) throw new Error(`dangling $ref ${json.$ref}`);
    const beside: Json = { ...json };
    delete beside.$ref;
    return fromJson({ ...target, ...beside }, doc);
  }
  const rules: Rules = {};
  let type = json.type as string | string[] | undefined;
  if (Array.isArray(type) && type.includes('null')) {
    rules.nullable = true;
    type = type.filter((t) => t !== 'null');
    if (type.length === 1) type = type[0];
  }
  let anyOf = json.anyOf as Json[] | undefined;
  if (anyOf?.some((option) => option.type === 'null')) {
    const others = anyOf.filter((option) => option.type !== 'null');
    if (others.length === 1)
      return { ...fromJson({ ...json, anyOf: undefined, ...others[0] }, doc), nullable: true };
    anyOf = others;
    rules.nullable = true;
  }
  if (type !== undefined) rules.type = type;
  if (anyOf) rules.anyOf = anyOf.map((option) => fromJson(option, doc));
  if (json.not) rules.not = fromJson(json.not as Json, doc);
  if (json.properties) {
    rules.properties = Object.fromEntries(
      Object.entries(json.properties as Record<string, Json>).map(([k, v]) => [
        k,
        fromJson(v, doc),
      ]),
    );
  }
  if (json.required) rules.required = [...(json.required as string[])].sort();
  if (json.additionalProperties === false) rules.additionalProperties = false;
  else if (json.additionalProperties) {
    rules.additionalProperties = fromJson(json.additionalProperties as Json, doc);
  }
  if (json.items) rules.items = fromJson(json.items as Json, doc);
  const patterns = [
    ...(typeof json.pattern === 'string' ? [json.pattern] : []),
    ...((json.allOf as Json[] | undefined) ?? []).map((part) => part.pattern as string),
  ];
  if (patterns.length > 0) rules.patterns = patterns.sort();
  for (const key of COMPARED)
    if (json[key] !== undefined) Object.assign(rules, { [key]: json[key] });
  return rules;
}

type Def = { type: string; [key: string]: unknown };
type CheckDef = { check: string; [key: string]: unknown };
const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;
const checksOf = (schema: z.ZodType) =>
  ((defOf(schema).checks as z.ZodType[] | undefined) ?? []).map(
    (check) => check._zod.def as unknown as CheckDef,
  );

/** zod's string formats as JSON Schema names them. */
const FORMATS: Record<string, string> = { datetime: 'date-time', guid: 'uuid', url: 'uri' };

function stringRules(schema: z.ZodType): Rules {
  const rules: Rules = { type: 'string' };
  const own = defOf(schema);
  const checks = own.format ? [own as unknown as CheckDef, ...checksOf(schema)] : checksOf(schema);
  const patterns: string[] = [];
  let trimmed = false;
  for (const check of checks) {
    if (check.check === 'min_length')
      rules.minLength = Math.max(rules.minLength ?? 0, check.minimum as number);
    if (check.check === 'max_length')
      rules.maxLength = Math.min(rules.maxLength ?? Infinity, check.maximum as number);
    if (check.check === 'overwrite' && (check.tx as (v: string) => string)(' a ') === 'a')
      trimmed = true;
    if (check.check === 'string_format') {
      if (check.pattern) patterns.push((check.pattern as RegExp).source);
      if (check.format !== 'regex')
        rules.format = FORMATS[check.format as string] ?? (check.format as string);
    }
  }
  // Checked after trimming and at least one character long: not blank, stated as a pattern.
  if (trimmed && (rules.minLength ?? 0) >= 1 && patterns.length === 0)
    patterns.push('[^\\s\\uFEFF]');
  if (patterns.length > 0) rules.patterns = patterns.sort();
  // The email rule is zod's pattern; JSON Schema's `format: email` is another rule, so it is not stated.
  if (rules.format === 'email' && rules.patterns) delete rules.format;
  return rules;
}

function numberRules(schema: z.ZodType): Rules {
  let integer = false;
  const rules: Rules = {};
  const atLeast = (value: number) => (rules.minimum = Math.max(rules.minimum ?? -Infinity, value));
  const atMost = (value: number) => (rules.maximum = Math.min(rules.maximum ?? Infinity, value));
  for (const check of checksOf(schema)) {
    if (check.check === 'number_format' && String(check.format).includes('int')) {
      integer = true;
      atLeast(Number.MIN_SAFE_INTEGER);
      atMost(Number.MAX_SAFE_INTEGER);
    }
    if (check.check === 'greater_than') {
      if (check.inclusive) atLeast(check.value as number);
      else rules.exclusiveMinimum = check.value as number;
    }
    if (check.check === 'less_than') {
      if (check.inclusive) atMost(check.value as number);
      else rules.exclusiveMaximum = check.value as number;
    }
  }
  return { type: integer ? 'integer' : 'number', ...rules };
}

/** Validation keywords a schema states in its metadata (a refinement JSON Schema can say). */
function metaRules(schema: z.ZodType, doc: Document): Rules {
  const meta = (z.globalRegistry.get(schema) ?? {}) as Json;
  const rules: Rules = fromJson(
    Object.fromEntries(
      Object.entries(meta).filter(
        ([key]) => !['id', 'description', 'default', 'examples'].includes(key),
      ),
    ),
    doc,
  );
  return rules;
}

function withMeta(rules: Rules, meta: Rules): Rules {
  const merged: Rules = { ...rules, ...meta };
  if (meta.patterns && rules.format === 'email') delete merged.format;
  return merged;
}

/**
 * The rules a zod schema enforces, read from the schema: `input` for bodies and answers (what is
 * sent), `output` for parameters (the value a query string is parsed into).
 */
function fromZod(schema: z.ZodType, mode: 'input' | 'output', doc: Document): Rules {
  const def = defOf(schema);
  const inner = (key: string) => fromZod(def[key] as z.ZodType, mode, doc);
  let rules: Rules;
  switch (def.type) {
    case 'string':
      rules = stringRules(schema);
      break;
    case 'number':
      rules = numberRules(schema);
      break;
    case 'boolean':
      rules = { type: 'boolean' };
      break;
    case 'enum':
      rules = { type: 'string', enum: Object.values(def.entries as Record<string, string>) };
      break;
    case 'literal': {
      const [value] = def.values as unknown[];
      rules = { type: typeof value, const: value };
      break;
    }
    case 'unknown':
    case 'any':
      rules = {};
      break;
    case 'object': {
      const shape = def.shape as Record<string, z.ZodType>;
      rules = {
        type: 'object',
        properties: Object.fromEntries(
          Object.entries(shape).map(([key, field]) => [key, fromZod(field, mode, doc)]),
        ),
      };
      const required = Object.keys(shape)
        .filter((key) => !shape[key]!.safeParse(undefined).success)
        .sort();
      if (required.length > 0) rules.required = required;
      const catchall = def.catchall as z.ZodType | undefined;
      if (catchall && defOf(catchall).type === 'never') rules.additionalProperties = false;
      else if (catchall) rules.additionalProperties = fromZod(catchall, mode, doc);
      break;
    }
    case 'record':
      rules = { type: 'object', additionalProperties: inner('valueType') };
      break;
    case 'array': {
      rules = { type: 'array', items: inner('element') };
      for (const check of checksOf(schema)) {
        if (check.check === 'min_length') rules.minItems = check.minimum as number;
        if (check.check === 'max_length') rules.maxItems = check.maximum as number;
      }
      break;
    }
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
      rules = inner('innerType');
      break;
    case 'nullable':
      rules = { ...inner('innerType'), nullable: true };
      break;
    case 'pipe': {
      const input = def.in as z.ZodType;
      rules = mode === 'output' || defOf(input).type === 'transform' ? inner('out') : inner('in');
      break;
    }
    case 'union':
      rules = { anyOf: (def.options as z.ZodType[]).map((option) => fromZod(option, mode, doc)) };
      break;
    default:
      throw new Error(`no rule reading for zod type ${def.type}`);
  }
  return withMeta(rules, metaRules(schema, doc));
}

// ---- The comparison -------------------------------------------------------------------------

const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

/** The router's routes as `method path`, HEAD left out (Koa answers it with GET). */
function routerRoutes(): string[] {
  const routes = new Set<string>();
  for (const layer of api.router.stack) {
    const path = openApiPath(String(layer.path).slice(API_PREFIX.length));
    for (const method of layer.methods.filter((m) => m !== 'HEAD')) {
      routes.add(`${method.toLowerCase()} ${path}`);
    }
  }
  return [...routes].sort();
}

function documentedRoutes(doc: Document): string[] {
  return Object.entries(doc.paths)
    .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
    .sort();
}

/**
 * The status codes an operation must document: its own answers and declared errors, 400 when it
 * parses any input, 401 unless anonymous, 403 for admins, 429 always (rate limits run before
 * routing), 503 unless the gateway answers alone.
 */
function expectedStatuses(operation: Operation): string[] {
  const statuses = new Set(Object.keys(operation.answers));
  for (const status of Object.keys(operation.errors ?? {})) statuses.add(status);
  const { params, query, headers, body } = operation;
  if (params || query || headers || body) statuses.add('400');
  if (operation.access !== 'anonymous') statuses.add('401');
  if (operation.access === 'admin') statuses.add('403');
  statuses.add('429');
  if (!operation.local) statuses.add('503');
  return [...statuses].sort();
}

/**
 * JSON with its keys in order: the served document is parsed in another realm than the test's
 * own objects (jest's sandbox), so they are compared as data, not as objects.
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function differences(doc: Document): string[] {
  const found: string[] = [];
  const same = (what: string, actual: unknown, expected: unknown) => {
    if (canonical(actual) !== canonical(expected)) {
      found.push(
        `${what}: document ${JSON.stringify(actual)}, gateway ${JSON.stringify(expected)}`,
      );
    }
  };
  same('routes', documentedRoutes(doc), routerRoutes());
  const errorRules = fromZod(errorEnvelopeSchema, 'input', doc);
  for (const operation of api.operations) {
    const name = operation.operationId;
    const documented = doc.paths[openApiPath(operation.path)]?.[operation.method];
    if (!documented) {
      found.push(`${name}: not in the document`);
      continue;
    }
    same(`${name} operationId`, documented.operationId, name);
    same(
      `${name} security`,
      documented.security,
      {
        anonymous: undefined,
        public: [{}, { bearer: [] }],
        user: [{ bearer: [] }],
        admin: [{ bearer: [] }],
      }[operation.access],
    );

    const parameters = (documented.parameters as Json[] | undefined) ?? [];
    const expected: Json[] = [];
    for (const [where, fields] of [
      ['path', operation.params],
      ['query', operation.query],
      ['header', operation.headers],
    ] as const) {
      for (const [field, schema] of Object.entries(fields?.shape ?? {})) {
        expected.push({
          name: field,
          in: where,
          required: where === 'path' || !(schema as z.ZodType).safeParse(undefined).success,
          rules: fromZod(schema as z.ZodType, 'output', doc),
        });
      }
    }
    same(
      `${name} parameters`,
      parameters.map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required,
        rules: fromJson(p.schema as Json, doc),
      })),
      expected,
    );

    const requestBody = documented.requestBody as
      { required: boolean; content: { 'application/json': { schema: Json } } } | undefined;
    same(`${name} has a body`, requestBody !== undefined, operation.body !== undefined);
    if (requestBody && operation.body) {
      same(`${name} body required`, requestBody.required, !operation.bodyOptional);
      same(
        `${name} body`,
        fromJson(requestBody.content['application/json'].schema, doc),
        fromZod(operation.body, 'input', doc),
      );
    }

    const responses = documented.responses as Record<
      string,
      { content?: Record<string, { schema: Json }> }
    >;
    same(`${name} status codes`, Object.keys(responses).sort(), expectedStatuses(operation));
    for (const [status, response] of Object.entries(responses)) {
      const schema = response.content?.['application/json']?.schema;
      const answer = operation.answers[Number(status)];
      const expectedRules = answer
        ? answer.schema && fromZod(answer.schema, 'input', doc)
        : errorRules;
      same(`${name} ${status} answer`, schema && fromJson(schema, doc), expectedRules);
    }
  }
  return found;
}

describe('the served OpenAPI document', () => {
  let doc: Document;
  beforeAll(async () => {
    doc = await servedDocument();
  });

  it('is what the routes and their zod schemas say, field by field', () => {
    expect(differences(doc)).toEqual([]);
  });

  it('lists every route the router serves, and the batch get among them', () => {
    expect(routerRoutes()).toContain('get /products');
    expect(routerRoutes().length).toBeGreaterThanOrEqual(35);
    const ids = (doc.paths['/products']!.get!.parameters as Json[]).find((p) => p.name === 'ids')!;
    expect(ids).toMatchObject({
      in: 'query',
      required: false,
      style: 'form',
      explode: false,
      schema: {
        type: 'array',
        minItems: 1,
        maxItems: 100,
        items: { pattern: '^[A-Za-z0-9-]{1,64}$' },
      },
    });
  });

  it('gives every operation a unique id, a summary and a success answer', () => {
    const ids = api.operations.map((operation) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const operation of api.operations) {
      expect(operation.summary).toBeTruthy();
      expect(Object.keys(operation.answers).some((code) => code.startsWith('2'))).toBe(true);
    }
  });

  // The comparison can fail: a document that differs from the routes in one thing is caught.
  it.each<[string, (doc: Document) => void, string]>([
    [
      'a bound',
      (d) =>
        ((
          d.components.schemas.AddCartItemRequest!.properties as Record<string, Json>
        ).quantity!.maximum = 100),
      'addCartItem body',
    ],
    [
      'a pattern',
      (d) =>
        (((d.paths['/products/{id}']!.get!.parameters as Json[])[0]!.schema as Json).pattern =
          '.*'),
      'getProduct parameters',
    ],
    [
      'a required field',
      (d) => (d.components.schemas.Product!.required as string[]).pop(),
      'getProduct 200 answer',
    ],
    [
      'a status code',
      (d) => delete (d.paths['/cart']!.get!.responses as Json)[401],
      'getCart status codes',
    ],
    ['a route', (d) => delete d.paths['/categories'], 'routes'],
    [
      'a closed body opened',
      (d) => delete d.components.schemas.LoginRequest!.additionalProperties,
      'login body',
    ],
  ])('notices %s that differs', (_what, change, where) => {
    const changed = structuredClone(doc);
    change(changed);
    expect(differences(changed).join('\n')).toContain(where);
  });
});
