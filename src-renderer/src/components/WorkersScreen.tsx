import { anyOption, hiringStatusLabels, hiringTypeLabels, optionsOf } from '../lib/labels';
import { sensitiveDataNote } from '../lib/sensitive-data';
import {
  loadStateOf,
  sourceSupportsStatusAndSort,
  useWorkersStore,
  type WorkerSource,
} from '../stores/workers-store';
import { ErrorNote } from './ErrorNote';
import { FilterSelect } from './FilterSelect';
import { OverviewPanel } from './OverviewPanel';
import { TokenPanel } from './TokenPanel';
import { WorkersTable } from './WorkersTable';

/** The filter bar's selects: their labels and choices (the screen binds them to the store). */
const sourceSelect = {
  label: 'Source',
  testId: 'worker-source',
  options: optionsOf<WorkerSource>({ people: 'People', contracts: 'Contracts' }),
};
const hiringTypeSelect = {
  label: 'Hiring type',
  testId: 'filter-hiring-type',
  options: [anyOption, ...optionsOf(hiringTypeLabels)],
};
const statusSelect = {
  label: 'Status',
  testId: 'filter-status',
  options: [anyOption, ...optionsOf(hiringStatusLabels)],
};

function LoadProgress() {
  const loaded = useWorkersStore((s) => s.loaded);
  const total = useWorkersStore((s) => s.total);
  const done = useWorkersStore((s) => s.done);
  const loading = useWorkersStore((s) => s.loading);
  const retrying = useWorkersStore((s) => s.retrying);
  const count = useWorkersStore((s) => s.rows.length);
  const failed = useWorkersStore((s) => s.error !== undefined && s.error.kind !== 'rate-limit');
  // A stable marker for "loading finished" (tests and the bench read it, not the text).
  const state = useWorkersStore(loadStateOf);
  const retryNote = retrying && (
    <span className="retry-note" data-testid="workers-retrying">
      Rate limited, retrying…
    </span>
  );
  if (loading && !done) {
    return (
      <div className="load-progress" data-testid="load-progress" data-state={state}>
        <progress
          max={total ?? undefined}
          value={total ? loaded : undefined}
          aria-label="Loading workers"
        />
        <span role="status">
          Loading {loaded.toLocaleString('en-US')}
          {total !== null && ` of ${total.toLocaleString('en-US')}`}…{retryNote}
        </span>
      </div>
    );
  }
  if (retrying || failed) {
    // A failed load says so above the table; "0 workers" here would be wrong.
    return (
      <p className="load-progress" role="status" data-testid="load-progress" data-state={state}>
        {retryNote}
      </p>
    );
  }
  return (
    <p className="load-progress" role="status" data-testid="load-progress" data-state={state}>
      {count.toLocaleString('en-US')} {count === 1 ? 'worker' : 'workers'}
    </p>
  );
}

export function WorkersScreen() {
  const filters = useWorkersStore((s) => s.filters);
  const setSource = useWorkersStore((s) => s.setSource);
  const setSearch = useWorkersStore((s) => s.setSearch);
  const setHiringType = useWorkersStore((s) => s.setHiringType);
  const setHiringStatus = useWorkersStore((s) => s.setHiringStatus);
  const toggleEorOnly = useWorkersStore((s) => s.toggleEorOnly);
  const error = useWorkersStore((s) => s.error);
  const piiHidden = useWorkersStore((s) => s.piiHidden);
  const run = useWorkersStore((s) => s.run);
  const statusApplies = sourceSupportsStatusAndSort(filters.source);

  return (
    <section className="screen screen-workers" aria-labelledby="screen-title">
      <div className="screen-head">
        <h2 id="screen-title" tabIndex={-1}>
          Workers
        </h2>
        <OverviewPanel />
      </div>
      <div className="toolbar" role="search" aria-label="Find workers">
        <FilterSelect {...sourceSelect} value={filters.source} onChange={setSource} />
        <label className="field field-grow">
          <span>Search</span>
          <input
            type="search"
            value={filters.search}
            placeholder="Name, email, worker id or profile id"
            onChange={(event) => setSearch(event.target.value)}
            data-testid="worker-search"
          />
        </label>
        <FilterSelect {...hiringTypeSelect} value={filters.hiringType} onChange={setHiringType} />
        <FilterSelect
          {...statusSelect}
          value={filters.hiringStatus}
          onChange={setHiringStatus}
          disabled={!statusApplies}
          title={
            statusApplies
              ? undefined
              : 'Contracts have their own statuses: this filter applies to People only.'
          }
        />
        <button
          type="button"
          className="preset"
          aria-pressed={filters.hiringType === 'eor'}
          onClick={toggleEorOnly}
        >
          EOR only
        </button>
        <LoadProgress />
      </div>
      {error && error.kind !== 'rate-limit' && (
        <ErrorNote
          error={error}
          context="Loading workers"
          onRetry={() => void run()}
          testId="workers-error"
        />
      )}
      {piiHidden && (
        <p className="note note-warning" role="status" data-testid="sensitive-data-hidden">
          {sensitiveDataNote(filters.search)}
        </p>
      )}
      <div className="workers-layout">
        <WorkersTable />
        <TokenPanel />
      </div>
    </section>
  );
}
