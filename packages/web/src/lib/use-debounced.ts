import { useEffect, useRef, useState } from 'react';

/** How long typing in a list's filters must pause before the server is asked again. */
export const FILTER_PAUSE_MS = 300;

/**
 * The value once it has stopped changing for `ms`: validate a condition or
 * search when the person pauses typing, not at every key. Values are
 * compared by content (JSON), so a filter object rebuilt at every render
 * does not restart the wait.
 */
export function useDebounced<T>(value: T, ms = 400): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the value's content
  useEffect(() => {
    const t = setTimeout(() => setSettled(latest.current), ms);
    return () => clearTimeout(t);
  }, [key, ms]);
  return settled;
}
