/** Messages between {@link openPgliteWorkerClient} and the database thread (pglite-worker.ts). */
export type WorkerRequest =
  | { op: 'query'; id: number; tx?: number; sql: string; params: readonly unknown[]; prepared?: string }
  | { op: 'exec'; id: number; tx?: number; sql: string }
  | {
      op: 'copy';
      id: number;
      tx?: number;
      table: string;
      columns: readonly string[];
      rows: string | Uint8Array;
    }
  | { op: 'begin'; id: number; tx?: undefined }
  | { op: 'end'; id: number; tx: number; commit: boolean }
  | { op: 'call'; id: number; tx?: undefined; name: string; args: unknown }
  | { op: 'close'; id: number; tx?: undefined };

/**
 * An answer to the request with the same id. A transaction opened by 'begin'
 * with id n is answered twice: n when it is open, -n when it has ended.
 * Id 0 says the database is ready (or could not start).
 */
export type WorkerReply =
  | { id: number; ok: true; rows?: unknown[]; result?: unknown }
  | { id: number; ok: false; message: string; fields: Record<string, string> };
