import type { FastifyRouteSchemaDef, FastifyValidationResult } from 'fastify/types/schema.js';
import { validatorCompiler } from 'fastify-type-provider-zod';

/**
 * A route's validator compiler that documents the body schema in OpenAPI but
 * hands the body over unchecked, while still checking the query string and
 * the path. For bodies that a service checks itself against the data model:
 * intake (which quarantines what does not fit rather than refusing it) and
 * inspection results (filled in before they are checked).
 */
export function bodyAsIs<T>(route: FastifyRouteSchemaDef<T>): FastifyValidationResult {
  if (route.httpPart === 'body') return (data: unknown) => ({ value: data });
  return validatorCompiler(route as never) as FastifyValidationResult;
}
