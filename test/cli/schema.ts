// The report schema (docs/report.schema.json), compiled once with Ajv for the CLI tests.
//
// About the import: ajv 8 is CommonJS (`module.exports = Ajv`, plus `exports.default = Ajv` and `exports.Ajv = Ajv`).
// Under "module": "NodeNext" a default import of a CommonJS package is its whole `module.exports`, which TypeScript
// types as the module namespace, so `new Ajv()` on `import Ajv from 'ajv'` does not type-check (and `.default` would
// be needed). The named export `Ajv` is the class both for TypeScript and at run time (Node finds `exports.Ajv`), so
// it is what we import.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';

export const SCHEMA_FILE = new URL('../../docs/report.schema.json', import.meta.url);
export const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as {
  required: string[];
  properties: Record<string, unknown>;
  definitions: Record<string, { required?: string[]; properties?: Record<string, unknown> }>;
};

// strict: unknown keywords or ignored schema parts are errors, so a typo in the schema fails the tests instead of
// silently validating nothing; union types (["string", "null"]) are what the schema uses for nullable fields.
const ajv = new Ajv({ strict: true, allowUnionTypes: true, allErrors: true });
ajv.addSchema(schema, 'report');

function get(ref: string): ValidateFunction {
  const fn = ajv.getSchema(ref);
  if (!fn) throw new Error(`no schema at ${ref}`);
  return fn;
}

export const validateReport = get('report');
export const validateEvent = get('report#/definitions/event');
export const validateArticle = get('report#/definitions/article');

/** Ajv's errors as readable lines, for failure messages. */
export function errorsOf(fn: ValidateFunction): string {
  return ajv.errorsText(fn.errors, { separator: '\n' });
}
