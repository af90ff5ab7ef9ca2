import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

/**
 * Filters kept in the page's URL, so that a filtered queue can be bookmarked,
 * shared with a colleague, and survives a reload.
 */
export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = useMemo(
    () => Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>,
    [params, keys],
  );
  const set = useCallback(
    (key: K, value: string) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value) next.set(key, value);
          else next.delete(key);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setMany = useCallback(
    (patch: Partial<Record<K, string>>) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(patch) as [K, string | undefined][]) {
            if (v) next.set(k, v);
            else next.delete(k);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);
  return { values, set, setMany, clear };
}

/** A date input's `2026-02-03` as the start of that day in ISO, for `from` filters. */
export function dayStart(day: string): string | undefined {
  return day ? `${day}T00:00:00Z` : undefined;
}

/** The day after, for `to` filters that are exclusive ("lodged before"). */
export function dayAfter(day: string): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

/** The days a person picked, both included, as the `from`/`to` instants the server takes (`to` exclusive). */
export function dayPeriod(from: string, to: string): { from: string | undefined; to: string | undefined } {
  return { from: dayStart(from), to: dayAfter(to) };
}
