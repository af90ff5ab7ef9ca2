import type { FastifyInstance } from 'fastify';

/**
 * A JSON body as it arrived, not parsed yet: for records that intake parses
 * and validates itself, so the text is parsed once (not by Fastify, then
 * written out and parsed again) and, when the record validates unchanged,
 * stored as received.
 */
export class ReceivedJson {
  constructor(readonly text: string) {}
}

/**
 * Makes the routes of this plugin scope receive `application/json` bodies
 * as {@link ReceivedJson}. Register the routes that want it in a scope of
 * their own: other routes keep Fastify's parser and its checks.
 */
export function receiveJsonAsText(scope: FastifyInstance): void {
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    done(null, new ReceivedJson(body as string));
  });
}

/** The JSON text of a body, received as such or parsed by Fastify. */
export function jsonTextOf(body: unknown): string {
  return body instanceof ReceivedJson ? body.text : JSON.stringify(body);
}
