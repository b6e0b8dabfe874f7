import { memo } from 'react';
import type { WorkerRow } from '../../../src-shared/contract';
import { hiringStatusLabels, hiringTypeLabels, labelOf } from '../lib/labels';
import { workerDisplayName } from '../lib/sensitive-data';
import { CONTRACTS_NO_SORT } from '../lib/worker-view';
import {
  sourceSupportsStatusAndSort,
  useWorkersStore,
  type WorkerSortKey,
} from '../stores/workers-store';
import { TokenStateCell } from './TokenStateCell';
import { useVirtualRows } from './use-virtual-rows';
import { useVisibleWorkers } from './use-visible-workers';

export const ROW_HEIGHT = 40;

/** `token` is the console's own order (by token state); the others are Deel's sort keys. */
const columns: { key: WorkerSortKey | 'token'; label: string }[] = [
  { key: 'full_name', label: 'Name' },
  { key: 'email', label: 'Email' },
  { key: 'country', label: 'Country' },
  { key: 'hiring_type', label: 'Hiring type' },
  { key: 'hiring_status', label: 'Status' },
  { key: 'token', label: 'Token' },
];

interface RowProps {
  row: WorkerRow;
  index: number;
  start: number;
  selected: boolean;
  /** Whether this row holds the table's one Tab stop. */
  tabStop: boolean;
  onSelect: (row: WorkerRow) => void;
  onFocusRow: (index: number) => void;
}

/** One row: memoised, fixed height, no timers of its own. */
const WorkerRowView = memo(function WorkerRowView({
  row,
  index,
  start,
  selected,
  tabStop,
  onSelect,
  onFocusRow,
}: RowProps) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-current={selected ? 'true' : undefined}
      className={selected ? 'wt-row wt-selected' : 'wt-row'}
      style={{ transform: `translateY(${start}px)` }}
      data-testid="worker-row"
      data-worker-id={row.id}
      data-row-index={index}
      onClick={() => onSelect(row)}
    >
      <div role="cell" className="wt-cell wt-name">
        <button
          type="button"
          className="linklike"
          tabIndex={tabStop ? 0 : -1}
          title={row.email ? `${row.name} (${row.email})` : undefined}
          onFocus={() => onFocusRow(index)}
          onClick={(event) => {
            event.stopPropagation();
            onSelect(row);
          }}
        >
          {workerDisplayName(row.name)}
        </button>
      </div>
      <div role="cell" className="wt-cell" title={row.email ?? undefined}>
        {row.email ?? '—'}
      </div>
      <div role="cell" className="wt-cell">
        {row.country ?? '—'}
      </div>
      <div role="cell" className="wt-cell">
        {labelOf(hiringTypeLabels, row.hiringType)}
      </div>
      <div role="cell" className="wt-cell">
        {labelOf(hiringStatusLabels, row.hiringStatus)}
      </div>
      <div role="cell" className="wt-cell">
        <TokenStateCell workerId={row.id} />
      </div>
    </div>
  );
});

export function WorkersTable() {
  const rows = useVisibleWorkers();
  const sortBy = useWorkersStore((s) => s.filters.sortBy);
  const sortOrder = useWorkersStore((s) => s.filters.sortOrder);
  const tokenSort = useWorkersStore((s) => s.filters.tokenSort);
  const sort = useWorkersStore((s) => s.sort);
  const sortByToken = useWorkersStore((s) => s.sortByToken);
  const sortable = useWorkersStore((s) => sourceSupportsStatusAndSort(s.filters.source));
  const select = useWorkersStore((s) => s.select);
  const selectedId = useWorkersStore((s) => s.selected?.id);
  const cursor = useWorkersStore((s) => s.cursor);
  const setCursor = useWorkersStore((s) => s.setCursor);
  const emptyText = useWorkersStore((s) =>
    rows.length > 0
      ? undefined
      : s.rows.length > 0 && s.filters.liveOnly
        ? 'No worker in this list has a live token.'
        : s.error && s.error.kind !== 'rate-limit'
          ? 'The workers could not be loaded.'
          : s.loading || s.retrying || !s.done
            ? 'Loading workers…'
            : s.filters.search || s.filters.hiringType || s.filters.hiringStatus
              ? 'No worker matches the search and filters.'
              : 'This organization has no workers.',
  );
  const { scrollRef, virtualizer, onKeyDown, tabStopIndex } = useVirtualRows({
    count: rows.length,
    rowHeight: ROW_HEIGHT,
    overscan: 12,
    cursor,
    setCursor,
    focusTarget: 'button',
  });
  const items = virtualizer.getVirtualItems();

  return (
    <>
      <span id="workers-keys" className="sr-only">
        Up and down arrows, Page Up, Page Down, Home and End move between workers; Enter selects.
      </span>
      <div
        role="table"
        aria-label="Workers"
        aria-describedby="workers-keys"
        aria-rowcount={rows.length + 1}
        className="wt"
        data-testid="workers-table"
      >
        <div role="rowgroup" className="wt-head">
          <div role="row" aria-rowindex={1} className="wt-row wt-head-row">
            {columns.map(({ key: columnKey, label }) => {
              // Contracts come in Deel's own order: no sort controls for them, except the
              // console's own order by token.
              const key = sortable || columnKey === 'token' ? columnKey : null;
              const active =
                key === 'token' ? tokenSort !== undefined : key !== null && key === sortBy;
              const order = key === 'token' ? (tokenSort ?? 'asc') : sortOrder;
              return (
                <div
                  key={label}
                  role="columnheader"
                  className="wt-cell"
                  title={key === null ? CONTRACTS_NO_SORT : undefined}
                  aria-sort={
                    key === null
                      ? undefined
                      : active
                        ? order === 'asc'
                          ? 'ascending'
                          : 'descending'
                        : 'none'
                  }
                >
                  {key === null ? (
                    label
                  ) : (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() => (key === 'token' ? sortByToken() : sort(key))}
                      title={key === 'token' ? 'Sort by token: live tokens first' : undefined}
                      data-testid={key === 'token' ? 'sort-token' : undefined}
                    >
                      {label}
                      <span aria-hidden="true" className="sort-icon">
                        {active ? (order === 'asc' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        <div ref={scrollRef} className="wt-scroll" data-testid="workers-scroll">
          {emptyText && (
            <p className="wt-empty" data-testid="workers-empty">
              {emptyText}
            </p>
          )}
          <div
            role="rowgroup"
            className="wt-body"
            onKeyDown={onKeyDown}
            style={{ height: `${virtualizer.getTotalSize()}px` }}
          >
            {items.map((item) => {
              const row = rows[item.index];
              if (!row) return null;
              return (
                <WorkerRowView
                  key={row.id}
                  row={row}
                  index={item.index}
                  start={item.start}
                  selected={row.id === selectedId}
                  tabStop={item.index === tabStopIndex}
                  onSelect={select}
                  onFocusRow={setCursor}
                />
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
}
