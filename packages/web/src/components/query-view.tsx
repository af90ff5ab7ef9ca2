import type { ReactNode } from 'react';
import { Empty, ErrorNotice, Loading } from './notices.tsx';

/** The part of a TanStack query (plain or infinite) that says what to show. */
export interface QueryState<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
}

/**
 * What a page shows of something it reads: "Loading…" until the answer
 * comes, the error in words if it failed, a sentence when there is nothing
 * (when `isEmpty` says so), and otherwise `children` drawn from the data.
 *
 * @example
 * <QueryView query={models} what="Models" isEmpty={(d) => d.length === 0} empty="No model registered yet.">
 *   {(d) => <ModelTable models={d} />}
 * </QueryView>
 */
export function QueryView<T>({
  query,
  what,
  loading,
  isEmpty,
  empty,
  children,
}: {
  query: QueryState<T>;
  /** What was being read, for the error ("The search failed: …"). */
  what: string;
  /** Words while waiting, "Loading" when not given. */
  loading?: string;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading what={loading} />;
  if (query.isError) return <ErrorNotice error={query.error} what={what} />;
  if (query.data === undefined) return <Loading what={loading} />;
  if (isEmpty?.(query.data)) return <Empty>{empty}</Empty>;
  return <>{children(query.data)}</>;
}
