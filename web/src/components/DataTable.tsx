import type { ReactNode } from 'react';
import { useState } from 'react';

/** One column: header text, cell renderer, optional numeric alignment and sort key. */
export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  numeric?: boolean;
  /** Long text (a message): wraps instead of widening the table. */
  wrap?: boolean;
  /** When given, the header sorts the rows by this value (nulls last in either direction). */
  sortValue?: (row: T) => string | number | null;
}

/** Which column the rows are sorted by, and which way. */
export interface SortState {
  key: string;
  dir: 'asc' | 'desc';
}

/** Rows sorted by a column's `sortValue`: numbers by value, text in Chinese collation, nulls last. */
export function sortRows<T>(rows: readonly T[], columns: readonly Column<T>[], sort: SortState | null): T[] {
  const col = sort === null ? undefined : columns.find((c) => c.key === sort.key);
  if (sort === null || col?.sortValue === undefined) return [...rows];
  const value = col.sortValue;
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (typeof x === 'number' && typeof y === 'number') return sign * (x - y);
    return sign * String(x).localeCompare(String(y), 'zh-CN');
  });
}

/**
 * A plain data table; rows are clickable when `onRow` is given. Columns with a `sortValue` sort on
 * a click of their header (descending first for numbers); pass `sort`/`onSort` to hold the state
 * outside (e.g. to page the sorted rows), or let the table hold it.
 */
export function DataTable<T>({
  rows,
  columns,
  rowKey,
  onRow,
  testId,
  sort,
  onSort,
}: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string | number;
  onRow?: (row: T) => void;
  testId?: string;
  sort?: SortState | null;
  onSort?: (sort: SortState) => void;
}) {
  const [ownSort, setOwnSort] = useState<SortState | null>(null);
  const controlled = onSort !== undefined;
  const current = controlled ? (sort ?? null) : ownSort;
  const shown = controlled ? rows : sortRows(rows, columns, current);
  const toggle = (c: Column<T>): void => {
    const first = c.numeric ? 'desc' : 'asc';
    const next: SortState =
      current?.key === c.key
        ? { key: c.key, dir: current.dir === 'asc' ? 'desc' : 'asc' }
        : { key: c.key, dir: first };
    if (controlled) onSort(next);
    else setOwnSort(next);
  };
  return (
    <div className="table-wrap" data-testid={testId}>
      <table className="data">
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                className={c.numeric ? 'num' : undefined}
                aria-sort={
                  current?.key === c.key ? (current.dir === 'asc' ? 'ascending' : 'descending') : undefined
                }
              >
                {c.sortValue === undefined ? (
                  c.header
                ) : (
                  <button type="button" className="th-sort" onClick={() => toggle(c)}>
                    {c.header}
                    <span className="sort-mark">
                      {current?.key === c.key ? (current.dir === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr
              key={rowKey(row)}
              className={onRow ? 'clickable' : undefined}
              onClick={onRow ? () => onRow(row) : undefined}
            >
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : c.wrap === true ? 'wrap' : undefined}>
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
