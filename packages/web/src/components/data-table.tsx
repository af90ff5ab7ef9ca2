import type { ReactNode } from 'react';

/** A column heading: its words, or its words and a class (`num` right-aligns figures). */
export type Column = string | { label: string; className: string };

/** A heading for a column of figures, right-aligned like its cells. */
export const num = (label: string): Column => ({ label, className: 'num' });

/**
 * The workbench's table of records: scrolls sideways inside its card when
 * the screen is narrow; `testId` names it for the browser tests. The rows
 * are the children.
 *
 * @example <DataTable testId="models" columns={['Version', num('Rows')]}>{rows}</DataTable>
 */
export function DataTable({
  testId,
  columns,
  compact,
  children,
}: {
  testId?: string;
  columns: readonly Column[];
  /** Denser rows, for long logs. */
  compact?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="table-wrap">
      <table className={compact ? 'table compact' : 'table'} data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c) =>
              typeof c === 'string' ? (
                <th key={c}>{c}</th>
              ) : (
                <th key={c.label} className={c.className}>
                  {c.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** The button under a list that asks for the next page of it. */
export function MoreButton({
  onClick,
  disabled,
  children,
}: {
  onClick: () => void;
  disabled?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="more">
      <button type="button" onClick={onClick} disabled={disabled}>
        {children}
      </button>
    </div>
  );
}
