// Validates an API answer against the OpenAPI document the server serves: the document's components/schemas compiled
// with Ajv (the JSON Schema of OpenAPI 3.1), each answer checked against the schema its route names.
import { Ajv } from 'ajv';

/** A function giving the errors of `value` against the document's schema `name` ([] when it is valid). */
export function responseValidator(doc: Record<string, unknown>): (name: string, value: unknown) => string[] {
  // Not strict: an OpenAPI document carries keywords of its own (openapi, paths, …) beside the schemas.
  const ajv = new Ajv({ strict: false, allowUnionTypes: true, allErrors: true, validateFormats: false });
  ajv.addSchema(doc, 'openapi');
  return (name, value) => {
    const validate = ajv.getSchema(`openapi#/components/schemas/${name}`);
    if (!validate) return [`no schema ${name}`];
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };
}
