import { useEffect, useState } from 'react';

/** The value once it has stopped changing for `ms`: validate a condition when the analyst pauses, not at every key. */
export function useDebounced<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}
