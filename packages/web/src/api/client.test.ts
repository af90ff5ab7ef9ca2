import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError, fieldErrors, isMissingEndpoint, withQuery } from './client.ts';

describe('API client', () => {
  it('leaves blank filters out of the query string', () => {
    assert.equal(
      withQuery('/api/queue', { office: '', lane: 'red', limit: 100, from: undefined }),
      '/api/queue?lane=red&limit=100',
    );
    assert.equal(withQuery('/api/queue', {}), '/api/queue');
  });

  it('tells a missing endpoint from a missing record', () => {
    const route = new ApiError('GET /api/dashboard', 404, {
      code: 'SIEVE_ERR_ROUTE_NOT_FOUND',
      message: 'no route',
    });
    const record = new ApiError('GET /api/declarations/X', 404, {
      code: 'SIEVE_ERR_DECLARATION_NOT_FOUND',
      message: 'no declaration',
    });
    assert.ok(isMissingEndpoint(route));
    assert.ok(!isMissingEndpoint(record));
  });

  it('keys validation problems by field', () => {
    const err = new ApiError('POST /api/inspections', 400, {
      code: 'SIEVE_ERR_VALIDATION',
      message: 'bad',
      details: [
        { in: 'body', field: 'findings[0].amount', expected: 'a number' },
        { in: 'body', field: 'startedAt', message: 'expected a date-time' },
      ],
    });
    assert.deepEqual(fieldErrors(err), {
      'findings[0].amount': 'expected a number',
      startedAt: 'expected a date-time',
    });
  });
});
