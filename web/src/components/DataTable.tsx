import type { ReactNode } from 'react';

/** One column: header text, cell renderer, optional numeric alignment. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
}

/** A plain data table; rows are clickable when `onRow` is given. */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  onRow,
  testId,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  onRow?: (row: T) => void;
  testId?: string;
}) {
  return (
    <div className="table-wrap" data-testid={testId}>
      <table className="data">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} className={c.numeric ? 'num' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              className={onRow ? 'clickable' : undefined}
              onClick={onRow ? () => onRow(row) : undefined}
            >
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
