import { z } from 'zod';

/** A JSON Schema (2020-12, as OpenAPI 3.1 uses it) as plain data. */
export type JsonSchema = { [keyword: string]: unknown };

/** A string that must hold one character that is not white space (what trim() leaves non-empty). */
const NON_BLANK = '[^\\s\\uFEFF]';

const COMPONENTS = '#/components/schemas/';

type Check = { _zod: { def: { check: string; tx?: (value: string) => unknown } } };

/** A string schema with a check that strips surrounding white space (`.trim()`). */
function trimsInput(schema: z.ZodType): boolean {
  const def = schema._zod.def as unknown as { checks?: Check[] };
  const checks = (def.checks ?? []).map((check) => check._zod.def);
  return checks.some((check) => check.check === 'overwrite' && check.tx?.(' x ') === 'x');
}

/**
 * The two places where the document says more (or less) than z.toJSONSchema writes:
 * - a string that is trimmed and must then keep at least one character cannot be blank: zod
 *   checks the length after trimming, so the document states it as a pattern (one character that
 *   is not white space — ECMAScript's \s, what trim() strips; the BOM named since not every regex
 *   dialect counts it as space);
 * - `format: email` is left out where zod's own pattern is written: JSON Schema's email format is
 *   not zod's rule (quoted local parts, IP literals), and the pattern is the rule the gateway checks.
 */
function override(context: { zodSchema: unknown; jsonSchema: JsonSchema }): void {
  const schema = context.zodSchema as z.ZodType;
  const json = context.jsonSchema;
  if (schema._zod.def.type !== 'string') return;
  if (trimsInput(schema) && Number(json.minLength ?? 0) >= 1 && json.pattern === undefined) {
    json.pattern = NON_BLANK;
  }
  if (json.format === 'email' && json.pattern !== undefined) delete json.format;
}

/** `#/$defs/X` (zod's place for schemas with an id) → `#/components/schemas/X`. */
function toComponentRefs<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(/"#\/\$defs\//g, `"${COMPONENTS}`)) as T;
}

/**
 * Request bodies and answers, converted together as the input they describe (what a client sends,
 * what the gateway answers): a schema with an `id` in its metadata (`.meta({ id: 'Product' })`)
 * becomes one component that every use refers to; everything else is written in place.
 */
export function bodySchemas(slots: Record<string, z.ZodType>): {
  slots: Record<string, JsonSchema>;
  components: Record<string, JsonSchema>;
} {
  const json = z.toJSONSchema(z.object(slots), { io: 'input', override }) as JsonSchema;
  return {
    slots: toComponentRefs(json.properties as Record<string, JsonSchema>),
    components: toComponentRefs((json.$defs ?? {}) as Record<string, JsonSchema>),
  };
}

/**
 * A path, query or header parameter: the value as the route uses it once parsed (output), so a
 * page number sent as text and checked as a number is an integer with its bounds.
 */
export function parameterSchema(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'output', override }) as JsonSchema;
  delete json.$schema;
  return json;
}
