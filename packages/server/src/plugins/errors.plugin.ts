import { formatPath } from '@sieve/core';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type ERRORS, type FieldProblem, fromCodedMessage, SieveError } from '../errors/index.ts';
import { wantsAppPage } from './web.plugin.ts';

/** The body of every error answer. */
export interface ErrorBody {
  code: string;
  message: string;
  statusCode: number;
  /** Correlation id: the same as the X-Request-Id header and the server's log lines. */
  requestId: string;
  details?: unknown;
}

const FASTIFY_CODES: Record<string, keyof typeof ERRORS> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'SIEVE_ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'SIEVE_ERR_VALIDATION',
  FST_ERR_CTP_BODY_TOO_LARGE: 'SIEVE_ERR_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'SIEVE_ERR_BAD_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'SIEVE_ERR_BAD_JSON',
};

/**
 * Turns every error into the catalogue's shape: known codes with their
 * status, request validation into 400 naming each field, and anything else
 * into a 500 that carries only the request id (the stack goes to the log).
 */
export const errorsPlugin = fp(
  async (app: FastifyInstance, opts: { webApp?: boolean }) => {
    app.setErrorHandler((err: FastifyError, request, reply) => {
      const known = toSieveError(err);
      if (known) {
        if (known.status >= 500) request.log.error({ err }, known.message);
        else request.log.info({ code: known.code }, known.message);
        return send(request, reply, known);
      }
      request.log.error({ err }, 'unexpected error');
      return send(
        request,
        reply,
        new SieveError(
          'SIEVE_ERR_INTERNAL',
          `something went wrong on our side; quote request id ${request.id} to an administrator`,
        ),
      );
    });
    app.setNotFoundHandler((request, reply) => {
      if (opts.webApp && wantsAppPage(request.method, request.url, request.headers.accept))
        return reply.header('cache-control', 'no-cache').sendFile('index.html');
      return send(
        request,
        reply,
        new SieveError(
          'SIEVE_ERR_ROUTE_NOT_FOUND',
          `no endpoint ${request.method} ${request.url.split('?')[0]}; see /docs`,
        ),
      );
    });
  },
  { name: 'sieve-errors' },
);

function send(request: FastifyRequest, reply: FastifyReply, e: SieveError): FastifyReply {
  const body: ErrorBody = { code: e.code, message: e.message, statusCode: e.status, requestId: request.id };
  if (e.details !== undefined) body.details = e.details;
  if (e.headers) reply.headers(e.headers);
  return reply.code(e.status).type('application/json; charset=utf-8').send(body);
}

/** Zod's message as "what was expected", in the words intake uses for records. */
function expectation(message: string | undefined): string {
  if (!message) return 'a valid value';
  if (/received undefined$/.test(message)) return 'a value (the field is required)';
  return message.replace(/^Invalid (input|option): /, '');
}

function toSieveError(err: FastifyError): SieveError | undefined {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = err.validationContext ?? 'body';
    const problems: FieldProblem[] = err.validation.flatMap((v) => {
      const path = v.instancePath.split('/').filter(Boolean);
      const params = v.params as { keys?: string[] };
      if (v.keyword === 'unrecognized_keys' && params.keys)
        return params.keys.map((k) => ({
          in: where,
          field: formatPath([...path, k]),
          expected: 'no such field',
        }));
      return [{ in: where, field: formatPath(path) || `(${where})`, expected: expectation(v.message) }];
    });
    return new SieveError(
      'SIEVE_ERR_VALIDATION',
      problems.map((p) => `${p.in} ${p.field}: ${p.expected}`).join('; '),
      problems,
    );
  }
  const coded = fromCodedMessage(err);
  if (coded) return coded;
  if (err.code && FASTIFY_CODES[err.code]) return new SieveError(FASTIFY_CODES[err.code]!, err.message);
  if (err instanceof SyntaxError && err.statusCode === 400)
    return new SieveError('SIEVE_ERR_BAD_JSON', err.message);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return new SieveError(
      err.statusCode === 413 ? 'SIEVE_ERR_PAYLOAD_TOO_LARGE' : 'SIEVE_ERR_VALIDATION',
      err.message,
    );
  return undefined;
}
