import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { DeclarationSummary, Page } from '../api/types.ts';

/** The day `days` before an ISO date, as `YYYY-MM-DD`. */
export function daysBefore(iso: string, days: number): string {
  const d = new Date(iso);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * The last `days` days of data, as `YYYY-MM-DD` days (both included): up to
 * the newest declaration lodged, not up to today, since archives, imported
 * data sets and the demo's generated data end in the past. Undefined until
 * known; today's window if the newest declaration cannot be read.
 */
export function useDataWindow(days: number): { from: string; to: string } | undefined {
  const newest = useQuery({
    queryKey: ['declarations', 'newest'],
    queryFn: ({ signal }) =>
      api<Page<DeclarationSummary>>('/api/declarations', { query: { limit: 1 }, signal }),
    staleTime: 5 * 60_000,
  });
  const last =
    newest.data?.items[0]?.lodgedAt ?? (newest.isError || newest.data ? new Date().toISOString() : undefined);
  return last ? { from: daysBefore(last, days), to: last.slice(0, 10) } : undefined;
}
