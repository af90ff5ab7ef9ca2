/**
 * The one way the workbench talks to the server: JSON over fetch, same
 * origin, the session in the HttpOnly cookie the login set (scripts never
 * hold the token). Errors come back as {@link ApiError} with the server's
 * stable code (SIEVE_ERR_...), so pages can say what went wrong.
 */

/** The error answer of every Sieve endpoint (the server's `Error` schema). */
export interface ApiErrorBody {
  code: string;
  message: string;
  statusCode: number;
  requestId?: string;
  details?: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  readonly requestId: string | undefined;
  /** `METHOD /path` of the request, to name a missing endpoint. */
  readonly endpoint: string;

  constructor(endpoint: string, status: number, body: Partial<ApiErrorBody>) {
    super(body.message ?? `the server answered ${status}`);
    this.endpoint = endpoint;
    this.status = status;
    this.code = body.code ?? `HTTP_${status}`;
    this.details = body.details;
    this.requestId = body.requestId;
  }
}

/**
 * True when the server has no such route: it is older than the workbench, or
 * the feature has not landed yet. Pages then say which endpoint is missing
 * rather than showing a broken table.
 */
export function isMissingEndpoint(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 404 && err.code === 'SIEVE_ERR_ROUTE_NOT_FOUND';
}

export function isUnauthenticated(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 401;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

/** `/api/x?a=1`, leaving out empty values so that blank filters mean "any". */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** Listeners told when any request answers 401, so the app can send the person back to the login page. */
const unauthenticatedListeners = new Set<() => void>();
export function onUnauthenticated(listener: () => void): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * Calls the API and parses the JSON answer.
 *
 * @example const me = await api<Me>('/api/auth/me');
 */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const url = withQuery(path, opts.query);
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
  };
  if (opts.signal) init.signal = opts.signal;
  if (opts.body !== undefined) {
    init.body = JSON.stringify(opts.body);
    init.headers = { ...init.headers, 'content-type': 'application/json' };
  }
  const res = await fetch(url, init);
  const endpoint = `${method} ${path}`;
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const err = new ApiError(endpoint, res.status, (parsed ?? {}) as Partial<ApiErrorBody>);
    // The login itself answers 401 for a wrong password: that is not a lapsed session.
    if (res.status === 401 && path !== '/api/auth/login') for (const l of unauthenticatedListeners) l();
    throw err;
  }
  return parsed as T;
}

/** Field problems of a validation error (`details` of SIEVE_ERR_VALIDATION), keyed by field. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError) || !Array.isArray(err.details)) return {};
  const out: Record<string, string> = {};
  for (const d of err.details as { field?: unknown; message?: unknown; expected?: unknown }[]) {
    if (typeof d?.field !== 'string') continue;
    const text =
      typeof d.message === 'string'
        ? d.message
        : typeof d.expected === 'string'
          ? `expected ${d.expected}`
          : '';
    out[d.field] = out[d.field] ? `${out[d.field]}; ${text}` : text;
  }
  return out;
}
