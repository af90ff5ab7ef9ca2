import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Bounds (s) of the server's timing histograms: fine where its targets are (10 ms), coarse beyond. */
const SECONDS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/** The server's own Prometheus metrics: one registry per server, so tests can run several. */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'sieve_http_request_duration_seconds',
    help: 'HTTP requests by method, route and status, and how long they took',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly logins = new Counter({
    name: 'sieve_logins_total',
    help: 'Login attempts by outcome (ok, failed, locked)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  readonly intakeRecords = new Counter({
    name: 'sieve_intake_records_total',
    help: 'Records taken in over HTTP, by outcome (accepted, quarantined)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });
  /** The group commits' batches (services/group-commit.ts): how long each batch's write took, and its size. */
  readonly storeBatchSeconds = new Histogram({
    name: 'sieve_store_batch_seconds',
    help: 'Batches the server wrote for requests waiting on them (assessment: real-time assessments; intake: single records), by writer: seconds from the start of the write to its commit',
    labelNames: ['writer'] as const,
    buckets: SECONDS,
    registers: [this.registry],
  });
  readonly storeBatchRequests = new Histogram({
    name: 'sieve_store_batch_requests',
    help: 'Requests written together in one batch (one transaction), by writer',
    labelNames: ['writer'] as const,
    buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000],
    registers: [this.registry],
  });
  readonly auditEntries = new Counter({
    name: 'sieve_audit_entries_total',
    help: 'Audit log entries written by the server, by action',
    labelNames: ['action'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'sieve_' });
  }
}

/** GET /metrics in Prometheus' text format, and the request timings behind it. */
export const metricsPlugin = fp(
  async (app: FastifyInstance, opts: { metrics: ServerMetrics }) => {
    const { metrics } = opts;
    app.addHook('onResponse', async (request, reply) => {
      metrics.httpDuration.observe(
        {
          method: request.method,
          // The route pattern, not the URL: ids in paths would make one series per declaration.
          route: request.routeOptions.url ?? 'unmatched',
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1000,
      );
    });
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      reply.type(metrics.registry.contentType);
      return metrics.registry.metrics();
    });
  },
  { name: 'sieve-metrics', dependencies: ['sieve-auth'] },
);
