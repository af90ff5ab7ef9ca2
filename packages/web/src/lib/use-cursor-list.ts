import { useInfiniteQuery } from '@tanstack/react-query';
import { api, type Query } from '../api/client.ts';
import { FILTER_PAUSE_MS, useDebounced } from './use-debounced.ts';

/** Where the next page starts: the server's opaque cursor, a string or an id. */
type Cursor = string | number;

/**
 * A list the server hands out a page at a time (`nextCursor`), filtered by
 * `query`: the pages read so far come back as one array (`data`), and
 * `fetchNextPage` reads the next. The filter is debounced, so typing in it
 * asks the server once the typing pauses, not at every key.
 *
 * @example const list = useCursorList('declarations', '/api/declarations', { office, limit: 50 }, (p: Page<DeclarationSummary>) => p.items);
 */
export function useCursorList<P extends { nextCursor: Cursor | null }, T>(
  key: string,
  path: string,
  query: Query,
  itemsOf: (page: P) => T[],
) {
  const settled = useDebounced(query, FILTER_PAUSE_MS);
  return useInfiniteQuery<P, Error, T[], readonly unknown[], Cursor | undefined>({
    queryKey: [key, settled],
    queryFn: ({ pageParam, signal }) => api<P>(path, { query: { ...settled, cursor: pageParam }, signal }),
    initialPageParam: undefined as Cursor | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap(itemsOf),
  });
}
