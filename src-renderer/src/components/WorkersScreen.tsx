import { anyOption, hiringStatusLabels, hiringTypeLabels, optionsOf } from '../lib/labels';
import { sensitiveDataNote } from '../lib/sensitive-data';
import { CONTRACTS_LIMITS, CONTRACTS_NO_STATUS } from '../lib/worker-view';
import '../styles/workers.css';
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
import { useVisibleWorkers } from './use-visible-workers';
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
  const count = useVisibleWorkers().length;
  const liveOnly = useWorkersStore((s) => s.filters.liveOnly);
  const failed = useWorkersStore((s) => s.error !== undefined && s.error.kind !== 'rate-limit');
  // A stable marker for "loading finished" (tests and the bench read it, not the text).
  const state = useWorkersStore(loadStateOf);
  const shownSearch = useWorkersStore((s) => s.shownSearch);
  const retryNote = retrying && (
    <span className="retry-note" data-testid="workers-retrying">
      Rate limited, retrying…
    </span>
  );
  if (loading && !done) {
    return (
      <div
        className="load-progress"
        data-testid="load-progress"
        data-state={state}
        data-search={shownSearch}
      >
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
      <p
        className="load-progress"
        role="status"
        data-testid="load-progress"
        data-state={state}
        data-search={shownSearch}
      >
        {retryNote}
      </p>
    );
  }
  return (
    <p
      className="load-progress"
      role="status"
      data-testid="load-progress"
      data-state={state}
      data-search={shownSearch}
    >
      {count.toLocaleString('en-US')} {count === 1 ? 'worker' : 'workers'}
      {liveOnly && ' with a live token'}
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
  const toggleLiveOnly = useWorkersStore((s) => s.toggleLiveOnly);
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
          title={statusApplies ? undefined : CONTRACTS_NO_STATUS}
          describedBy={statusApplies ? undefined : 'contracts-limits'}
        />
        <button
          type="button"
          className="preset"
          aria-pressed={filters.hiringType === 'eor'}
          onClick={toggleEorOnly}
        >
          EOR only
        </button>
        <button
          type="button"
          className="preset"
          aria-pressed={filters.liveOnly}
          onClick={toggleLiveOnly}
          data-testid="filter-live-only"
          title="Only the workers of this list whose token is live (the console's own filter)"
        >
          Live token only
        </button>
        <LoadProgress />
      </div>
      {!statusApplies && (
        <p
          className="note note-info workers-source-note"
          id="contracts-limits"
          data-testid="contracts-limits"
        >
          {CONTRACTS_LIMITS}
        </p>
      )}
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
