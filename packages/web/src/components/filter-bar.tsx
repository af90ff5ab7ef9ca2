import type { ReactNode } from 'react';

/**
 * The row of filters above a list. The filters apply as they change, so the
 * form never submits; `onClear`, when given, adds the "Clear" link that
 * empties them all.
 *
 * @example <FilterBar label="Filters" onClear={clear}><Field label="Office" … /></FilterBar>
 */
export function FilterBar({
  label,
  onClear,
  children,
}: {
  label: string;
  onClear?: () => void;
  children: ReactNode;
}) {
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label={label}>
      {children}
      {onClear ? (
        <button type="button" className="link" onClick={onClear}>
          Clear
        </button>
      ) : null}
    </form>
  );
}
